#pragma once
// Public: who may do what to a patient (SPEC ACL-1..6), for every feature that reads or writes
// patients (cases, observation, portal, calls, imports). The policy (identity/policy.h)
// decides from the caller's relations to the patient; those relations are kept in
// `patient_access` — own, area, responsible, related, prefecture from the patient's
// organisations, linked from `patient_links` — so one record is decided by one primary-key
// lookup and a list is filtered in SQL by one indexed condition.
//
// Other features use this header and model.h of cases, nothing else of its internals.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/model.h"
#include "identity/access.h"
#include "identity/policy.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::cases {

// The bit of a relation in patient_access.relations.
std::int64_t relation_bit(identity::Relation relation);

// The caller's relations to one patient, and the one the policy let the action through.
struct PatientAccess {
  std::int64_t patient_id = 0;
  identity::Relation through = identity::Relation::own;
  std::vector<identity::Relation> relations;  // all of them, for what else the caller may do

  // May the caller also do `action` to this patient (e.g. to show an edit button)?
  bool permits(const identity::Caller& caller, identity::Action action) const;
  // An access-log event about this patient; access through a break-glass grant says so.
  audit::Event event(const identity::Caller& caller, const identity::Origin& origin,
                     audit::Action action, std::string type, std::string resource_type,
                     std::int64_t resource_id) const;
};

// The record a request names, as the access log files a refusal about it (a report, or the
// patient itself when resource_type is empty).
struct Named {
  std::string resource_type;
  std::int64_t resource_id = 0;
};

// Decides whether `caller` may do `action` to the patient, before anything else about the
// patient or the record is said (SPEC ACL-1..7, issue 19 item 8). Every refusal is recorded in
// the access log ("denied"). A patient that does not exist and one the caller may not even
// read answer alike: Problem::not_found(), so no account learns which ids exist. A patient the
// caller may read but not do `action` to answers 403.
PatientAccess authorise(db::Database& database, const Clock& clock, const identity::Caller& caller,
                        identity::Action action, std::int64_t patient_id,
                        const identity::Origin& origin, const Named& named = {});
// Records the refusal of `action` on a record the caller may not know of (missing, or out of
// its scope) and throws Problem::not_found(): what authorise() does for those. `patient_id`
// (0 for none) files the record under the patient.
[[noreturn]] void refuse_unknown(db::Database& database, const Clock& clock,
                                 const identity::Caller& caller, identity::Action action,
                                 const identity::Origin& origin, const Named& named,
                                 std::int64_t patient_id);

// The patients a caller may do an action to, for lists and searches, as the policy decided
// (identity::scope): those related to the caller's organisation through an allowed relation,
// and every patient of the organisations its break-glass grants open (ACL-6).
struct PatientScope {
  std::int64_t organisation_id = 0;
  std::int64_t relation_mask = 0;  // relation_bit() of each allowed relation
  std::vector<std::int64_t> grant_organisation_ids;

  bool empty() const { return relation_mask == 0 && grant_organisation_ids.empty(); }
  // The scope as an SQL condition on a patient id column (e.g. "p.id", "e.patient_id"), its
  // parameters appended to `params`: what another feature's store adds to its WHERE clause.
  // Never empty: "0 = 1" for an empty scope. Its subqueries use the aliases scope_own and
  // scope_grant; the column's own alias must be another.
  std::string condition(std::string_view patient_id_column, db::Params& params) const;
};
PatientScope scope_of(const identity::Caller& caller, identity::Action action);

// ACL-4, OBS-4: a health center links a patient to a follow-up organisation or a lodging
// facility, which then reaches the patient through Relation::linked; unlinking ends it. Both
// write in the caller's transaction; the step that calls them decides first
// (Action::link_follow_up) and records the change in the access log (audit::Change).
void link(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id,
          std::int64_t linked_by, Clock::time_point now);
void unlink(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id);
// The organisations a patient is linked to, by id.
std::vector<std::int64_t> links_of(db::Session& session, std::int64_t patient_id);

// Kept in step with identity's organisations (issue 14 items 1-2; wired by src/app, since
// identity includes no feature):
// ACL-3, seeds Q19: a 地方衛生研究所 reaches its prefecture's patients as the prefecture does.
// Registered or flagged after patients exist, it gets the prefecture's reach of them; not (or
// no longer) flagged, it loses it. In the transaction of the organisation's change.
void keep_institute_reach(db::Transaction& tx, const identity::Organisation& organisation);
// ORG-2: how many open cases a health center is the responsible one of (retiring it waits
// until they are transferred).
std::int64_t open_cases_of(db::Session& session, std::int64_t health_center_id);

}  // namespace hersys::cases
