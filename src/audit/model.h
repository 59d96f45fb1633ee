#pragma once
// Public: the events every feature logs (log.h).
// The access log (アクセスログ; SPEC ACL-7, SEC-2): who did what to which record, when, from
// where, and with what outcome. Shaped after FHIR AuditEvent so it can be exported as such:
// action = AuditEvent.action, type = AuditEvent.subtype, resource = entity.what,
// patient_id = the patient entity, outcome = AuditEvent.outcome.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_names.h"
#include "platform/errors.h"

namespace hersys::audit {

// FHIR AuditEvent.action: C, R, U, D, E.
enum class Action { create, read, update, remove, execute };

// Stored as FHIR's one-letter codes.
constexpr std::string_view name_of(Action value) {
  switch (value) {
    case Action::create: return "C";
    case Action::read: return "R";
    case Action::update: return "U";
    case Action::remove: return "D";
    case Action::execute: return "E";
  }
  return {};
}

// FHIR AuditEvent.outcome: 0 success, 4 minor failure (denied by policy), 8 serious failure.
enum class Outcome { success, denied, failure };

constexpr std::string_view name_of(Outcome value) {
  switch (value) {
    case Outcome::success: return "success";
    case Outcome::denied: return "denied";
    case Outcome::failure: return "failure";
  }
  return {};
}

// What happened (Event::type), as stored and sent: `<area>.<what>`. `access.<action>` is a
// refusal of a policy action (identity/policy.h) and `audit.export` a CSV export of the log.
// Every type a feature records is named here (the access-log screen and its CSV name them in
// Japanese and English; docs/openapi.yaml AuditEventType).
enum class EventType {
  auth_sign_in,
  auth_second_factor,
  auth_totp_enrolment,
  auth_phone_enrolment,
  auth_password_change,
  auth_sign_out,
  auth_code_sent,
  auth_phone_add,
  auth_phone_verify,
  auth_phone_remove,
  auth_token_create,
  auth_token_revoke,
  auth_totp_reenrolment,
  account_issue,
  account_list,
  account_unlock,
  account_reset,
  account_token_list,
  account_token_revoke,
  account_disable,
  account_enable,
  organisation_create,
  organisation_update,     // issue 14 item 1
  organisation_retire,     // its accounts sign in no more
  organisation_reinstate,  // retired no longer
  support_grant,
  support_revoke,
  audit_read,
  audit_export,
  case_read,
  case_search,
  case_history,
  case_look_alikes,
  case_export,
  patient_create,
  patient_identity,
  patient_residences,
  patient_medical,
  patient_record,
  patient_health_centers,
  patient_tracing_number,
  patient_transfer,  // issue 14: 移管 (ACL-5)
  transfer_list,
  transfer_receive,
  report_create,
  report_submit,
  report_edit,
  report_confirm,
  report_reclass,
  report_tests,
  report_delete,
  report_read,
  report_superseded,
  report_drafts,
  daily_open,
  daily_submit,
  daily_history,
  daily_area,
  access_read_organisation,
  access_create_organisation,
  access_manage_accounts,
  access_read_access_log,
  access_read_case,
  access_export_cases,
  access_write_case,
  access_confirm_report,
  access_set_observation,
  access_set_health_centers,
  access_transfer_case,
  access_link_follow_up,
  access_enter_doctor_findings,
  access_read_aggregates,
  access_file_daily_report,
  access_csrf,
  access_sign_in_stage,
  report_inbox,          // issue 14 item 2
  report_check,          // issue 14 item 3
  access_check_report,   // issue 14 item 3
  account_import_check,  // issue 14 item 3: a CSV of accounts checked (its row count)
};

constexpr std::string_view name_of(EventType value) {
  switch (value) {
    case EventType::auth_sign_in: return "auth.sign-in";
    case EventType::auth_second_factor: return "auth.second-factor";
    case EventType::auth_totp_enrolment: return "auth.totp-enrolment";
    case EventType::auth_phone_enrolment: return "auth.phone-enrolment";
    case EventType::auth_password_change: return "auth.password-change";
    case EventType::auth_sign_out: return "auth.sign-out";
    case EventType::auth_code_sent: return "auth.code-sent";
    case EventType::auth_phone_add: return "auth.phone-add";
    case EventType::auth_phone_verify: return "auth.phone-verify";
    case EventType::auth_phone_remove: return "auth.phone-remove";
    case EventType::auth_token_create: return "auth.token-create";
    case EventType::auth_token_revoke: return "auth.token-revoke";
    case EventType::auth_totp_reenrolment: return "auth.totp-reenrolment";
    case EventType::account_issue: return "account.issue";
    case EventType::account_list: return "account.list";
    case EventType::account_unlock: return "account.unlock";
    case EventType::account_reset: return "account.reset";
    case EventType::account_token_list: return "account.token-list";
    case EventType::account_token_revoke: return "account.token-revoke";
    case EventType::account_disable: return "account.disable";
    case EventType::account_enable: return "account.enable";
    case EventType::organisation_create: return "organisation.create";
    case EventType::organisation_update: return "organisation.update";
    case EventType::organisation_retire: return "organisation.retire";
    case EventType::organisation_reinstate: return "organisation.reinstate";
    case EventType::support_grant: return "support.grant";
    case EventType::support_revoke: return "support.revoke";
    case EventType::audit_read: return "audit.read";
    case EventType::audit_export: return "audit.export";
    case EventType::case_read: return "case.read";
    case EventType::case_search: return "case.search";
    case EventType::case_history: return "case.history";
    case EventType::case_look_alikes: return "case.look-alikes";
    case EventType::case_export: return "case.export";
    case EventType::patient_create: return "patient.create";
    case EventType::patient_identity: return "patient.identity";
    case EventType::patient_residences: return "patient.residences";
    case EventType::patient_medical: return "patient.medical";
    case EventType::patient_record: return "patient.record";
    case EventType::patient_health_centers: return "patient.health_centers";
    case EventType::patient_tracing_number: return "patient.tracing_number";
    case EventType::patient_transfer: return "patient.transfer";
    case EventType::transfer_list: return "transfer.list";
    case EventType::transfer_receive: return "transfer.receive";
    case EventType::report_create: return "report.create";
    case EventType::report_submit: return "report.submit";
    case EventType::report_edit: return "report.edit";
    case EventType::report_confirm: return "report.confirm";
    case EventType::report_reclass: return "report.reclass";
    case EventType::report_tests: return "report.tests";
    case EventType::report_delete: return "report.delete";
    case EventType::report_read: return "report.read";
    case EventType::report_superseded: return "report.superseded";
    case EventType::report_drafts: return "report.drafts";
    case EventType::daily_open: return "daily.open";
    case EventType::daily_submit: return "daily.submit";
    case EventType::daily_history: return "daily.history";
    case EventType::daily_area: return "daily.area";
    case EventType::access_read_organisation: return "access.read_organisation";
    case EventType::access_create_organisation: return "access.create_organisation";
    case EventType::access_manage_accounts: return "access.manage_accounts";
    case EventType::access_read_access_log: return "access.read_access_log";
    case EventType::access_read_case: return "access.read_case";
    case EventType::access_export_cases: return "access.export_cases";
    case EventType::access_write_case: return "access.write_case";
    case EventType::access_confirm_report: return "access.confirm_report";
    case EventType::access_set_observation: return "access.set_observation";
    case EventType::access_set_health_centers: return "access.set_health_centers";
    case EventType::access_transfer_case: return "access.transfer_case";
    case EventType::access_link_follow_up: return "access.link_follow_up";
    case EventType::access_enter_doctor_findings: return "access.enter_doctor_findings";
    case EventType::access_read_aggregates: return "access.read_aggregates";
    case EventType::access_file_daily_report: return "access.file_daily_report";
    case EventType::access_csrf: return "access.csrf";
    case EventType::access_sign_in_stage: return "access.sign-in-stage";
    case EventType::report_inbox: return "report.inbox";
    case EventType::report_check: return "report.check";
    case EventType::access_check_report: return "access.check_report";
    case EventType::account_import_check: return "account.import-check";
  }
  return {};
}

// The kinds of record the log names (Event::resource_type; AuditResourceType), FHIR-style.
enum class ResourceType {
  Account,
  ApiToken,
  AuditEvent,
  DailyReport,
  OccurrenceReport,
  Organisation,
  Organization,
  Patient,
  Phone,
  SupportGrant,
};

constexpr std::string_view name_of(ResourceType value) {
  switch (value) {
    case ResourceType::Account: return "Account";
    case ResourceType::ApiToken: return "ApiToken";
    case ResourceType::AuditEvent: return "AuditEvent";
    case ResourceType::DailyReport: return "DailyReport";
    case ResourceType::OccurrenceReport: return "OccurrenceReport";
    case ResourceType::Organisation: return "Organisation";
    case ResourceType::Organization: return "Organization";
    case ResourceType::Patient: return "Patient";
    case ResourceType::Phone: return "Phone";
    case ResourceType::SupportGrant: return "SupportGrant";
  }
  return {};
}

// The names people read (the access-log screen names them from web/src/admin/messages.ts; the
// CSV export from these).
Text label_of(EventType value);
Text label_of(ResourceType value);

// What a caller records. Never put personal data (names, phone numbers, ...) in `detail`.
struct Event {
  Action action = Action::read;
  std::string type;  // what happened, e.g. "auth.sign-in", "case.read", "report.print"
  std::optional<std::int64_t> account_id;
  std::optional<std::int64_t> organisation_id;
  std::string resource_type;  // e.g. "Patient", "OccurrenceReport"; empty when none
  std::string resource_id;
  std::string patient_id;  // the patient concerned, when there is one
  Outcome outcome = Outcome::success;
  std::string client_address;
  std::string request_id;
  std::string detail;

