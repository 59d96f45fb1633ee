#pragma once
// HTTP routes of the identity feature: sign-in and its steps, sign-out, the caller, phones and
// API tokens (api.cpp); organisations, accounts and the access log (admin_api.cpp).
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::identity {

// Also installs the guard that authenticates every non-public route.
void register_routes(http::Router& router, db::Database& database, const Clock& clock);

// The issuers' routes; called by register_routes.
void register_admin_routes(http::Router& router, db::Database& database, const Clock& clock);

}  // namespace hersys::identity
