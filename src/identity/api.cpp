#include "identity/api.h"

#include "identity/auth.h"
#include "identity/rules.h"
#include "identity/sign_in.h"
#include "platform/http/body.h"
#include "platform/http/problem.h"

namespace hersys::identity {
namespace {
using http::BodyReader;
using http::Problem;
using http::Request;
using http::Response;
using http::Status;
using nlohmann::json;

Origin origin_of(const Request& request) { return {request.client_address, request.request_id}; }

json account_json(const Account& a) {
  return {{"id", a.id},
          {"login_id", a.login_id},
          {"display_name", a.display_name},
          {"role", to_string(a.role)}};
}

json organisation_json(const Organisation& o) {
  return {{"id", o.id},
          {"kind", to_string(o.kind)},
          {"code", o.code},
          {"name", o.name},
          {"prefecture_code", o.prefecture_code}};
}

Problem invalid_credentials() {
  return {Status::unauthorized,
          "invalid_credentials",
          {"IDまたはパスワードが正しくありません。", "The ID or password is incorrect."}};
}

Problem locked() {
  return {
      Status::forbidden,
      "account_locked",
      {"誤った入力が続いたため、アカウントがロックされています。しばらくしてから再度お試しいただく"
       "か、アカウントの発行元に解除を依頼してください。",
       "The account is locked after repeated failures. Try again later, or ask whoever issued "
       "the account to unlock it."}};
}

Problem invalid_code() {
  return {Status::unauthorized,
          "invalid_code",
          {"確認コードが正しくありません。", "The code is incorrect."},
          {{"code",
            "invalid_code",
            {"認証アプリに表示されている6桁のコードを入力してください。",
             "Enter the 6-digit code your authenticator app shows."}}}};
}

Problem wrong_stage() {
  return {Status::conflict,
          "wrong_stage",
          {"この手続きは現在行えません。", "This step does not apply now."}};
}

Response stage_response(Stage stage, const std::string& csrf_token) {
  return Response::json(Status::ok, {{"stage", to_string(stage)}, {"csrf_token", csrf_token}});
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
  auto code = body.text("code", 16);
  body.check();
  return code;
}

const Caller& caller_at(const Request& request, Stage expected) {
  const auto& caller = caller_of(request);
  if (caller.stage != expected) throw wrong_stage();
  return caller;
}

}  // namespace

void register_routes(http::Router& router, db::Database& database, const Clock& clock) {
  router.set_guard(make_guard(database, clock));
  auto sign_in = std::make_shared<SignIn>(database, clock);
  const http::RouteOptions in_progress{.access = http::Access::sign_in_in_progress};
  const http::RouteOptions in_progress_no_body{.access = http::Access::sign_in_in_progress,
                                               .json_body = false};

  router.add(http::Verb::post, "/api/v1/auth/sign-in",
             [sign_in](Request& request) {
               BodyReader body(request.json);
               const auto login_id = body.text("login_id", 64);
               const auto password = body.text("password", 1024);
               body.check();
               auto step = sign_in->with_password(login_id, password, origin_of(request));
               if (step.outcome == Outcome::locked) throw locked();
               if (step.outcome == Outcome::invalid) throw invalid_credentials();
               auto response = Response::json(
                   Status::ok, {{"stage", to_string(step.stage)},
                                {"csrf_token", step.session.csrf_token},
                                {"account", account_json(step.account)},
                                {"organisation", organisation_json(step.organisation)}});
               response.headers.set(boost::beast::http::field::set_cookie,
                                    session_cookie(step.session.token));
               return response;
             },
             {.access = http::Access::public_access});

  router.add(
      http::Verb::post, "/api/v1/auth/password",
      [sign_in](Request& request) {
        const auto& caller = caller_of(request);
        BodyReader body(request.json);
        const auto current = body.text("current_password", 1024);
        const auto next = body.text("new_password", 1024);
        body.check();
        auto change = sign_in->change_password(caller, current, next, origin_of(request));
        if (change.outcome == Outcome::locked) throw locked();
        if (!change.errors.empty()) throw Problem::invalid(change.errors);
        if (change.outcome == Outcome::invalid) {
          throw Problem(
              Status::unprocessable_entity, "invalid_fields",
              {"入力内容に誤りがあります。", "Some fields are invalid."},
              {{"current_password",
                "incorrect",
                {"現在のパスワードが正しくありません。", "The current password is incorrect."}}});
        }
        return stage_response(change.stage, caller.csrf_token);
      },
      in_progress);

  router.add(
      http::Verb::post, "/api/v1/auth/totp/enrolment",
      [sign_in](Request& request) {
        const auto& caller = caller_at(request, Stage::totp_enrolment);
        auto enrolment = sign_in->begin_totp_enrolment(caller, origin_of(request));
        return Response::json(Status::ok, {{"otpauth_uri", enrolment.otpauth_uri}});
      },
      in_progress_no_body);

  router.add(
      http::Verb::post, "/api/v1/auth/totp/enrolment/confirm",
      [sign_in](Request& request) {
        const auto& caller = caller_at(request, Stage::totp_enrolment);
        const auto code = code_from(request);
        return answer(sign_in->confirm_totp_enrolment(caller, code, origin_of(request)),
                      Stage::active, caller);
      },
      in_progress);

  router.add(
      http::Verb::post, "/api/v1/auth/second-factor",
      [sign_in](Request& request) {
        const auto& caller = caller_at(request, Stage::second_factor);
        const auto code = code_from(request);
        return answer(sign_in->with_totp(caller, code, origin_of(request)), Stage::active, caller);
      },
      in_progress);

  router.add(
      http::Verb::post, "/api/v1/auth/sign-out",
      [sign_in](Request& request) {
        sign_in->sign_out(caller_of(request), origin_of(request));
        auto response = Response::json(Status::ok, {{"signed_out", true}});
        response.headers.set(boost::beast::http::field::set_cookie, expired_session_cookie());
        return response;
      },
      in_progress_no_body);

  router.add(
      http::Verb::get, "/api/v1/auth/me",
      [](Request& request) {
        const auto& caller = caller_of(request);
        return Response::json(Status::ok,
                              {{"stage", to_string(caller.stage)},
                               {"csrf_token", caller.csrf_token},
                               {"account", account_json(caller.account)},
                               {"organisation", organisation_json(caller.organisation)}});
      },
      in_progress);
}

}  // namespace hersys::identity
