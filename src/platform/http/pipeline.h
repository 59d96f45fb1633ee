#pragma once
// What happens to every request between the socket and the handler, as functions the server
// calls in order and tests call directly:
//   parse_target -> check_headers -> prepare (route; 404/405/415/400 JSON) -> invoke (handler;
//   errors mapped to problem+json) -> finish (request id, security and cache headers).
#include <optional>
#include <string_view>

#include "platform/http/problem.h"
#include "platform/http/router.h"

namespace hersys::http {

// Fills path, segments and query from an origin-form target ("/a/b?c=d"). Returns false for
// anything else (absolute-form, bad percent-encoding, ...).
bool parse_target(std::string_view target, Request& request);

// Refuses header fields a request may not have (issue 19 item 11): an HTTP/1.1 request without
// Host, or more than one Host, Authorization, Cookie, Content-Type or X-CSRF-Token (which of
// two would count is ambiguous, and proxies and this server might pick differently). The
// problem is 400 `missing_header` or `duplicate_header`, its error naming the field.
std::optional<Problem> check_headers(const Fields& headers, unsigned version);

// The client's address behind a trusted reverse proxy: the last entry of the last
// X-Forwarded-For field (the one the proxy appended), normalised; nullopt when there is none or
// it is no IP address.
std::optional<std::string> forwarded_client(const Fields& headers);

// Sets request_id (the client's X-Request-Id when it is a safe token, else a new random one) and
// language (Accept-Language).
void identify(Request& request);

// Routes the request and checks its body against the route. Returns null when the request is
// answered without a handler, with that answer (404, 405 + Allow, 415, 400) in `early`.
const Route* prepare(const Router& router, Request& request, Response& early);

// Runs the router's guard (non-public routes; 401 without one), then the handler. Never throws:
// Problem becomes its problem response, any other exception a 500 (logged with the request id; the
// body names no internals).
Response invoke(const Router& router, const Route& route, Request& request) noexcept;

// The response for a Problem raised outside a handler.
Response answer(const Request& request, const Problem& problem);

// Adds the headers that vary per response: X-Request-Id, and Cache-Control: no-store unless the
// handler set its own.
void finish(const Request& request, Response& response);

// The security headers every response carries (HSTS, CSP with frame-ancestors 'none', nosniff,
// Referrer-Policy, ...), as header lines.
extern const std::string_view kSecurityHeaders;

// The HTTP/1.1 status line and header block of `response`: its fields, the security headers,
// Content-Length and Connection. CR and LF never reach the wire inside a field.
std::string serialize_head(const Response& response, bool keep_alive);

}  // namespace hersys::http
