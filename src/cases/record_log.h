#pragma once
// 記録 as a dated log (SPEC CASE-5, issue 14): status changes and notes are entries with their
// effective date, author and organisation, never overwritten nor deleted (a correction is a new
// entry). 現在のステータス is the status of the latest status entry (validation.h
// later_entry(): effective date, then the time written); patients.status and the patient's
// record follow it in the same transaction, so that search and counts read it. Decided as the
// other tabs: read_case reads the log, write_case adds to it (a health center of the case, an
// institution its own patients); every read and every entry is logged.
#include <optional>
#include <vector>

#include "cases/access.h"
#include "cases/model.h"
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::cases {

// A page of the log, latest first, with the current status and whether the reader may add.
struct RecordPage {
  std::vector<RecordEntry> entries;
  Record current;
  std::int64_t total = 0;
  std::int64_t offset = 0;
  int limit = 0;
  bool may_write = false;
};

class RecordLog {
 public:
  RecordLog(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  PatientAccess decide(const identity::Caller& caller, std::int64_t patient_id,
                       identity::Action action, const identity::Origin& origin) {
    return authorise(database_, clock_, caller, action, patient_id, origin);
  }

  RecordPage page(const identity::Caller& caller, std::int64_t patient_id,
                  const identity::Origin& origin, std::int64_t offset = 0, int limit = 50);
  // One entry, as `input` has it (kind, status, dates, place, note); the effective date is
  // today when not given. Returns the entry as stored.
  RecordEntry add(const identity::Caller& caller, std::int64_t patient_id, RecordEntry input,
                  const identity::Origin& origin);

 private:
  db::Database& database_;
  const Clock& clock_;
};

// GET and POST /api/v1/patients/{id}/record.
void add_record_routes(http::Router& router, db::Database& database, const Clock& clock);

}  // namespace hersys::cases
