#include "identity/api.h"

#include <algorithm>

#include "identity/api_json.h"
#include "identity/auth.h"
#include "identity/factors.h"
#include "identity/rules.h"
#include "identity/sign_in.h"
#include "platform/http/body.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/phone/phone.h"
#include "platform/qr/qr.h"

namespace hersys::identity {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using http::Status;
using nlohmann::json;

Problem invalid_credentials() {
  return {ProblemKind::unauthenticated,
          "invalid_credentials",
          {"IDまたはパスワードが正しくありません。", "The ID or password is incorrect."}};
}

Problem locked() {
  return {
      ProblemKind::forbidden,
      "account_locked",
      {"誤った入力が続いたため、アカウントがロックされています。しばらくしてから再度お試しいただく"
       "か、アカウントの発行元に解除を依頼してください。",
       "The account is locked after repeated failures. Try again later, or ask whoever issued "
       "the account to unlock it."}};
}

// The throttle of the password step (issue 19 items 2 and 7): the same for every login id.
Problem too_many_attempts(std::chrono::seconds retry_after) {
  return Problem(ProblemKind::too_many_requests, "too_many_attempts",
                 {"サインインの試行が多すぎます。しばらく待ってから再度お試しください。",
                  "Too many sign-in attempts. Please wait a moment and try again."})
      .retry_after(static_cast<int>(retry_after.count()));
}

Problem invalid_code() {
  return {ProblemKind::unauthenticated,
          "invalid_code",
          {"確認コードが正しくありません。", "The code is incorrect."},
          {{"code",
            "invalid_code",
            {"確認コードが違います。認証アプリにいま表示されている、または電話に届いた6桁の"
             "コードを入力してください。",
             "That code is not right. Enter the 6-digit code your authenticator app shows now "
             "or the one sent to your phone."}}}};
}

Problem wrong_stage() {
  return {ProblemKind::conflict,
          "wrong_stage",
          {"この手続きは現在行えません。", "This step does not apply now."}};
}

// The password and a current second factor asked again (issue 19 items 1 and 5). Which of the
// two was wrong is not told.
Problem reauthentication_failed() {
  const Text again{"パスワードと確認コードをもう一度入力してください。",
                   "Enter your password and a current code again."};
  return {
      ProblemKind::invalid,
      "reauthentication_failed",
      {"パスワードまたは確認コードが正しくありません。", "The password or the code is incorrect."},
      {{"password", "incorrect", again}, {"current_code", "incorrect", again}}};
}

void reauthenticate(SignIn& sign_in, const Caller& caller, const std::string& password,
                    const std::string& code, const std::string& type, const Request& request) {
  const auto outcome = sign_in.reauthenticate(caller, password, code, type, origin_of(request));
  if (outcome == Outcome::locked) throw locked();
  if (outcome == Outcome::invalid) throw reauthentication_failed();
}

Response stage_response(Stage stage, const std::string& csrf_token) {
  return Response::json(Status::ok, {{"stage", name_of(stage)}, {"csrf_token", csrf_token}});
}

// A step's outcome as the response, or the problem.
Response answer(Outcome outcome, Stage next, const Caller& caller) {
  if (outcome == Outcome::locked) throw locked();
  if (outcome == Outcome::invalid) throw invalid_code();
  return stage_response(next, caller.csrf_token);
}

// The 6-digit code of a second-factor step; checking its digits is verify_totp's.
std::string code_from(const Request& request) {
  BodyReader body(request.json);
  auto code = body.code("code", 60);
  body.check();
  // Full-width digits are folded by code(); spaces typed between them go (issue 14 item 9).
  std::erase(code, ' ');
  return code;
}

const Caller& caller_at(const Request& request, std::initializer_list<Stage> expected) {
  const auto& caller = caller_of(request);
  if (std::find(expected.begin(), expected.end(), caller.stage) == expected.end()) {
    throw wrong_stage();
  }
  return caller;
}

// Numbers are shown masked in lists ("090-****-5678"): the list also answers a caller who has
// given only the password. The full number is shown back once, when it is registered (NTF-2).
std::string masked(const std::string& e164) {
  const auto number = phone::parse(e164);
  if (!number) return "****";
  const auto shown = phone::display(*number);
  std::string out;
  const auto keep_from = shown.size() - 4;
  const auto keep_to = shown.find('-');
  for (size_t i = 0; i < shown.size(); ++i) {
    const bool keep = i >= keep_from || (keep_to != std::string::npos && i < keep_to);
    out += keep || shown[i] == '-' ? shown[i] : '*';
  }
  return out;
}

json phone_json(const Phone& p, bool full_number = false) {
  const auto number = phone::parse(p.number);
  return {{"id", p.id},
          {"number", full_number && number ? phone::display(*number) : masked(p.number)},
          {"channel", p.channel},
          {"verified", p.verified}};
}

Problem too_many_codes() {
  return {ProblemKind::too_many_requests,
          "too_many_codes",
          {"確認コードの送信回数が上限に達しました。15分ほど待ってから再度お試しください。",
           "Too many codes were sent. Please wait about 15 minutes and try again."}};
}

Problem no_such_phone() {
  return {ProblemKind::not_found,
          "no_such_phone",
          {"この電話番号は登録されていません。", "This phone is not registered."}};
}

void check_sent(SendOutcome outcome) {
  if (outcome == SendOutcome::too_many) throw too_many_codes();
  if (outcome == SendOutcome::no_such_phone) throw no_such_phone();
}

json code_sent_json(const Phone& phone) {
  return {{"sent", true},
          {"phone", phone_json(phone)},
          {"expires_in_seconds", std::chrono::seconds(kCodeLifetime).count()}};
}

json me_json(const Caller& caller) {
  json grants = json::array();
  for (const auto& g : caller.support_grants) {
    grants.push_back({{"id", g.id},
                      {"organisation_id", g.organisation_id},
                      {"reason", g.reason},
                      {"expires_at", g.expires_at}});
  }
  const auto may = capabilities(caller);
  json kinds = json::array();
  for (auto kind : may.create_organisations) kinds.push_back(name_of(kind));
  return {{"stage", name_of(caller.stage)},
          {"csrf_token", caller.csrf_token},
          {"account", caller.account},
          {"organisation", caller.organisation},
          {"support_grants", grants},
          {"may",
           {{"file_reports", may.file_reports},
            {"search_cases", may.search_cases},
            {"cases_without_status", may.cases_without_status},
            {"choose_health_center", may.choose_health_center},
            {"export_cases", may.export_cases},
            {"file_daily_report", may.file_daily_report},
            {"enter_daily_for_others", may.enter_daily_for_others},
            {"read_daily_area", may.read_daily_area},
            {"manage_accounts", may.manage_accounts},
            {"read_access_log", may.read_access_log},
            {"receive_transfers", may.receive_transfers},
            {"confirm_reports", may.confirm_reports},
            {"check_reports", may.check_reports},
            {"create_organisations", kinds}}}};
}

// --- Sign-in and password ---

Response sign_in_with_password(SignIn& sign_in, Request& request) {
  BodyReader body(request.json);
  const auto login_id = body.code("login_id", 200);
  const auto password = body.text("password", 1024);
  body.check();
  auto step = sign_in.with_password(login_id, password, origin_of(request));
  if (step.retry_after) throw too_many_attempts(*step.retry_after);
  if (step.outcome == Outcome::locked) throw locked();
  if (step.outcome == Outcome::invalid) throw invalid_credentials();
  auto response = Response::json(Status::ok, {{"stage", name_of(step.stage)},
                                              {"csrf_token", step.session.csrf_token},
                                              {"account", step.account},
                                              {"organisation", step.organisation}});
  response.headers.set(boost::beast::http::field::set_cookie, session_cookie(step.session.token));
  return response;
}

Response change_password(SignIn& sign_in, Request& request) {
  const auto& caller = caller_of(request);
  BodyReader body(request.json);
  const auto current = body.text("current_password", 1024);
  const auto next = body.text("new_password", 1024);
  body.check();
  auto change = sign_in.change_password(caller, current, next, origin_of(request));
  if (change.outcome == Outcome::locked) throw locked();
  if (!change.errors.empty()) throw Problem::invalid(change.errors);
  if (change.outcome == Outcome::invalid) {
    throw Problem(
        ProblemKind::invalid, "invalid_fields",
        {"入力内容に誤りがあります。", "Some fields are invalid."},
        {{"current_password",
          "incorrect",
          {"現在のパスワードが正しくありません。", "The current password is incorrect."}}});
  }
  return stage_response(change.stage, caller.csrf_token);
}

// --- Second factor and phones ---

Response begin_totp_enrolment(SignIn& sign_in, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor_enrolment, Stage::active});
  auto enrolment = sign_in.begin_totp_enrolment(caller, origin_of(request));
  return Response::json(Status::ok, {{"otpauth_uri", enrolment.otpauth_uri},
                                     {"qr_svg", qr::svg(enrolment.otpauth_uri)}});
}

