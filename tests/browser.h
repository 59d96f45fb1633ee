#pragma once
// A browser of one for API tests: keeps the session cookie and CSRF token between requests
// the way the web app does, or sends a bearer token instead.
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace hersys::test {

struct Browser {
  unsigned short port;
  std::string cookie;
  std::string csrf;
  std::string bearer;  // an API token, sent as Authorization: Bearer
  std::string from;    // the loopback address to send from (another source); 127.0.0.1 when empty

  HttpResponse post(const std::string& target,
                    const nlohmann::json& body = nlohmann::json::object()) {
    auto r = send_from(from, port, bhttp::verb::post, target, body.dump(), "application/json",
                       headers(true));
    remember(r);
    return r;
  }
  HttpResponse put(const std::string& target, const nlohmann::json& body) {
    return send_from(from, port, bhttp::verb::put, target, body.dump(), "application/json",
                     headers(true));
  }
  HttpResponse get(const std::string& target) {
    return send_from(from, port, bhttp::verb::get, target, {}, {}, headers(false));
  }
  HttpResponse del(const std::string& target) {
    return send_from(from, port, bhttp::verb::delete_, target, {}, {}, headers(true));
  }

 private:
  std::vector<std::pair<std::string, std::string>> headers(bool state_changing) const {
    std::vector<std::pair<std::string, std::string>> h;
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    if (state_changing && !csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
    if (!bearer.empty()) h.emplace_back("Authorization", "Bearer " + bearer);
    return h;
  }
  void remember(const HttpResponse& r) {
    const std::string set_cookie(r[bhttp::field::set_cookie]);
    if (!set_cookie.empty()) cookie = set_cookie.substr(0, set_cookie.find(';'));
    if (r.result_int() == 200 && r[bhttp::field::content_type].starts_with("application/json")) {
      auto body = nlohmann::json::parse(r.body());
      if (body.contains("csrf_token")) csrf = body["csrf_token"];
    }
  }
};

inline nlohmann::json body_of(const HttpResponse& r) { return nlohmann::json::parse(r.body()); }

}  // namespace hersys::test
