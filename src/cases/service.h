#pragma once
// The work on cases and occurrence reports (SPEC CASE-1..8, REP-1..9, NTF-1): every step is
// decided by the policy (identity/policy.h) for the caller's relation to the patient, recorded
// in the access log, versioned in the record's history, and any notification it causes is
// queued in the same transaction. Problems are thrown as Problem (403 refused, 404
// unknown, 409 changed meanwhile or not possible in the report's state, 422 invalid fields).
#include <nlohmann/json.hpp>

#include "audit/model.h"
#include "cases/hersys_id.h"
#include "cases/model.h"
#include "cases/scope.h"
#include "cases/search_keys.h"
#include "cases/store.h"
#include "cases/validation.h"
#include "identity/access.h"

namespace hersys::cases {

// A new occurrence report as the form sends it.
struct Filing {
  ReportFields fields;
  std::optional<Identity> patient;         // a new patient, or new identity data for patient_id
  std::optional<std::int64_t> patient_id;  // an existing patient (after person matching)
  bool confirm_new_patient = false;        // "this is not one of the look-alikes" (CASE-7)
  std::optional<std::int64_t> supersedes;  // 追加登録: the earlier report becomes read-only
  bool submit = false;                     // 報告 now, or keep as a draft
};

struct Filed {
  // Set when nothing was written: patients in scope that look like the new one (CASE-7).
  std::vector<PatientSummary> look_alikes;
  std::int64_t report_id = 0;
  std::int64_t patient_id = 0;
};

struct SearchPage {
  std::vector<PatientSummary> patients;
  bool has_more = false;
};

class Cases {
 public:
  Cases(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Filed file(const identity::Caller& caller, const Filing& filing, const identity::Origin& origin);
  // The report with its patient's identity, the scope judgement and what the caller may do.
  nlohmann::json report(const identity::Caller& caller, std::int64_t report_id,
                        const identity::Origin& origin);
  // Edits a report that is not deleted or superseded, with its patient's identity when given.
  // A submitted report must still pass the submission rules.
  void edit_report(const identity::Caller& caller, std::int64_t report_id,
                   const ReportFields& fields, const std::optional<Identity>& patient,
                   const identity::Origin& origin);
  void submit(const identity::Caller& caller, std::int64_t report_id,
              const identity::Origin& origin);
  void confirm(const identity::Caller& caller, std::int64_t report_id,
               const identity::Origin& origin);
  // REP-6: a suspected case re-classed, with its new diagnosis date and submission date.
  void reclass(const identity::Caller& caller, std::int64_t report_id, DiagnosisClass to,
               const std::string& diagnosis_date, const identity::Origin& origin);
  // CASE-2: tests added or corrected after filing (a negative result, REP-6).
  void set_tests(const identity::Caller& caller, std::int64_t report_id,
                 const std::vector<Test>& tests, const identity::Origin& origin);
  // REP-8: irreversible; the report stays in the history and the access log.
  void remove(const identity::Caller& caller, std::int64_t report_id,
              const identity::Origin& origin);

  // The case with every tab.
  nlohmann::json patient(const identity::Caller& caller, std::int64_t patient_id,
                         const identity::Origin& origin);
  // One tab's content replaced; `version` (when given) must be the one the user saw.
  enum class Tab { identity, residences, medical, record };
  void edit_patient(const identity::Caller& caller, std::int64_t patient_id, Tab tab,
                    const Patient& input, std::optional<std::int64_t> version,
                    const identity::Origin& origin);
  // ACL-5: the responsible and related health centers; newly set ones are told (REP-4).
  void set_health_centers(const identity::Caller& caller, std::int64_t patient_id,
                          std::optional<std::int64_t> responsible,
                          const std::vector<std::int64_t>& related, const identity::Origin& origin);
  // CASE-8: issued once, then the same number.
  std::string tracing_number(const identity::Caller& caller, std::int64_t patient_id,
                             const identity::Origin& origin);
  std::vector<Version> history(const identity::Caller& caller, std::int64_t patient_id,
                               const identity::Origin& origin);
  SearchPage search(const identity::Caller& caller, SearchFilter filter,
                    const identity::Origin& origin);

 private:
  // The caller's relations to the patient (break-glass included), and the one the policy lets
  // it act through; refusals are logged and answered 403.
  struct Access {
    identity::Relation through;                 // what the policy allowed `action` through
    std::vector<identity::Relation> relations;  // all of them, for what else the caller may do
  };
  Access authorise(const identity::Caller& caller, identity::Action action, std::int64_t patient_id,
                   const identity::Origin& origin);
  AccessScope scope_of(const identity::Caller& caller, identity::Action action);
  Report load_report(std::int64_t report_id);
  // One change of a report: authorised for `action`, `step` run on the report and its patient
  // in one transaction (it may save the patient too), then the report saved, versioned as
  // `what` and logged.
  template <typename Step>
  void change_report(const identity::Caller& caller, std::int64_t report_id,
                     identity::Action action, const identity::Origin& origin, const char* what,
                     audit::Action kind, Step step);
  Day today() const;
  std::string now_text() const;

  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::cases