// From an active session this replaces the authenticator: the password and a current code
// (from the old authenticator or a phone) are asked again (issue 19 item 5).
Response confirm_totp_enrolment(SignIn& sign_in, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor_enrolment, Stage::active});
  if (caller.stage == Stage::active) {
    BodyReader body(request.json);
    const auto code = body.code("code", 60);
    const auto password = body.text("password", 1024);
    const auto current = body.code("current_code", 60);
    body.check();
    reauthenticate(sign_in, caller, password, current, "auth.totp-reenrolment", request);
    return answer(sign_in.confirm_totp_enrolment(caller, code, origin_of(request)), Stage::active,
                  caller);
  }
  const auto code = code_from(request);
  return answer(sign_in.confirm_totp_enrolment(caller, code, origin_of(request)), Stage::active,
                caller);
}

Response give_second_factor(SignIn& sign_in, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor});
  const auto code = code_from(request);
  return answer(sign_in.with_code(caller, code, origin_of(request)), Stage::active, caller);
}

// Also from an active session: the code asked again before a sensitive change (issue 19 item 1).
Response send_sign_in_code(Factors& factors, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor, Stage::active});
  BodyReader body(request.json);
  const auto phone_id = body.integer("phone_id", 1);
  body.check();
  const auto sent = factors.send_sign_in_code(caller, phone_id, origin_of(request));
  check_sent(sent.outcome);
  return Response::json(Status::ok, code_sent_json(sent.phone));
}