  // Adds to `detail` ("; " between parts); nothing when `more` is empty.
  void add_detail(std::string_view more) {
    if (more.empty()) return;
    if (!detail.empty()) detail += "; ";
    detail += more;
  }
};

// A stored record: the event, its place in the chain and its time.
struct Record {
  std::int64_t id = 0;      // 1, 2, 3 ... without gaps
  std::string recorded_at;  // ISO 8601 UTC with milliseconds
  Event event;
  std::string previous_hash;  // the hash of record id - 1 (kGenesisHash for record 1)
  std::string hash;           // chain_hash(*this)
};

// One past version of a record (a patient's tab, an occurrence report) in its patient's
// history: an edit never destroys what was there (record_versions).
struct Version {
  std::int64_t patient_id = 0;
  std::string resource_type;  // "patient", "report"
  std::int64_t resource_id = 0;
  std::int64_t version = 0;
  std::string change;  // what was done, e.g. "report.submit"
  std::string data;    // the record as it was after the change (JSON)
  std::optional<std::int64_t> account_id;
  std::optional<std::int64_t> organisation_id;
  std::string changed_at;
};

// One field of a record as a change left it (issue 19 item 24): `field` is the path of the
// field in the record's JSON ("identity.name", "tests"), `before` and `after` its values as JSON
// text ("null" when absent: a field the record had not before, or no longer has).
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

// A version as the history shows it: who (with names), and what changed against the previous
// version of the same record (every field that has a value, for its first version).
struct HistoryEntry {
  Version version;
  std::string account_name;       // "" when the account is unknown (an operator's change)
  std::string organisation_name;  // likewise
  std::vector<FieldChange> changes;
};

// A stored access-log record with the names of its account and organisation.
struct Listed {
  Record record;
  std::string account_name;       // "" when there is no account
  std::string organisation_name;  // "" when there is no organisation
};

}  // namespace hersys::audit
