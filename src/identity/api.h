#pragma once
// HTTP routes of the identity feature: sign-in and its steps, sign-out, the caller, phones and
// API tokens (api.cpp); organisations, accounts and the access log (admin_api.cpp).
#include <memory>

#include "identity/administration.h"
#include "identity/throttle.h"
#include "platform/concurrency/bounded_pool.h"
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::identity {

// The password step's hashing pool (null: half the cores, a queue of two per thread) and its
// throttle (issue 19 items 2 and 7); tests and benchmarks set them.
struct SignInSettings {
  std::shared_ptr<concurrency::BoundedPool> hashing;
  ThrottleRules throttle;
};

// Also installs the guard that authenticates every non-public route. `hooks`: what other
// features keep in step with organisations (src/app wires them).
void register_routes(http::Router& router, db::Database& database, const Clock& clock,
                     const SignInSettings& settings = {}, const AdministrationHooks& hooks = {});

// The issuers' routes; called by register_routes.
void register_admin_routes(http::Router& router, db::Database& database, const Clock& clock,
                           const AdministrationHooks& hooks = {});

}  // namespace hersys::identity