Response read_phones(Factors& factors, Request& request) {
  const auto& caller = caller_of(request);
  if (caller.stage == Stage::password_change) throw wrong_stage();
  json phones = json::array();
  for (const auto& p : factors.phones(caller)) phones.push_back(phone_json(p));
  return Response::json(Status::ok, {{"phones", phones}});
}

// From an active session a phone is a new way to give the second factor: the password and a
// current code are asked again, like replacing the authenticator (issue 19 item 5).
Response register_phone(SignIn& sign_in, Factors& factors, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor_enrolment, Stage::active});
  BodyReader body(request.json);
  PhoneInput input{body.code("number", 120), body.text("channel", 10)};
  std::string password, current;
  if (caller.stage == Stage::active) {
    password = body.text("password", 1024);
    current = body.code("current_code", 60);
  }
  body.check();
  if (caller.stage == Stage::active) {
    reauthenticate(sign_in, caller, password, current, "auth.phone-add", request);
  }
  auto added = factors.add_phone(caller, input, origin_of(request));
  if (!added.errors.empty()) throw Problem::invalid(added.errors);
  check_sent(added.outcome);
  auto answer = code_sent_json(added.phone);
  answer["phone"] = phone_json(added.phone, true);  // shown back to confirm (NTF-2)
  return Response::json(Status::created, answer);
}

