#pragma once
// The SQL of cases and occurrence reports, and nothing else. Who may see a patient is kept in
// `patient_access` as the policy's relations (derived by refresh_access whenever a patient's
// organisations change), so every list and search filters by the caller's scope in SQL
// through one indexed lookup (SPEC ACL-1..3, CASE-6).
#include <optional>
#include <string>
#include <vector>

#include "cases/access.h"
#include "cases/model.h"
#include "platform/db/database.h"

namespace hersys::cases {

// --- Patients ---
// Inserts `patient`, with who reaches it and its search terms, and sets its id. It has no
// HER-SYS ID until a report of it is submitted (issue 19 item 23).
void insert_patient(db::Transaction& tx, Patient& patient);
// Gives the patient a new random HER-SYS ID unless it has one, and sets patient.hersys_id.
void assign_hersys_id(db::Transaction& tx, Patient& patient);
// Writes the patient's columns and document, with the version one higher. False when someone
// else changed it since `patient.version` was read (the caller answers 409).
bool update_patient(db::Transaction& tx, Patient& patient);
std::optional<Patient> find_patient(db::Session& session, std::int64_t id);
// Replaces the responsible and related health centers.
void set_health_centers(db::Transaction& tx, const Patient& patient);
// Sets the contact-tracing processing number unless one is set; false when it already was.
bool set_tracing_number(db::Transaction& tx, std::int64_t patient_id, const std::string& number);
// Re-derives who reaches the patient (own, area, responsible, related, prefecture, linked)
// and its name search terms. Called after every change of those to a stored patient.
void refresh_access(db::Transaction& tx, const Patient& patient);
bool patient_exists(db::Session& session, std::int64_t id);
// A tracing number (CASE-8) no patient has yet.
std::string unused_tracing_number(db::Session& session);

// patient_links (access.h link/unlink): the row, and the linked bit of the organisation's
// patient_access row.
void add_link(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id,
              std::int64_t linked_by, const std::string& at);
void remove_link(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id);
std::vector<std::int64_t> linked_organisations(db::Session& session, std::int64_t patient_id);
// The prefecture bit of a 地方衛生研究所 (access.h keep_institute_reach): with `reach`, copied
// from the rows of the prefecture organisation(s) of `prefecture_code`; without, taken away (and
// rows left with no relation deleted).
void write_prefecture_reach(db::Transaction& tx, std::int64_t organisation_id,
                            const std::string& prefecture_code, bool reach);
// The open cases (現在のステータス none or not 療養解除 / 死亡) of a responsible health center.
std::int64_t count_open_cases(db::Session& session, std::int64_t health_center_id);

// The relations (bit set) between an organisation and a patient; 0 when none.
std::int64_t relations_between(db::Session& session, std::int64_t organisation_id,
                               std::int64_t patient_id);
// Any of `organisation_ids` has a relation to the patient (a break-glass grant reaches it).
bool reached_by_any(db::Session& session, const std::vector<std::int64_t>& organisation_ids,
                    std::int64_t patient_id);

// CASE-6: by report date (newest or oldest first, then by id), `filter.limit + 1` rows at
// most so the caller can tell whether more follow, and the number of all matches in scope.
// `past_cutoff` (YYYY-MM-DD): records reported on or before it are past data.
// The search's total stops at this many matches (全10000件以上, issue 14): counting a
// prefecture's million patients for every page would cost a second.
inline constexpr std::int64_t kSearchTotalCap = 10'000;
struct SearchResult {
  std::vector<PatientSummary> patients;
  std::int64_t total = 0;     // up to kSearchTotalCap
  bool total_capped = false;  // there are more than total
};
SearchResult search(db::Session& session, const SearchFilter& filter, const PatientScope& scope,
                    const std::string& past_cutoff);
// 報告機関 (issue 14 item 5): the filer of the patient's first submitted report, else the
// organisation that entered it - the search's filter and column use the same definition.
std::int64_t reporting_institution(db::Session& session, std::int64_t patient_id);
// Stores the patient's 報告機関 again (patients.reported_by) after one of its reports was
// written: the report store calls it from insert_report and update_report.
void refresh_reporting_institution(db::Transaction& tx, std::int64_t patient_id);
// How many patients `search` would find, without reading them, counted up to cap + 1 (the
// export's limit, issue 14).
std::int64_t count_matches(db::Session& session, const SearchFilter& filter,
                           const PatientScope& scope, const std::string& past_cutoff,
                           std::int64_t cap);
// CASE-7: patients in scope with the same kana and date of birth, or the same phone.
std::vector<PatientSummary> look_alikes(db::Session& session, const PatientScope& scope,
                                        const std::string& kana_key, const std::string& birth_date,
                                        const std::string& phone_key);

// --- Reports ---
// issue 19 item 23: the drafts an organisation filed that the scope reaches, newest first
// (`limit` rows from `offset`), and how many there are.
std::vector<DraftSummary> drafts_of(db::Session& session, std::int64_t organisation_id,
                                    const PatientScope& scope, int limit, int offset);
// Stops at `cap` (the top page's "1000+").
std::int64_t count_drafts(db::Session& session, std::int64_t organisation_id,
                          const PatientScope& scope, std::int64_t cap = INT64_MAX);
// issue 19 item 22: the doctor's name an account last filed or submitted a report with.
void remember_doctor(db::Transaction& tx, std::int64_t account_id, const std::string& doctor_name,
                     const std::string& at);
std::optional<std::string> remembered_doctor(db::Session& session, std::int64_t account_id);

// issue 14 items 1-3 (REP-5): the inbox's reports in `reach` that pass `filter` and the
// caller's `scope`, newest submission first (`limit` rows from `offset`), and how many there
// are up to `cap` (a count stops there: the top page says "1000+").
std::vector<InboxLine> inbox_of(db::Session& session, const InboxReach& reach, InboxFilter filter,
                                const PatientScope& scope, int limit, int offset);
std::int64_t count_inbox(db::Session& session, const InboxReach& reach, InboxFilter filter,
                         const PatientScope& scope, std::int64_t cap);
// The display name of an account ("" when none).
std::string account_name(db::Session& session, std::optional<std::int64_t> account_id);

void insert_report(db::Transaction& tx, Report& report);
// Like update_patient: false when the report changed since `report.version` was read.
bool update_report(db::Transaction& tx, Report& report);
std::optional<Report> find_report(db::Session& session, std::int64_t id);
std::vector<Report> reports_of(db::Session& session, std::int64_t patient_id);
// Records the first submission for the report's diagnosis class; false when there was one.
bool add_submission(db::Transaction& tx, std::int64_t report_id, DiagnosisClass diagnosis_class,
                    const std::string& at, std::int64_t account_id);

// The past-data cut-off (CASE-6): the `past_data_cutoff` setting, 2021-09-30 by default.
std::string past_data_cutoff(db::Session& session);

}  // namespace hersys::cases
