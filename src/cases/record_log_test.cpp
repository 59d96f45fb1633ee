// 記録 as a dated log (SPEC CASE-5, issue 14) on both databases: entries are only ever added,
// 現在のステータス (patients.status, the patient's record) is the latest status entry's and moves
// in the same transaction, and the migration turns each patient's former record into one entry.
#include "cases/record_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/demo.h"
#include "cases/json.h"
#include "cases/record_store.h"
#include "cases/records.h"
#include "cases/store.h"
#include "identity/directory.h"
#include "platform/db/migrations.h"
#include "platform/errors.h"
#include "test_support.h"

namespace hersys::cases {
namespace {
using identity::Caller;

class RecordLogStore : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void seed() {
    for (auto& s : app::seed_demo(*db_, clock_)) {
      Caller c;
      c.account = s.account;
      c.organisation = s.organisation;
      if (s.organisation.parent_id) {
        auto session = db_->read();
        c.parent = identity::find_organisation(session, *s.organisation.parent_id);
      }
      callers_.emplace(s.key, c);
    }
  }

  // A patient the clinic entered in the Tama health center's area. `before_0019`: written
  // with the columns the patients table had before db/0019 (for a migration test, which runs
  // on that older schema), without its access rows.
  Patient add_patient(bool before_0019 = false) {
    Patient p;
    p.identity.name = "記録 花子";
    p.identity.kana = "キロク ハナコ";
    p.identity.sex = Sex::female;
    p.identity.birth_date = "1950-04-01";
    p.created_by = callers_.at("clinic").organisation.id;
    p.area_health_center_id = callers_.at("hc-tama").organisation.id;
    p.responsible_health_center_id = p.area_health_center_id;
    p.reported_on = "2026-11-20";
    p.created_at = p.updated_at = "2026-11-20T01:00:00Z";
    auto tx = db_->write();
    if (before_0019) {
      p.version = 1;
      p.id = tx.query_one(
                   "INSERT INTO patients (name_key, kana_key, birth_date, phone_key, "
                   "reported_on, responsible_health_center_id, data, updated_at, "
                   "created_by, area_health_center_id, version, created_at) VALUES "
                   "('', '', ?, '', ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
                   {p.identity.birth_date, p.reported_on, *p.responsible_health_center_id,
                    patient_document(p), p.updated_at, p.created_by, p.area_health_center_id,
                    p.created_at})
                 ->integer(0);
    } else {
      insert_patient(tx, p);
    }
    tx.commit();
    return p;
  }

  RecordEntry status(Status s, std::string on) {
    RecordEntry e;
    e.kind = RecordEntryKind::status;
    e.status = s;
    e.effective_on = std::move(on);
    return e;
  }

  std::optional<std::string> status_column(std::int64_t id) {
    auto session = db_->read();
    return session.query_one("SELECT status FROM patients WHERE id = ?", {id})->optional_text(0);
  }

  std::vector<RecordEntry> all(std::int64_t id) {
    auto session = db_->read();
    return entries_of(session, id, 0, 100);
  }

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} +
                     std::chrono::hours(1)};
  test::TestDatabase db_{GetParam()};
  std::map<std::string, Caller> callers_;
  identity::Origin origin_{"127.0.0.1", "test"};
};

INSTANTIATE_TEST_SUITE_P(Backends, RecordLogStore, test::kBothDatabases, test::database_test_name);

