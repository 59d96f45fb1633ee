#include "identity/auth.h"

#include <array>

#include "audit/log.h"
#include "identity/rules.h"
#include "identity/store.h"
#include "platform/crypto/crypto.h"
#include "platform/http/problem.h"
#include "platform/time/format.h"

namespace hersys::identity {
namespace {
using http::Status;

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    auto pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

bool changes_state(http::Verb method) {
  return method == http::Verb::post || method == http::Verb::put || method == http::Verb::patch ||
         method == http::Verb::delete_;
}

// What a session may call before it has finished signing in, stage by stage (SPEC AUTH-1,
// AUTH-2; issue 19 item 4). This table is the one place that decides it: a route that is not
// listed for the session's stage answers 403 sign_in_incomplete, whatever its RouteOptions say.
// An active session may call every non-public route. Changing the password is listed only for
// the forced change of an initial password; otherwise it needs a completed sign-in.
struct StageRoute {
  http::Verb method;
  std::string_view pattern;
};

// Every stage may look at itself and leave.
constexpr std::array kEveryStage{
    StageRoute{http::Verb::get, "/api/v1/auth/session"},
    StageRoute{http::Verb::get, "/api/v1/auth/me"},
    StageRoute{http::Verb::post, "/api/v1/auth/sign-out"},
};
constexpr std::array kPasswordChange{
    StageRoute{http::Verb::post, "/api/v1/auth/password"},
};
constexpr std::array kSecondFactorEnrolment{
    StageRoute{http::Verb::post, "/api/v1/auth/totp/enrolment"},
    StageRoute{http::Verb::post, "/api/v1/auth/totp/enrolment/confirm"},
    StageRoute{http::Verb::get, "/api/v1/auth/phones"},
    StageRoute{http::Verb::post, "/api/v1/auth/phones"},
    StageRoute{http::Verb::post, "/api/v1/auth/phones/{id}/code"},
    StageRoute{http::Verb::post, "/api/v1/auth/phones/{id}/verify"},
};
constexpr std::array kSecondFactor{
    StageRoute{http::Verb::post, "/api/v1/auth/second-factor"},
    StageRoute{http::Verb::post, "/api/v1/auth/second-factor/code"},
    StageRoute{http::Verb::get, "/api/v1/auth/phones"},
};

template <size_t N>
bool listed(const std::array<StageRoute, N>& routes, const http::Route& route) {
  const auto method = route.method == http::Verb::head ? http::Verb::get : route.method;
  return std::any_of(routes.begin(), routes.end(), [&](const StageRoute& r) {
    return r.method == method && r.pattern == route.pattern;
  });
}

}  // namespace

bool stage_allows(Stage stage, const http::Route& route) {
  if (stage == Stage::active) return true;
  if (listed(kEveryStage, route)) return true;
  switch (stage) {
    case Stage::password_change: return listed(kPasswordChange, route);
    case Stage::second_factor_enrolment: return listed(kSecondFactorEnrolment, route);
    case Stage::second_factor: return listed(kSecondFactor, route);
    case Stage::active: return true;
  }
  return false;
}

namespace {

// A refusal by the guard itself (CSRF, sign-in stage) in the access log, outcome denied
// (SPEC ACL-7; issue 19 item 9). Only the route's pattern is recorded, never its values.
void log_refusal(db::Database& database, const Clock& clock, const Caller& caller,
                 const http::Route& route, const http::Request& request, const std::string& type) {
  auto e = audit_event(&caller, origin_of(request), audit::Action::execute, type);
  e.outcome = audit::Outcome::denied;
  e.detail = std::string(boost::beast::http::to_string(route.method)) + " " + route.pattern;
  audit::append(database, e, clock.now());
}

// Writing last_seen on every request would make every read a write; a minute's precision is
// plenty for a 30-minute idle timeout.
constexpr auto kTouchInterval = std::chrono::minutes(1);

// Bearer tokens (system integration) reach the data API as their account, with the same policy.
// They never reach the sign-in and credential routes: a token cannot sign out a session, make
// more tokens or change the second factor.
void authenticate_bearer(db::Database& database, const Clock& clock, const http::Route& route,
                         http::Request& request, std::string_view secret) {
  if (route.pattern.rfind("/api/v1/auth/", 0) == 0) {
    throw Problem(ProblemKind::forbidden, "session_required",
                  {"この操作はAPIトークンでは行えません。サインインしてください。",
                   "API tokens cannot do this. Please sign in."});
  }
  const auto now = clock.now();
  std::optional<Caller> caller;
  std::optional<std::string> last_used;
  {
    auto session = database.read();
    caller = find_api_token(session, std::string(secret), now, last_used);
    if (caller && !caller->account.disabled && caller->account.holds_support_grants) {
      caller->support_grants = active_support_grants(session, caller->account.id, now);
    }
  }
  if (!caller || caller->account.disabled) throw Problem::unauthenticated();
  const auto last = last_used ? parse_iso8601_utc(*last_used) : std::nullopt;
  if (!last || now - *last >= kTouchInterval) {
    auto tx = database.write();
    touch_api_token(tx, caller->api_token_id, now);
    tx.commit();
  }
  request.caller = std::move(*caller);
}

}  // namespace

std::string session_cookie(const std::string& token) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict";
}

