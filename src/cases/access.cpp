#include "cases/access.h"

#include <fmt/format.h>

#include "audit/log.h"
#include "cases/store.h"
#include "platform/errors.h"
#include "platform/time/format.h"

namespace hersys::cases {
using identity::Action;
using identity::Caller;
using identity::Origin;
using identity::Relation;

std::int64_t relation_bit(Relation relation) {
  return std::int64_t{1} << static_cast<int>(relation);
}

bool PatientAccess::permits(const Caller& caller, Action action) const {
  return identity::permits(caller, action, relations);
}

audit::Event PatientAccess::event(const Caller& caller, const Origin& origin, audit::Action action,
                                  std::string type, std::string resource_type,
                                  std::int64_t resource_id) const {
  auto e = identity::audit_event(&caller, origin, action, std::move(type), std::move(resource_type),
                                 std::to_string(resource_id));
  e.patient_id = std::to_string(patient_id);
  if (through == Relation::support_grant) e.add_detail("support grant");
  return e;
}

void refuse_unknown(db::Database& database, const Clock& clock, const Caller& caller, Action action,
                    const Origin& origin, const Named& named, std::int64_t patient_id) {
  identity::refuse_as_missing(database, clock, caller, origin, action, named.resource_type,
                              std::to_string(named.resource_id),
                              patient_id != 0 ? std::to_string(patient_id) : std::string());
}

PatientAccess authorise(db::Database& database, const Clock& clock, const Caller& caller,
                        Action action, std::int64_t patient_id, const Origin& origin,
                        const Named& named) {
  const auto what = named.resource_type.empty() ? Named{"Patient", patient_id} : named;
  PatientAccess access{patient_id};
  bool exists = false;
  {
    auto session = database.read();
    exists = patient_exists(session, patient_id);
    const auto mask = exists ? relations_between(session, caller.organisation.id, patient_id) : 0;
    for (auto r : all_values<Relation>()) {
      if (mask & relation_bit(r)) access.relations.push_back(r);
    }
    std::vector<std::int64_t> grants;
    for (const auto& g : caller.support_grants) grants.push_back(g.organisation_id);
    if (exists && reached_by_any(session, grants, patient_id)) {
      access.relations.push_back(Relation::support_grant);
    }
  }
  // Not there, or not the caller's to know of: the same answer, both logged.
  if (!exists || (!identity::permits(caller, action, access.relations) &&
                  !identity::permits(caller, Action::read_case, access.relations))) {
    refuse_unknown(database, clock, caller, action, origin, what, exists ? patient_id : 0);
  }
  access.through = identity::require(database, clock, caller, origin, action, access.relations,
                                     what.resource_type, std::to_string(what.resource_id),
                                     std::to_string(patient_id));
  return access;
}

std::string PatientScope::condition(std::string_view column, db::Params& params) const {
  std::vector<std::string> parts;
  if (relation_mask != 0) {
    parts.push_back(
        fmt::format("EXISTS (SELECT 1 FROM patient_access scope_own WHERE "
                    "scope_own.organisation_id = ? AND scope_own.patient_id = {} AND "
                    "(scope_own.relations & ?) <> 0)",
                    column));
    params.emplace_back(organisation_id);
    params.emplace_back(relation_mask);
  }
  if (!grant_organisation_ids.empty()) {
    std::string marks;
    for (auto id : grant_organisation_ids) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(id);
    }
    parts.push_back(
        fmt::format("EXISTS (SELECT 1 FROM patient_access scope_grant WHERE "
                    "scope_grant.patient_id = {} AND scope_grant.organisation_id IN ({}) AND "
                    "scope_grant.relations <> 0)",
                    column, marks));
  }
  if (parts.empty()) return "0 = 1";
  return parts.size() == 1 ? parts[0] : "(" + parts[0] + " OR " + parts[1] + ")";
}

PatientScope scope_of(const Caller& caller, Action action) {
  PatientScope scope{caller.organisation.id, 0, {}};
  for (auto r : identity::scope(caller, action)) {
    if (r == Relation::support_grant) {
      for (const auto& g : caller.support_grants) {
        scope.grant_organisation_ids.push_back(g.organisation_id);
      }
    } else {
      scope.relation_mask |= relation_bit(r);
    }
  }
  return scope;
}

void link(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id,
          std::int64_t linked_by, Clock::time_point now) {
  add_link(tx, patient_id, organisation_id, linked_by, iso8601_utc(now));
}

void unlink(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id) {
  remove_link(tx, patient_id, organisation_id);
}

std::vector<std::int64_t> links_of(db::Session& session, std::int64_t patient_id) {
  return linked_organisations(session, patient_id);
}

void keep_institute_reach(db::Transaction& tx, const identity::Organisation& organisation) {
  write_prefecture_reach(tx, organisation.id, organisation.prefecture_code,
                         organisation.public_health_institute &&
                             organisation.kind == identity::OrganisationKind::health_center);
}

std::int64_t open_cases_of(db::Session& session, std::int64_t health_center_id) {
  return count_open_cases(session, health_center_id);
}

}  // namespace hersys::cases
