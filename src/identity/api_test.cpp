// The sign-in flow over real HTTP on both databases (SPEC AUTH-1..4, ACL-7).
#include "identity/api.h"

#include <gtest/gtest.h>
#include <liboath/oath.h>

#include "app/routes.h"
#include "audit/store.h"
#include "browser.h"
#include "identity/auth.h"
#include "identity/rules.h"
#include "identity/store.h"
#include "platform/crypto/crypto.h"
#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::identity {
namespace {

constexpr const char* kInitial = "initial-Pass-2026";
using namespace std::chrono_literals;
namespace bhttp = boost::beast::http;
using json = nlohmann::json;

using test::body_of;
using test::Browser;

std::string secret_from(const std::string& otpauth_uri) {
  const auto start = otpauth_uri.find("secret=") + 7;
  std::string base32 = otpauth_uri.substr(start, otpauth_uri.find('&', start) - start);
  while (base32.size() % 8) base32 += '=';
  char* secret = nullptr;
  size_t length = 0;
  EXPECT_EQ(oath_base32_decode(base32.data(), base32.size(), &secret, &length), OATH_OK);
  std::string result(secret, length);
  free(secret);
  return result;
}

class SignInApiTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  SignInApiTest() {
    db::migrate(*db_, clock_);
    auto tx = db_->write();
    Organisation clinic{0,
                        OrganisationKind::medical_institution,
                        "MI-13-0001",
                        "新宿クリニック",
                        "東京都新宿区",
                        "clinic@example.jp",
                        "13",
                        "131041",
                        std::nullopt,
                        false,
                        true};
    clinic_id_ = create_organisation(tx, clinic, clock_.now());
    issued_ = {issue_account(tx, clinic_id_, "clinic01", "受付1", Role::staff,
                             crypto::hash_password(kInitial), std::nullopt, clock_.now()),
               kInitial};
    tx.commit();
    app::register_routes(router_, context_);
    router_.add(http::Verb::get, "/api/v1/test/private", [](http::Request& r) {
      return http::Response::json(http::Status::ok, {{"login_id", caller_of(r).account.login_id}});
    });
    server_ = std::make_unique<test::RunningServer>(router_);
  }

  Browser browser() { return Browser{server_->port(), {}, {}, {}}; }

  // Signs in from scratch to an active session, returning the browser and the TOTP secret.
  std::pair<Browser, std::string> fully_signed_in() {
    auto b = browser();
    EXPECT_EQ(b.post("/api/v1/auth/sign-in",
                     {{"login_id", "clinic01"}, {"password", issued_.initial_password}})
                  .result_int(),
              200);
    EXPECT_EQ(b.post("/api/v1/auth/password", {{"current_password", issued_.initial_password},
                                               {"new_password", kNewPassword}})
                  .result_int(),
              200);
    auto secret = secret_from(body_of(b.post("/api/v1/auth/totp/enrolment"))["otpauth_uri"]);
    EXPECT_EQ(
        b.post("/api/v1/auth/totp/enrolment/confirm", {{"code", totp_code(secret, clock_.now())}})
            .result_int(),
        200);
    return {b, secret};
  }

  static constexpr const char* kNewPassword = "春の小川はさらさら行くよ";

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + 1h};
  test::TestDatabase db_{GetParam()};
  app::Context context_{*db_, clock_};
  http::Router router_;
  std::unique_ptr<test::RunningServer> server_;
  std::int64_t clinic_id_ = 0;
  IssuedAccount issued_;
};

INSTANTIATE_TEST_SUITE_P(Backends, SignInApiTest, test::kBothDatabases, test::database_test_name);

}  // namespace