// CASE-5: a status written today but effective yesterday does not override one effective
// today; notes leave the status; nothing written is ever changed.
TEST_P(RecordLogStore, EntriesAreOnlyAddedAndTheLatestStatusEntryIsTheCurrentStatus) {
  db::migrate(*db_, clock_);
  seed();
  const auto p = add_patient();
  RecordLog log(*db_, clock_);
  const auto& hc = callers_.at("hc-tama");
  log.add(hc, p.id, status(Status::home, "2026-11-19"), origin_);
  EXPECT_EQ(status_column(p.id), "home");
  const auto first = all(p.id);

  clock_.advance(std::chrono::minutes(5));
  RecordEntry note;
  note.note = "電話で経過を確認";
  note.effective_on = "2026-11-21";
  log.add(hc, p.id, note, origin_);
  EXPECT_EQ(status_column(p.id), "home");

  clock_.advance(std::chrono::minutes(5));
  log.add(hc, p.id, status(Status::hospital, "2026-11-21"), origin_);
  EXPECT_EQ(status_column(p.id), "hospital");
  // Back-dated: in the log, not the current status.
  clock_.advance(std::chrono::minutes(5));
  log.add(hc, p.id, status(Status::lodging, "2026-11-20"), origin_);
  EXPECT_EQ(status_column(p.id), "hospital");
  // The same effective date, written later: it decides.
  clock_.advance(std::chrono::minutes(5));
  log.add(callers_.at("clinic"), p.id, status(Status::released, "2026-11-21"), origin_);
  EXPECT_EQ(status_column(p.id), "released");
  {
    auto session = db_->read();
    const auto patient = patient_in(session, p.id);
    EXPECT_EQ(patient.record.status, Status::released);
    EXPECT_EQ(patient.record.effective_on, "2026-11-21");
  }

  const auto entries = all(p.id);
  ASSERT_EQ(entries.size(), 5u);
  std::vector<std::string> order;
  for (const auto& e : entries) {
    order.push_back(e.status ? std::string(name_of(*e.status)) : std::string("note"));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"released", "hospital", "note", "lodging", "home"}));
  EXPECT_EQ(entries[0].organisation_name, "府中駅前内科クリニック");
  EXPECT_EQ(entries[1].account_name, hc.account.display_name);
  // The first entry is as it was written.
  EXPECT_EQ(nlohmann::json(entries.back()), nlohmann::json(first.front()));
  {
    auto session = db_->read();
    EXPECT_EQ(count_entries(session, p.id), 5);
    EXPECT_EQ(entries_of(session, p.id, 3, 10).size(), 2u);  // paged
  }

  // A wrong entry is refused whole: nothing added, the status unchanged.
  auto dead = status(Status::dead, "2026-11-21");
  EXPECT_THROW(log.add(hc, p.id, dead, origin_), Problem);
  EXPECT_EQ(all(p.id).size(), 5u);
  EXPECT_EQ(status_column(p.id), "released");
  // The follow-up center is not linked: refused, nothing added.
  EXPECT_THROW(log.add(callers_.at("followup"), p.id, note, origin_), Problem);
  EXPECT_EQ(all(p.id).size(), 5u);
}

// issue 14: what the 記録 tab held before the log is one entry, written by the system at the
// patient's last change; an outcome typed freely still reads.
TEST_P(RecordLogStore, TheMigrationKeepsEachPatientsFormerRecordAsOneEntry) {
  auto migrations = db::migrations_for(db_->dialect(), embedded_files());
  const auto log_at = std::find_if(migrations.begin(), migrations.end(),
                                   [](const auto& m) { return m.name == "0018_record_entries"; });
  ASSERT_NE(log_at, migrations.end());
  db::migrate(*db_, {migrations.begin(), log_at}, clock_);
  seed();
  const auto dead = add_patient(true);
  const auto noted = add_patient(true);
  const auto none = add_patient(true);
  const auto old_document = [&](const Patient& p, nlohmann::json record) {
    auto document = nlohmann::json::parse(patient_document(p));
    document["record"] = std::move(record);
    document["medical"]["outcome"] = "軽快";
    auto tx = db_->write();
    tx.execute("UPDATE patients SET data = ?, status = ?, updated_at = ? WHERE id = ?",
               {document.dump(),
                db::nullable(document["record"]["status"].is_string()
                                 ? document["record"]["status"].get<std::string>()
                                 : std::string()),
                std::string("2026-11-20T03:04:05Z"), p.id});
    tx.commit();
  };
  old_document(dead, {{"status", "dead"},
                      {"death_date", "2026-11-20"},
                      {"death_place", "自宅"},
                      {"note", "家族より連絡"}});
  old_document(noted, {{"status", nullptr},
                       {"death_date", ""},
                       {"death_place", ""},
                       {"note", "電話がつながらない"}});
  old_document(none, {{"status", nullptr}, {"death_date", ""}, {"death_place", ""}, {"note", ""}});

  db::migrate(*db_, migrations, clock_);
  auto entries = all(dead.id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind, RecordEntryKind::status);
  EXPECT_EQ(entries[0].status, Status::dead);
  EXPECT_EQ(entries[0].death_date, "2026-11-20");
  EXPECT_EQ(entries[0].death_place, "自宅");
  EXPECT_EQ(entries[0].note, "家族より連絡");
  EXPECT_EQ(entries[0].account_id, std::nullopt);  // the system
  EXPECT_EQ(entries[0].written_at, "2026-11-20T03:04:05Z");
  EXPECT_EQ(entries[0].effective_on, "2026-11-20");
  entries = all(noted.id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind, RecordEntryKind::note);
  EXPECT_EQ(entries[0].note, "電話がつながらない");
  EXPECT_TRUE(all(none.id).empty());

  auto session = db_->read();
  const auto patient = patient_in(session, dead.id);
  EXPECT_EQ(patient.record.status, Status::dead);
  EXPECT_EQ(patient.record.death_place, "自宅");
  EXPECT_EQ(patient.medical.outcome, MedicalOutcome::improved);
}

}  // namespace
}  // namespace hersys::cases
