#pragma once
// Public: features decide and log access with require() and audit_event().
// Where the policy (policy.h) meets requests: deciding, and recording in the access log
// (SPEC ACL-7) both what was done and what was refused.
#include <span>

#include "audit/model.h"
#include "identity/policy.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::identity {

// Where a request came from, for the access log.
struct Origin {
  std::string client_address;
  std::string request_id;
};

// An access-log event by `caller` (account and organisation filled in), or by nobody yet
// (sign-in) when caller is null.
audit::Event audit_event(const Caller* caller, const Origin& origin, audit::Action action,
                         std::string type, std::string resource_type = {},
                         std::string resource_id = {});

// The relation through which the policy lets `caller` do `action` to a record related to it by
// `relations`. When none does, records the refusal (outcome "denied") and throws 403.
// Access through a break-glass grant is reported as Relation::support_grant, so the caller
// logs it as such.
// `patient_id` files a refusal about a patient's record under the patient too.
Relation require(db::Database& database, const Clock& clock, const Caller& caller,
                 const Origin& origin, Action action, std::span<const Relation> relations,
                 const std::string& resource_type, const std::string& resource_id,
                 const std::string& patient_id = {});

// Records the refusal of `action` (outcome "denied") and throws 403: for a caller that has no
// relation to act through at all (an institution outside any area filing a report).
[[noreturn]] void refuse(db::Database& database, const Clock& clock, const Caller& caller,
                         const Origin& origin, Action action, const std::string& resource_type,
                         const std::string& resource_id, const std::string& patient_id = {});

// The same refusal record, answered 404 like a record that does not exist: for ids outside the
// caller's reach, so that "not yours" and "not there" answer alike (issue 19 item 8).
[[noreturn]] void refuse_as_missing(db::Database& database, const Clock& clock,
                                    const Caller& caller, const Origin& origin, Action action,
                                    const std::string& resource_type,
                                    const std::string& resource_id,
                                    const std::string& patient_id = {});

}  // namespace hersys::identity