TEST_P(SignInApiTest, FirstSignInChangesThePasswordEnrolsTotpAndReachesPrivateRoutes) {
  auto b = browser();
  auto r = b.post("/api/v1/auth/sign-in",
                  {{"login_id", "clinic01"}, {"password", issued_.initial_password}});
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(body_of(r)["stage"], "password_change");
  EXPECT_EQ(body_of(r)["organisation"]["name"], "新宿クリニック");
  const std::string set_cookie(r[bhttp::field::set_cookie]);
  EXPECT_TRUE(set_cookie.starts_with("__Host-hersys_session="));
  for (const char* attribute : {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"}) {
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute;
  }

  // Nothing else before the password is changed (AUTH-1).
  EXPECT_EQ(body_of(b.get("/api/v1/test/private"))["code"], "sign_in_incomplete");
  EXPECT_EQ(b.get("/api/v1/auth/me").result_int(), 200);

  auto weak = b.post("/api/v1/auth/password",
                     {{"current_password", issued_.initial_password}, {"new_password", "short"}});
  EXPECT_EQ(weak.result_int(), 422);
  EXPECT_EQ(body_of(weak)["errors"][0]["field"], "new_password");
  auto wrong = b.post("/api/v1/auth/password",
                      {{"current_password", "not it at all"}, {"new_password", kNewPassword}});
  EXPECT_EQ(body_of(wrong)["errors"][0]["field"], "current_password");
  auto changed = b.post("/api/v1/auth/password", {{"current_password", issued_.initial_password},
                                                  {"new_password", kNewPassword}});
  ASSERT_EQ(changed.result_int(), 200);
  EXPECT_EQ(body_of(changed)["stage"], "second_factor_enrolment");

  auto enrolment = b.post("/api/v1/auth/totp/enrolment");
  ASSERT_EQ(enrolment.result_int(), 200);
  const auto secret = secret_from(body_of(enrolment)["otpauth_uri"]);
  EXPECT_EQ(b.post("/api/v1/auth/totp/enrolment/confirm", {{"code", "000000"}}).result_int(), 401);
  auto confirmed =
      b.post("/api/v1/auth/totp/enrolment/confirm", {{"code", totp_code(secret, clock_.now())}});
  ASSERT_EQ(confirmed.result_int(), 200);
  EXPECT_EQ(body_of(confirmed)["stage"], "active");
  EXPECT_EQ(body_of(b.get("/api/v1/test/private"))["login_id"], "clinic01");

  // The next sign-in asks for the new password and a code, once each.
  clock_.advance(1min);
  auto next = browser();
  EXPECT_EQ(next.post("/api/v1/auth/sign-in",
                      {{"login_id", "clinic01"}, {"password", issued_.initial_password}})
                .result_int(),
            401);
  auto second =
      next.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", kNewPassword}});
  EXPECT_EQ(body_of(second)["stage"], "second_factor");
  const auto code = totp_code(secret, clock_.now());
  EXPECT_EQ(next.post("/api/v1/auth/second-factor", {{"code", code}}).result_int(), 200);
  EXPECT_EQ(next.get("/api/v1/test/private").result_int(), 200);

  auto replay = browser();
  replay.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", kNewPassword}});
  EXPECT_EQ(body_of(replay.post("/api/v1/auth/second-factor", {{"code", code}}))["code"],
            "invalid_code");  // a code is used once only
}

TEST_P(SignInApiTest, WithoutASessionOrCsrfTokenNothingPrivateAnswers) {
  auto anonymous = browser();
  EXPECT_EQ(anonymous.get("/api/v1/test/private").result_int(), 401);
  EXPECT_EQ(anonymous.get("/api/v1/auth/me").result_int(), 401);
  EXPECT_EQ(anonymous.post("/api/v1/auth/sign-out").result_int(), 401);
  anonymous.cookie = "__Host-hersys_session=forged";
  EXPECT_EQ(anonymous.get("/api/v1/auth/me").result_int(), 401);

  auto [b, secret] = fully_signed_in();
  auto stolen = b;
  stolen.csrf.clear();  // a cookie alone (e.g. a cross-site request) changes nothing
  auto r = stolen.post("/api/v1/auth/sign-out");
  EXPECT_EQ(r.result_int(), 403);
  EXPECT_EQ(body_of(r)["code"], "csrf_failed");
  EXPECT_EQ(b.get("/api/v1/auth/me").result_int(), 200);
}

// What the browser app asks on load: "not signed in" is a 200, never a logged 401.
TEST_P(SignInApiTest, SessionAnswersWhetherSignedInWithoutAnError) {
  auto anonymous = browser();
  auto r = anonymous.get("/api/v1/auth/session");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(body_of(r)["signed_in"], false);
  anonymous.cookie = "__Host-hersys_session=forged";
  EXPECT_EQ(body_of(anonymous.get("/api/v1/auth/session"))["signed_in"], false);

  auto [b, secret] = fully_signed_in();
  const auto me = body_of(b.get("/api/v1/auth/session"));
  EXPECT_EQ(me["signed_in"], true);
  EXPECT_EQ(me["stage"], "active");
  EXPECT_EQ(me["csrf_token"], b.csrf);
  EXPECT_FALSE(me["account"]["login_id"].get<std::string>().empty());
  EXPECT_EQ(b.post("/api/v1/auth/sign-out").result_int(), 200);
  EXPECT_EQ(body_of(b.get("/api/v1/auth/session"))["signed_in"], false);
}

TEST_P(SignInApiTest, UnknownIdsAndWrongPasswordsGetTheSameAnswer) {
  auto b = browser();
  auto unknown = b.post("/api/v1/auth/sign-in", {{"login_id", "nobody"}, {"password", "x"}});
  auto wrong = b.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", "x"}});
  EXPECT_EQ(unknown.result_int(), 401);
  EXPECT_EQ(body_of(unknown)["title"], body_of(wrong)["title"]);
  auto empty = b.post("/api/v1/auth/sign-in", {{"login_id", ""}});
  EXPECT_EQ(empty.result_int(), 422);
  EXPECT_EQ(body_of(empty)["errors"].size(), 2u);
}

// AUTH-3 at the password step counts per account and source (issue 19 item 2): five wrong
// passwords lock this source out of the account; only the correct password learns it (item 3).
TEST_P(SignInApiTest, RepeatedFailuresLockUntilTheBackOffEnds) {
  auto b = browser();
  for (int i = 1; i <= 5; ++i) {
    clock_.advance(1min);  // past the throttle's delays
    EXPECT_EQ(body_of(b.post(
                  "/api/v1/auth/sign-in",
                  {{"login_id", "clinic01"}, {"password", "wrong" + std::to_string(i)}}))["code"],
              "invalid_credentials");
  }
  clock_.advance(1min);
  auto right = b.post("/api/v1/auth/sign-in",
                      {{"login_id", "clinic01"}, {"password", issued_.initial_password}});
  EXPECT_EQ(body_of(right)["code"], "account_locked");  // the right password learns of the lock

  clock_.advance(15min);
  EXPECT_EQ(b.post("/api/v1/auth/sign-in",
                   {{"login_id", "clinic01"}, {"password", issued_.initial_password}})
                .result_int(),
            200);

  // Every attempt is in the access log, which is intact.
  auto log = db_->read().query("SELECT type, outcome FROM audit_log ORDER BY id");
  ASSERT_EQ(log.rows.size(), 7u);
  EXPECT_EQ(log.rows[4].text(1), "failure");
  EXPECT_EQ(log.rows[5].text(1), "denied");
  EXPECT_EQ(log.rows[6].text(1), "success");
  EXPECT_TRUE(audit::verify(*db_).intact());
}

TEST_P(SignInApiTest, WrongCodesLockTheAccountAndEndItsSessions) {
  auto [b, secret] = fully_signed_in();
  auto second = browser();
  second.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", kNewPassword}});
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(body_of(second.post("/api/v1/auth/second-factor", {{"code", "000000"}}))["code"],
              "invalid_code");
  }
  EXPECT_EQ(body_of(second.post("/api/v1/auth/second-factor", {{"code", "000000"}}))["code"],
            "account_locked");
  EXPECT_EQ(b.get("/api/v1/test/private").result_int(), 401);  // the other session ended too
}

TEST_P(SignInApiTest, IdleSessionsExpireAndSignOutEndsTheSession) {
  auto [b, secret] = fully_signed_in();
  clock_.advance(29min);
  EXPECT_EQ(b.get("/api/v1/test/private").result_int(), 200);  // and this request counts
  clock_.advance(29min);
  EXPECT_EQ(b.get("/api/v1/test/private").result_int(), 200);
  clock_.advance(31min);
  auto expired = b.get("/api/v1/test/private");
  EXPECT_EQ(expired.result_int(), 401);
  EXPECT_EQ(body_of(expired)["code"], "session_expired");

  auto again = browser();  // a returning user: password and code
  again.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", kNewPassword}});
  ASSERT_EQ(again.post("/api/v1/auth/second-factor", {{"code", totp_code(secret, clock_.now())}})
                .result_int(),
            200);
  auto out = again.post("/api/v1/auth/sign-out");
  EXPECT_EQ(out.result_int(), 200);
  EXPECT_NE(std::string(out[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(again.get("/api/v1/auth/me").result_int(), 401);
}

}  // namespace hersys::identity
