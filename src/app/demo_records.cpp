#include "app/demo_records.h"

#include "cases/record_store.h"
#include "cases/records.h"
#include "cases/store.h"
#include "cases/validation.h"
#include "identity/store.h"
#include "platform/time/format.h"

namespace hersys::app {
namespace {
using namespace std::chrono;
using cases::DeathPlace;
using cases::RecordEntryKind;
using cases::Status;

struct DemoEntry {
  int days_ago;
  RecordEntryKind kind;
  std::optional<Status> status;
  const char* note;
  bool by_health_center;
};

// Cycled over the patients: a course of care as a nurse writes it down.
const std::vector<std::vector<DemoEntry>> kCourses = {
    {{6, RecordEntryKind::status, Status::home, "", true},
     {4, RecordEntryKind::note, std::nullopt, "電話で体調を確認。発熱 37.8℃、食事はとれている。",
      true},
     {2, RecordEntryKind::status, Status::awaiting_admission, "SpO2 93%。入院調整を開始。", true},
     {1, RecordEntryKind::status, Status::hospital, "多摩中央総合病院に入院。", true}},
    {{5, RecordEntryKind::status, Status::lodging, "宿泊療養施設へ移動。", true},
     {3, RecordEntryKind::note, std::nullopt, "施設より連絡：症状は軽快傾向。", false},
     {0, RecordEntryKind::status, Status::released, "療養期間の終了を確認。", true}},
    {{4, RecordEntryKind::status, Status::home, "", true},
     {1, RecordEntryKind::note, std::nullopt, "パルスオキシメーターを配送。", true}},
};

}  // namespace

std::int64_t seed_demo_record_entries(db::Database& database, const Clock& clock, int count) {
  const auto now = clock.now();
  const auto today = sys_days(tokyo_date(now));
  auto tx = database.write();
  const auto tama = identity::find_organisation_by_code(tx, "HC13-00001");
  if (!tama) return 0;
  const auto account_of = [&](std::int64_t organisation) -> std::optional<std::int64_t> {
    const auto row =
        tx.query_one("SELECT MIN(id) FROM accounts WHERE organisation_id = ?", {organisation});
    return row && !row->is_null(0) ? row->optional_integer(0) : std::nullopt;
  };
  // A demo run again adds none: the health center has written its entries already.
  if (tx.query_one("SELECT 1 FROM record_entries WHERE organisation_id = ? LIMIT 1", {tama->id})) {
    return 0;
  }
  const auto nurse = account_of(tama->id);
  const auto patients = tx.query(
      "SELECT p.id FROM patients p WHERE p.responsible_health_center_id = ? "
      "AND p.hersys_id IS NOT NULL AND NOT EXISTS "
      "(SELECT 1 FROM record_entries e WHERE e.patient_id = p.id) "
      "ORDER BY p.reported_on DESC, p.id DESC LIMIT ?",
      {tama->id, static_cast<std::int64_t>(count)});
  std::int64_t added = 0;
  for (const auto& row : patients.rows) {
    auto patient = cases::patient_in(tx, row.integer(0));
    const auto& course = kCourses[added % kCourses.size()];
    for (size_t i = 0; i < course.size(); ++i) {
      const auto& d = course[i];
      cases::RecordEntry e;
      e.patient_id = patient.id;
      e.kind = d.kind;
      e.status = d.status;
      e.note = d.note;
      e.effective_on = iso_date(year_month_day(today - days(d.days_ago)));
      const auto organisation = d.by_health_center ? tama->id : patient.created_by;
      e.organisation_id = organisation;
      e.account_id = d.by_health_center ? nurse : account_of(organisation);
      // Written on the day it took effect, in the afternoon (Tokyo), one after the other.
      e.written_at = iso8601_utc(sys_days(year_month_day(today - days(d.days_ago))) + hours(5) +
                                 minutes(10 * static_cast<int>(i)));
      if (e.written_at > iso8601_utc(now)) e.written_at = iso8601_utc(now);
      cases::insert_entry(tx, e);
    }
    if (const auto latest = cases::latest_status_entry(tx, patient.id)) {
      patient.record = cases::record_of(*latest);
      patient.updated_at = iso8601_utc(now);
      cases::update_patient(tx, patient);
    }
    ++added;
  }
  tx.commit();
  return added;
}

}  // namespace hersys::app
