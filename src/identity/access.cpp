#include "identity/access.h"

#include "audit/log.h"
#include "platform/errors.h"

namespace hersys::identity {

audit::Event audit_event(const Caller* caller, const Origin& origin, audit::Action action,
                         std::string type, std::string resource_type, std::string resource_id) {
  audit::Event e;
  e.action = action;
  e.type = std::move(type);
  if (caller) {
    e.account_id = caller->account.id;
    e.organisation_id = caller->organisation.id;
    if (caller->api_token_id) e.detail = "api token " + std::to_string(caller->api_token_id);
  }
  e.resource_type = std::move(resource_type);
  e.resource_id = std::move(resource_id);
  e.client_address = origin.client_address;
  e.request_id = origin.request_id;
  return e;
}

Relation require(db::Database& database, const Clock& clock, const Caller& caller,
                 const Origin& origin, Action action, std::span<const Relation> relations,
                 const std::string& resource_type, const std::string& resource_id,
                 const std::string& patient_id) {
  // The most specific relation wins, so support access is reported only when nothing else
  // would have allowed it.
  std::optional<Relation> through;
  for (auto relation : relations) {
    if (!permits(caller.organisation.kind, caller.account.role, action, relation)) continue;
    if (!through || *through == Relation::support_grant || *through == Relation::national) {
      through = relation;
    }
  }
  if (through) return *through;
  refuse(database, clock, caller, origin, action, resource_type, resource_id, patient_id);
}

namespace {

void log_refusal(db::Database& database, const Clock& clock, const Caller& caller,
                 const Origin& origin, Action action, const std::string& resource_type,
                 const std::string& resource_id, const std::string& patient_id) {
  const auto name = std::string(name_of(action));
  const auto kind = name.rfind("read", 0) == 0 ? audit::Action::read : audit::Action::execute;
  auto e = audit_event(&caller, origin, kind, "access." + name, resource_type, resource_id);
  e.patient_id = patient_id;
  e.outcome = audit::Outcome::denied;
  audit::append(database, e, clock.now());
}

}  // namespace

void refuse(db::Database& database, const Clock& clock, const Caller& caller, const Origin& origin,
            Action action, const std::string& resource_type, const std::string& resource_id,
            const std::string& patient_id) {
  log_refusal(database, clock, caller, origin, action, resource_type, resource_id, patient_id);
  throw Problem::forbidden();
}

void refuse_as_missing(db::Database& database, const Clock& clock, const Caller& caller,
                       const Origin& origin, Action action, const std::string& resource_type,
                       const std::string& resource_id, const std::string& patient_id) {
  log_refusal(database, clock, caller, origin, action, resource_type, resource_id, patient_id);
  throw Problem::not_found();
}

}  // namespace hersys::identity