Response resend_phone_code(Factors& factors, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor_enrolment, Stage::active});
  const auto id = http::id_param(request);
  check_sent(factors.resend(caller, id, origin_of(request)));
  return Response::json(Status::ok, {{"sent", true}});
}

// During enrolment the phone's first code also finishes sign-in; afterwards it only verifies
// the phone.
Response verify_phone_code(SignIn& sign_in, Factors& factors, Request& request) {
  const auto& caller = caller_at(request, {Stage::second_factor_enrolment, Stage::active});
  const auto id = http::id_param(request);
  const auto code = code_from(request);
  if (caller.stage == Stage::second_factor_enrolment) {
    return answer(sign_in.confirm_phone_enrolment(caller, id, code, origin_of(request)),
                  Stage::active, caller);
  }
  if (!factors.verify_phone(caller, id, code, origin_of(request))) throw invalid_code();
  return stage_response(caller.stage, caller.csrf_token);
}

Response delete_phone(Factors& factors, Request& request) {
  const auto& caller = caller_of(request);
  switch (factors.remove_phone(caller, http::id_param(request), origin_of(request))) {
    case Factors::Removal::not_found: throw no_such_phone();
    case Factors::Removal::last_factor:
      throw Problem(ProblemKind::conflict, "last_second_factor",
                    {"最後の認証手段は削除できません。先に別の電話番号か認証アプリを登録して"
                     "ください。",
                     "This is your last second factor. Register another phone or an "
                     "authenticator app first."});
    case Factors::Removal::removed: break;
  }
  return Response::json(Status::ok, {{"removed", true}});
}

// --- API tokens ---

Response read_tokens(Factors& factors, Request& request) {
  json tokens = json::array();
  for (const auto& t : factors.tokens(caller_of(request))) tokens.push_back(token_json(t));
  return Response::json(Status::ok, {{"tokens", tokens}});
}

// Needs the password and a current second factor again (issue 19 item 1).
Response create_token(SignIn& sign_in, Factors& factors, Request& request) {
  const auto& caller = caller_of(request);
  BodyReader body(request.json);
  const auto name = body.text("name", 100);
  const auto days = body.integer("days", 1, std::chrono::days(kMaxTokenLifetime).count(), 90);
  const auto password = body.text("password", 1024);
  const auto code = body.code("current_code", 60);
  body.add(validate_display_name(name, "name"));
  body.check();
  reauthenticate(sign_in, caller, password, code, "auth.token-create", request);
  auto created = factors.create_token(caller, name, static_cast<int>(days), origin_of(request));
  auto answer = token_json(created.token);
  answer["token"] = created.secret;  // shown once
  return Response::json(Status::created, answer);
}

Response revoke_token(Factors& factors, Request& request) {
  if (!factors.revoke_token(caller_of(request), http::id_param(request), origin_of(request))) {
    throw Problem::not_found();
  }
  return Response::json(Status::ok, {{"revoked", true}});
}

// --- The session and the caller ---

Response sign_out(SignIn& sign_in, Request& request) {
  sign_in.sign_out(caller_of(request), origin_of(request));
  auto response = Response::json(Status::ok, {{"signed_out", true}});
  response.headers.set(boost::beast::http::field::set_cookie, expired_session_cookie());
  return response;
}

Response read_me(Request& request) {
  return Response::json(Status::ok, me_json(caller_of(request)));
}

// The browser app asks this on every load: "not signed in" is a normal answer here (200),
// not an error the browser would log. Anything else about the session is the guard's answer.
Response read_session(const http::Guard& guard, Request& request) {
  static const http::Route kAnySession{.method = http::Verb::get,
                                       .pattern = "/api/v1/auth/session",
                                       .options = {.access = http::Access::sign_in_in_progress}};
  try {
    guard(kAnySession, request);
  } catch (const Problem& problem) {
    if (problem.kind() != ProblemKind::unauthenticated) throw;
    return Response::json(Status::ok, {{"signed_in", false}, {"reason", problem.code()}});
  }
  auto answer = me_json(caller_of(request));
  answer["signed_in"] = true;
  return Response::json(Status::ok, answer);
}