std::string expired_session_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

http::Guard make_guard(db::Database& database, const Clock& clock) {
  return [&database, &clock](const http::Route& route, http::Request& request) {
    const std::string_view authorization =
        request.headers[boost::beast::http::field::authorization];
    if (authorization.rfind("Bearer ", 0) == 0) {
      authenticate_bearer(database, clock, route, request, authorization.substr(7));
      return;
    }
    const auto token =
        cookie_value(request.headers[boost::beast::http::field::cookie], kSessionCookie);
    if (!token || token->empty()) throw Problem::unauthenticated();
    std::optional<StoredSession> stored;
    const auto now = clock.now();
    {
      auto session = database.read();
      stored = find_session(session, *token);
      if (stored && stored->caller.account.holds_support_grants) {
        stored->caller.support_grants =
            active_support_grants(session, stored->caller.account.id, now);
      }
    }
    if (!stored || stored->caller.account.disabled) throw Problem::unauthenticated();
    if (session_expired(stored->created, stored->last_seen, now)) {
      auto tx = database.write();
      revoke_session(tx, stored->caller.session_id);
      tx.commit();
      throw Problem(
          ProblemKind::unauthenticated, "session_expired",
          {"一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。",
           "You were signed out after a period of inactivity. Please sign in again."});
    }
    if (changes_state(request.method) &&
        !crypto::equal_constant_time(request.headers[kCsrfHeader], stored->caller.csrf_token)) {
      log_refusal(database, clock, stored->caller, route, request, "access.csrf");
      throw Problem(ProblemKind::forbidden, "csrf_failed",
                    {"画面の有効期限が切れています。画面を再読み込みしてください。",
                     "This page has expired. Please reload it."});
    }
    if (!stage_allows(stored->caller.stage, route)) {
      log_refusal(database, clock, stored->caller, route, request, "access.sign-in-stage");
      throw Problem(ProblemKind::forbidden, "sign_in_incomplete",
                    {"サインインの手続きを完了してください。", "Please finish signing in."});
    }
    if (now - stored->last_seen >= kTouchInterval) {
      auto tx = database.write();
      touch_session(tx, stored->caller.session_id, now);
      tx.commit();
    }
    stored->caller.pending_totp_secret = std::move(stored->pending_totp_secret);
    request.caller = std::move(stored->caller);
  };
}

Origin origin_of(const http::Request& request) {
  return {request.client_address, request.request_id};
}

const Caller& caller_of(const http::Request& request) {
  const auto* caller = std::any_cast<Caller>(&request.caller);
  if (!caller) throw Problem::unauthenticated();
  return *caller;
}

}  // namespace hersys::identity
