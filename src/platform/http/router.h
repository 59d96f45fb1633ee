#pragma once
// Routes: method + pattern ("/api/v1/cases/{id}") -> handler. Matching is on decoded path
// segments; `{name}` matches one non-empty segment. A path that matches no pattern is 404, one
// that matches with another method is 405 with Allow. Not thread-safe while routes are added;
// read-only (and safe to share) once the server starts.
#include <functional>
#include <string>
#include <vector>

#include "platform/http/message.h"

namespace hersys::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs. Handlers that touch the database, hash passwords or read files block,
// and run on the worker pool (the default). Only handlers that are pure computation on the
// request may run on the I/O thread.
enum class Execution { worker_pool, io_thread };

struct RouteOptions {
  Execution execution = Execution::worker_pool;
  // For POST/PUT/PATCH: the body must be application/json and is parsed into Request::json
  // before the handler runs (415 / 400 otherwise).
  bool json_body = true;
};

struct Route {
  Verb method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate method + pattern.
  void add(Verb method, const std::string& pattern, Handler handler, RouteOptions options = {});

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
};

}  // namespace hersys::http
