#include "cases/record_log.h"

#include "audit/log.h"
#include "cases/json.h"
#include "cases/record_store.h"
#include "cases/records.h"
#include "cases/store.h"
#include "cases/validation.h"
#include "identity/auth.h"
#include "platform/errors.h"
#include "platform/http/params.h"
#include "platform/time/format.h"

namespace hersys::cases {
namespace {
using identity::Action;
using identity::Caller;
using identity::Origin;
using nlohmann::json;

bool same(const Record& a, const Record& b) {
  return a.status == b.status && a.effective_on == b.effective_on && a.death_date == b.death_date &&
         a.death_place_kind == b.death_place_kind && a.death_place == b.death_place;
}

}  // namespace

RecordPage RecordLog::page(const Caller& caller, std::int64_t patient_id, const Origin& origin,
                           std::int64_t offset, int limit) {
  const auto access = authorise(database_, clock_, caller, Action::read_case, patient_id, origin);
  RecordPage page;
  page.offset = offset;
  page.limit = limit;
  {
    auto session = database_.read();
    page.current = patient_in(session, patient_id).record;
    page.entries = entries_of(session, patient_id, offset, limit);
    page.total = count_entries(session, patient_id);
  }
  page.may_write = access.permits(caller, Action::write_case);
  auto event =
      access.event(caller, origin, audit::Action::read, "case.read", "Patient", patient_id);
  event.add_detail("record");
  audit::Change(std::move(event), clock_.now()).record(database_);
  return page;
}

RecordEntry RecordLog::add(const Caller& caller, std::int64_t patient_id, RecordEntry entry,
                           const Origin& origin) {
  const auto access = authorise(database_, clock_, caller, Action::write_case, patient_id, origin);
  const auto today = tokyo_date(clock_.now());
  if (entry.effective_on.empty()) entry.effective_on = iso_date(today);
  audit::Change change(
      access.event(caller, origin, audit::Action::create, "patient.record", "Patient", patient_id),
      clock_.now());
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  if (auto errors = validate_entry(entry, patient.identity, today); !errors.empty()) {
    throw Problem::invalid(std::move(errors));
  }
  entry.id = 0;
  entry.patient_id = patient_id;
  entry.account_id = caller.account.id;
  entry.organisation_id = caller.organisation.id;
  entry.account_name = caller.account.display_name;
  entry.organisation_name = caller.organisation.name;
  entry.written_at = change.at();
  insert_entry(tx, entry);
  if (entry.kind == RecordEntryKind::status) {
    // The latest status entry decides; an entry dated before it changes the log, not the status.
    const auto latest = latest_status_entry(tx, patient_id);
    if (latest && !same(patient.record, record_of(*latest))) {
      patient.record = record_of(*latest);
      patient.updated_at = change.at();
      audit::Change::saved(update_patient(tx, patient));
      change.keep(version_of(patient, "patient.record"));
    }
  }
  change.event().add_detail(std::string("entry ") + std::to_string(entry.id));
  change.record(tx);
  tx.commit();
  return entry;
}

// --- Routes ---
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using identity::caller_of;
using identity::origin_of;

json page_json(const RecordPage& page) {
  return {{"entries", page.entries}, {"current", page.current},
          {"total", page.total},     {"offset", page.offset},
          {"limit", page.limit},     {"may", {{"write", page.may_write}}}};
}

Response read_record_log(RecordLog& log, Request& request) {
  const auto offset = http::int_query(request, "offset", 0, INT64_MAX).value_or(0);
  const auto limit = http::int_query(request, "limit", 1, 200).value_or(50);
  return Response::json(http::Status::ok,
                        page_json(log.page(caller_of(request), http::id_param(request),
                                           origin_of(request), offset, static_cast<int>(limit))));
}

Response add_record_entry(RecordLog& log, Request& request) {
  log.decide(caller_of(request), http::id_param(request), Action::write_case, origin_of(request));
  BodyReader body(request.json);
  auto entry = read_record_entry(body);
  body.check();
  return Response::json(http::Status::created,
                        json(log.add(caller_of(request), http::id_param(request), std::move(entry),
                                     origin_of(request))));
}

}  // namespace

void add_record_routes(http::Router& router, db::Database& database, const Clock& clock) {
  using V = http::Verb;
  auto log = std::make_shared<RecordLog>(database, clock);
  router.add(V::get, "/api/v1/patients/{id}/record", http::on(log, read_record_log), http::kNoBody);
  router.add(V::post, "/api/v1/patients/{id}/record", http::on(log, add_record_entry));
}

}  // namespace hersys::cases
