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

#include "platform/enum_names.h"

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

}  // namespace hersys::audit
