#pragma once
// Public: every feature's routes read their caller with caller_of() and origin_of().
// Authenticating requests: the session cookie, its expiry, the CSRF token, and whether the
// session's sign-in stage allows the route (stage_allows). The router runs the guard before every
// non-public handler; its refusals (CSRF, stage) are in the access log as denied.
#include "identity/access.h"
#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::identity {

// The session cookie: a __Host- cookie (Secure, Path=/, no Domain), HttpOnly, SameSite=Strict.
inline constexpr std::string_view kSessionCookie = "__Host-hersys_session";
// State-changing requests (POST, PUT, PATCH, DELETE) carry the session's CSRF token here.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

std::string session_cookie(const std::string& token);
std::string expired_session_cookie();

// May a session at `stage` call `route`? The per-stage allow-list (issue 19 item 4): an active
// session any non-public route; one still signing in only the steps of its stage.
bool stage_allows(Stage stage, const http::Route& route);

// The guard for Router::set_guard. `database` and `clock` must outlive the router.
http::Guard make_guard(db::Database& database, const Clock& clock);

// Where the request came from, for the access log.
Origin origin_of(const http::Request& request);

// The caller the guard authenticated. Only for handlers of non-public routes.
const Caller& caller_of(const http::Request& request);

}  // namespace hersys::identity
