#pragma once
// The occurrence report's life (SPEC REP-1..9, CASE-7): filed as a draft or submitted,
// edited, submitted, confirmed by the health center, re-classed, its tests corrected,
// superseded by a later report, deleted. Every step is decided by the policy for the caller's
// relation to the patient (access.h), recorded in the access log with the versions it leaves
// (audit::Change), and any notice it causes is queued in the same transaction. Problems are
// thrown as Problem: 403 refused, 404 unknown, 409 changed meanwhile or not possible in the
// report's state, 422 invalid fields.
#include <optional>
#include <vector>

#include "cases/access.h"
#include "cases/model.h"
#include "cases/scope.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

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

// A report as its reader sees it: with its patient's identity, the scope judgement, the
// reporting organisation's name and what the reader may do with it.
struct ReportView {
  Report report;
  std::int64_t patient_id = 0;
  std::string hersys_id;
  Identity identity;
  std::int64_t patient_version = 0;
  ScopeJudgement scope;
  // The reporting institution as the legal form prints it (REP-8, issue 14): name, address and
  // phone.
  identity::Organisation reporter;
  std::string confirmed_by;  // display names (issue 14 items 2, 3), "" when not
  std::string checked_by;
  bool may_edit = false;
  bool may_confirm = false;
  bool may_check = false;
};

// The inbox (issue 14 items 2, 3; REP-5), one page: each line with its scope judgement (REP-3)
// and what the caller may do with it. `total` only for the lists that stay short (reports to
// confirm or to check): a count of every confirmed report would read them all.
struct InboxItem {
  InboxLine line;
  ScopeJudgement scope;
  bool may_confirm = false;
  bool may_check = false;
};
struct InboxPage {
  InboxFilter filter = InboxFilter::unconfirmed;
  std::vector<InboxItem> items;
  std::optional<std::int64_t> total;
  bool more = false;
  int page = 1;
  int page_size = 0;
};
inline constexpr int kInboxPageSize = 20;

// One report of a bulk confirmation (issue 14 item 2) and what became of it.
struct ConfirmItem {
  std::int64_t id = 0;
  std::int64_t version = 0;
};
struct ConfirmResult {
  std::int64_t id = 0;
  bool confirmed = false;
  std::optional<Problem> problem;  // why not: not_found, forbidden, stale, not_submitted
};

// The organisation's drafts, one page (issue 19 item 23).
struct DraftPage {
  std::vector<DraftSummary> items;
  std::int64_t total = 0;
  int page = 1;  // from 1
  int page_size = 0;
};
inline constexpr int kDraftPageSize = 20;

// What the report form starts from (issue 19 item 22): the doctor's name the account last
// filed a report with, and the caller's organisation as the reporting institution.
struct ReportDefaults {
  std::optional<std::string> doctor_name;
  identity::Organisation institution;
};

class Reports {
 public:
  Reports(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // The business day (Asia/Tokyo) the rules judge dates by.
  Day today() const { return tokyo_date(clock_.now()); }

  // Access to a report, decided before anything else about it (issue 19 item 8): a report that
  // does not exist (or was deleted) and one the caller may not know of are both "not found"
  // (Problem::not_found()) and logged as denied. Handlers call it before reading the body;
  // every step below decides again.
  PatientAccess decide(const identity::Caller& caller, std::int64_t report_id,
                       identity::Action action, const identity::Origin& origin);

  Filed file(const identity::Caller& caller, const Filing& filing, const identity::Origin& origin);
  // The drafts the caller's organisation filed, newest first; a read of the patients named.
  DraftPage drafts(const identity::Caller& caller, int page, const identity::Origin& origin);
  ReportDefaults defaults(const identity::Caller& caller);
  ReportView view(const identity::Caller& caller, std::int64_t report_id,
                  const identity::Origin& origin);
  // Edits a report that is not deleted or superseded, with its patient's identity when given.
  // A submitted report must still pass the submission rules.
  void edit(const identity::Caller& caller, std::int64_t report_id, const ReportFields& fields,
            const std::optional<Identity>& patient, const identity::Origin& origin);
  void submit(const identity::Caller& caller, std::int64_t report_id,
              const identity::Origin& origin);
  // 保健所確認済 (REP-5); with `version`, only that version (409 `stale` otherwise).
  void confirm(const identity::Caller& caller, std::int64_t report_id,
               const identity::Origin& origin, std::optional<std::int64_t> version = {});
  // Several reports confirmed at once (issue 14 item 2): each one as confirm() does it, in its
  // own transaction with its own access-log record and history; one that cannot be confirmed
  // does not stop the others. Results in the order given.
  std::vector<ConfirmResult> confirm_many(const identity::Caller& caller,
                                          const std::vector<ConfirmItem>& items,
                                          const identity::Origin& origin);
  // データチェック済 by a 地方衛生研究所 (issue 14 item 3): a confirmed report of its prefecture.
  void check_data(const identity::Caller& caller, std::int64_t report_id,
                  const identity::Origin& origin);
  // The inbox (issue 14 item 2): the filter is the caller's default when absent.
  InboxPage inbox(const identity::Caller& caller, std::optional<InboxFilter> filter, int page,
                  const identity::Origin& origin);
  // What the caller's inbox lists: its area, or its prefecture; nullopt when it has none.
  static std::optional<InboxReach> inbox_reach(const identity::Caller& caller);
  // REP-6: a suspected case re-classed, with its new diagnosis date and submission date.
  void reclass(const identity::Caller& caller, std::int64_t report_id, DiagnosisClass to,
               const std::string& diagnosis_date, const identity::Origin& origin);
  // CASE-2: tests added or corrected after filing (a negative result, REP-6).
  void set_tests(const identity::Caller& caller, std::int64_t report_id,
                 const std::vector<Test>& tests, const identity::Origin& origin);
  // REP-8: irreversible; the report stays in the history and the access log.
  void remove(const identity::Caller& caller, std::int64_t report_id,
              const identity::Origin& origin);

 private:
  struct Subject;  // the patient a new report is for, and the caller's access to it
  Subject subject_of(const identity::Caller& caller, const Filing& filing,
                     const identity::Origin& origin);
  std::vector<PatientSummary> look_alikes(const identity::Caller& caller, const Identity& identity,
                                          const identity::Origin& origin);
  Filed write(const identity::Caller& caller, const Filing& filing, const Subject& subject,
              const identity::Organisation& area, const identity::Origin& origin);
  // One change of a report: authorised for `action`, `step` run on the report and its patient
  // in one transaction (it may save the patient too), then the report saved, versioned as
  // `what` and logged.
  template <typename Step>
  void change(const identity::Caller& caller, std::int64_t report_id, identity::Action action,
              const identity::Origin& origin, const char* what, audit::Action kind, Step step);
  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::cases
