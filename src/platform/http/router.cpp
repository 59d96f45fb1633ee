#include "platform/http/router.h"

#include <stdexcept>

namespace hersys::http {
namespace {

std::vector<std::string> split_pattern(const std::string& pattern) {
  if (pattern.empty() || pattern[0] != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= pattern.size()) {
    auto end = pattern.find('/', start);
    if (end == std::string::npos) end = pattern.size();
    auto segment = pattern.substr(start, end - start);
    if (segment.empty() && end != pattern.size()) {
      throw std::invalid_argument("empty segment in route pattern: " + pattern);
    }
    if (!segment.empty()) segments.push_back(segment);
    start = end + 1;
  }
  return segments;
}

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Route& route, const std::vector<std::string>& segments,
             std::map<std::string, std::string>* params) {
  if (route.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& expected = route.segments[i];
    if (is_parameter(expected)) {
      if (segments[i].empty()) return false;
    } else if (expected != segments[i]) {
      return false;
    }
  }
  if (params) {
    for (size_t i = 0; i < segments.size(); ++i) {
      if (is_parameter(route.segments[i])) {
        (*params)[route.segments[i].substr(1, route.segments[i].size() - 2)] = segments[i];
      }
    }
  }
  return true;
}

}  // namespace

void Router::add(Verb method, const std::string& pattern, Handler handler, RouteOptions options) {
  if (options.execution == Execution::io_thread && options.access != Access::public_access) {
    throw std::invalid_argument("only public routes may run on the I/O thread: " + pattern);
  }
  auto segments = split_pattern(pattern);
  for (const auto& r : routes_) {
    if (r.method == method && r.segments == segments) {
      throw std::invalid_argument("duplicate route: " + pattern);
    }
  }
  routes_.push_back({method, pattern, std::move(segments), std::move(handler), options});
}

void Router::set_fallback(Handler handler, RouteOptions options) {
  options.access = Access::public_access;
  fallback_ = {Verb::get, "(static)", {}, std::move(handler), options};
  has_fallback_ = true;
}

Router::Match Router::match(Request& request) const {
  const Verb method = request.method == Verb::head ? Verb::get : request.method;
  std::string allow;
  for (const auto& route : routes_) {
    if (!matches(route, request.segments, nullptr)) continue;
    if (route.method == method) {
      matches(route, request.segments, &request.params);
      return {&route, Status::ok, {}};
    }
    if (!allow.empty()) allow += ", ";
    allow += std::string(boost::beast::http::to_string(route.method));
    if (route.method == Verb::get) allow += ", HEAD";
  }
  if (!allow.empty()) return {nullptr, Status::method_not_allowed, allow};
  const bool api = request.path == "/api" || request.path.starts_with("/api/");
  if (has_fallback_ && !api) {
    if (method == Verb::get) return {&fallback_, Status::ok, {}};
    return {nullptr, Status::method_not_allowed, "GET, HEAD"};
  }
  return {nullptr, Status::not_found, {}};
}

}  // namespace hersys::http
