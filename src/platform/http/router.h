#pragma once
// Routes: method + pattern ("/api/v1/cases/{id}") -> handler. Matching is on decoded path
// segments; `{name}` matches one non-empty segment. A path that matches no pattern is 404, one
// that matches with another method is 405 with Allow. Not thread-safe while routes are added;
// read-only (and safe to share) once the server starts.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/http/message.h"

namespace hersys::http {

using Handler = std::function<Response(Request&)>;
struct Route;
// Runs before the handler of every non-public route, on the worker pool: authenticates the
// request (filling Request::caller) or throws Problem (401, 403).
using Guard = std::function<void(const Route&, Request&)>;

// Where a handler runs. Handlers that touch the database, hash passwords or read files block,
// and run on the worker pool (the default). Only handlers that are pure computation on the
// request may run on the I/O thread.
enum class Execution { worker_pool, io_thread };

// Who may call a route. Deny by default: a route is for signed-in callers unless it says
// otherwise, and without a guard (see Router::set_guard) only public routes answer.
enum class Access {
  signed_in,            // a session that has finished sign-in (password change, second factor)
  sign_in_in_progress,  // any session, also one still changing its password or giving a code
  public_access,        // anyone: sign-in, health, the API document, static files
};

struct RouteOptions {
  Execution execution = Execution::worker_pool;  // io_thread only for public routes
  Access access = Access::signed_in;
  // For POST/PUT/PATCH: the body must be application/json and is parsed into Request::json
  // before the handler runs (415 / 400 otherwise).
  bool json_body = true;
  // With json_body: the body may be left out (no bytes, with or without a Content-Type) and
  // then reads as {} — for routes whose every field is optional, as docs/openapi.yaml says.
  bool body_optional = false;
};

// A route that reads no body (GET, and POSTs that are commands without input).
inline constexpr RouteOptions kNoBody{.json_body = false};

struct Route {
  Verb method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
};

// A handler that is a function of a feature's service, bound to the service: features write
// each route's handler as `Response name(Service&, Request&)` and register `on(service, name)`.
template <typename Service>
Handler on(std::shared_ptr<Service> service, Response (*handle)(Service&, Request&)) {
  return [service, handle](Request& request) { return handle(*service, request); };
}

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate method + pattern.
  void add(Verb method, const std::string& pattern, Handler handler, RouteOptions options = {});

  void set_guard(Guard guard) { guard_ = std::move(guard); }
  const Guard& guard() const { return guard_; }

  // The handler for GET/HEAD requests no route matches (static files, SPA fallback). It is
  // never called for paths under /api/.
  void set_fallback(Handler handler, RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;  // set when found
    Status status = Status::ok;    // not_found or method_not_allowed when route is null
    std::string allow;             // for 405: the methods the path does accept
  };
  // Fills request.params on success. HEAD matches GET routes.
  Match match(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Route fallback_;
  bool has_fallback_ = false;
  Guard guard_;
};

}  // namespace hersys::http