// --- Registration ---

// Routes that a session still signing in may reach at all; which stage may call which of them
// is decided by stage_allows() (auth.cpp), the one per-stage allow-list (issue 19 item 4).
const http::RouteOptions kInProgress{.access = http::Access::sign_in_in_progress};
const http::RouteOptions kInProgressNoBody{.access = http::Access::sign_in_in_progress,
                                           .json_body = false};
const http::RouteOptions kPublic{.access = http::Access::public_access};

void add_sign_in_routes(http::Router& router, std::shared_ptr<SignIn> sign_in) {
  using V = http::Verb;
  router.add(V::post, "/api/v1/auth/sign-in", http::on(sign_in, sign_in_with_password), kPublic);
  router.add(V::post, "/api/v1/auth/password", http::on(sign_in, change_password), kInProgress);
}

void add_second_factor_routes(http::Router& router, std::shared_ptr<SignIn> sign_in,
                              std::shared_ptr<Factors> factors) {
  using V = http::Verb;
  router.add(V::post, "/api/v1/auth/totp/enrolment", http::on(sign_in, begin_totp_enrolment),
             kInProgressNoBody);
  router.add(V::post, "/api/v1/auth/totp/enrolment/confirm",
             http::on(sign_in, confirm_totp_enrolment), kInProgress);
  router.add(V::post, "/api/v1/auth/second-factor", http::on(sign_in, give_second_factor),
             kInProgress);
  router.add(V::post, "/api/v1/auth/second-factor/code", http::on(factors, send_sign_in_code),
             kInProgress);
  router.add(V::get, "/api/v1/auth/phones", http::on(factors, read_phones), kInProgress);
  router.add(
      V::post, "/api/v1/auth/phones",
      [sign_in, factors](Request& request) { return register_phone(*sign_in, *factors, request); },
      kInProgress);
  router.add(V::post, "/api/v1/auth/phones/{id}/code", http::on(factors, resend_phone_code),
             kInProgressNoBody);
  router.add(
      V::post, "/api/v1/auth/phones/{id}/verify",
      [sign_in, factors](Request& request) {
        return verify_phone_code(*sign_in, *factors, request);
      },
      kInProgress);
  router.add(V::delete_, "/api/v1/auth/phones/{id}", http::on(factors, delete_phone));
}

void add_token_routes(http::Router& router, std::shared_ptr<SignIn> sign_in,
                      std::shared_ptr<Factors> factors) {
  using V = http::Verb;
  router.add(V::get, "/api/v1/auth/tokens", http::on(factors, read_tokens));
  router.add(V::post, "/api/v1/auth/tokens", [sign_in, factors](Request& request) {
    return create_token(*sign_in, *factors, request);
  });
  router.add(V::delete_, "/api/v1/auth/tokens/{id}", http::on(factors, revoke_token));
}

// After the guard is installed: the session route asks it.
void add_session_routes(http::Router& router, std::shared_ptr<SignIn> sign_in) {
  using V = http::Verb;
  router.add(V::post, "/api/v1/auth/sign-out", http::on(sign_in, sign_out), kInProgressNoBody);
  router.add(V::get, "/api/v1/auth/me", read_me, kInProgress);
  router.add(
      V::get, "/api/v1/auth/session",
      [guard = router.guard()](Request& request) { return read_session(guard, request); }, kPublic);
}

}  // namespace

void register_routes(http::Router& router, db::Database& database, const Clock& clock,
                     const SignInSettings& settings, const AdministrationHooks& hooks) {
  router.set_guard(make_guard(database, clock));
  auto sign_in = std::make_shared<SignIn>(database, clock, settings.hashing, settings.throttle);
  auto factors = std::make_shared<Factors>(database, clock);
  register_admin_routes(router, database, clock, hooks);
  add_sign_in_routes(router, sign_in);
  add_second_factor_routes(router, sign_in, factors);
  add_token_routes(router, sign_in, factors);
  add_session_routes(router, sign_in);
}

}  // namespace hersys::identity
