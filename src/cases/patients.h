#pragma once
// The case record's tabs and its search (SPEC CASE-1..8, ACL-1..6): a case with every tab,
// one tab replaced, the responsible and related health centers, the contact-tracing number,
// the history, and the search. Decided, logged and versioned as reports.h describes.
#include <optional>
#include <vector>

#include "audit/model.h"
#include "cases/access.h"
#include "cases/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::cases {

// A case with every tab, as its reader sees it, and what the reader may do with it.
struct CaseView {
  Patient patient;
  std::vector<Report> reports;  // not deleted, oldest first
  bool may_write = false;
  bool may_confirm = false;
  bool may_set_health_centers = false;
  bool may_transfer = false;  // 移管 (issue 14)
  // The case header's names (issue 14): 担当保健所, 関係保健所 (by id) and the reporting
  // institution (of the first report, else the organisation that entered the case).
  std::string responsible_health_center_name;
  std::vector<std::pair<std::int64_t, std::string>> related_health_centers;
  std::int64_t reporting_institution_id = 0;
  std::string reporting_institution_name;
};

// A page of a patient's history (issue 19 item 24): who, when and what changed, newest first.
struct HistoryPage {
  std::vector<audit::HistoryEntry> versions;
  std::int64_t total = 0;  // every version of the case and its reports
  std::int64_t offset = 0;
  int limit = 0;
};

inline constexpr int kExportRows = 20'000;

struct SearchPage {
  std::vector<PatientSummary> patients;
  bool has_more = false;
  int offset = 0;  // the page asked for
  int limit = 0;
  std::int64_t total = 0;     // every match in the caller's scope (issue 19 item 19), up to a cap
  bool total_capped = false;  // more than total match (search: kSearchTotalCap)
};

// A change of a case's health centers (ACL-5, issue 19 item 12): a field left out is
// unchanged. `responsible` set to nullopt inside asks to remove the responsible health center,
// which a case that has one cannot (a transfer names the next one).
struct HealthCenterChange {
  std::optional<std::optional<std::int64_t>> responsible;
  std::optional<std::vector<std::int64_t>> related;
};

// The tabs of a case that are edited as a whole (記録 is a log of entries: record_log.h).
enum class Tab { identity, residences, medical };

class Patients {
 public:
  Patients(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Access to a patient, decided before anything else (access.h authorise(), issue 19 item 8):
  // handlers call it before reading the body; every step below decides again.
  PatientAccess decide(const identity::Caller& caller, std::int64_t patient_id,
                       identity::Action action, const identity::Origin& origin) {
    return authorise(database_, clock_, caller, action, patient_id, origin);
  }

  CaseView view(const identity::Caller& caller, std::int64_t patient_id,
                const identity::Origin& origin);
  // One tab's content replaced; `version` (when given) must be the one the user saw.
  void edit(const identity::Caller& caller, std::int64_t patient_id, Tab tab, const Patient& input,
            std::optional<std::int64_t> version, const identity::Origin& origin);
  // ACL-5: the responsible and related health centers; newly set ones are told (REP-4). What
  // the change leaves out stays; a case keeps its responsible health center.
  void set_health_centers(const identity::Caller& caller, std::int64_t patient_id,
                          const HealthCenterChange& change, const identity::Origin& origin);
  // CASE-8: issued once, then the same number.
  std::string tracing_number(const identity::Caller& caller, std::int64_t patient_id,
                             const identity::Origin& origin);
  // `limit` versions from `offset`, newest first, with names and what changed per field.
  HistoryPage history(const identity::Caller& caller, std::int64_t patient_id,
                      const identity::Origin& origin, std::int64_t offset = 0, int limit = 50);
  // CASE-6, in the caller's scope; the log names which records were shown, never the query.
  SearchPage search(const identity::Caller& caller, const SearchFilter& filter,
                    const identity::Origin& origin);
  // The whole result of a search (limit and offset ignored), for the CSV (issue 14): decided
  // by Action::export_cases (a refusal logged and 403), in that action's scope, at most
  // kExportRows (more is refused, 422 too_many_rows, never cut), logged as case.export with
  // the patients exported.
  SearchPage export_all(const identity::Caller& caller, const SearchFilter& filter,
                        const identity::Origin& origin);
  // The Asia/Tokyo date the ages of a search are on.
  Day business_day() const { return today(); }

 private:
  Day today() const { return tokyo_date(clock_.now()); }

  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::cases
