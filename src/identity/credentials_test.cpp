// Credentials that must not outlive each other, over real HTTP with the demo organisations on
// both databases (issue 19 items 1, 4, 5, 8, 9, 26; SPEC AUTH-1..4, ACL-7, ORG-2, SEC-*): API
// tokens end with a password change or reset and can be listed, revoked and disabled by the
// issuer; sign-in stages have their own allow-lists; replacing the authenticator asks again;
// guard refusals are logged; "not yours" and "not there" answer alike.
#include <gtest/gtest.h>
#include <liboath/oath.h>

#include "app/demo.h"
#include "audit/log.h"
#include "browser.h"
#include "demo_server.h"
#include "identity/administration.h"
#include "identity/auth.h"
#include "identity/rules.h"
#include "notify/store.h"

namespace hersys::identity {
namespace {
using namespace std::chrono_literals;
using test::body_of;
using test::Browser;
using json = nlohmann::json;

constexpr const char* kNewPassword = "春の小川はさらさら行くよ2026";

class CredentialsTest : public test::DemoServer {
 protected:
  // The demo account's current TOTP code, after moving the clock past the last used step.
  std::string fresh_code(const std::string& key) {
    clock_.advance(30s);
    return totp_code(demo_.at(key).totp_secret, clock_.now());
  }

  // A new API token of `key`'s account, made from the signed-in `b` (password and code again).
  std::string new_token(Browser& b, const std::string& key) {
    auto r = b.post("/api/v1/auth/tokens", {{"name", "電子カルテ連携"},
                                            {"days", 30},
                                            {"password", demo_.at(key).password},
                                            {"current_code", fresh_code(key)}});
    EXPECT_EQ(r.result_int(), 201) << r.body();
    return body_of(r).value("token", "");
  }

  Browser integration(const std::string& token) { return Browser{server_->port(), {}, {}, token}; }

  std::string account_path(const std::string& key) {
    return "/api/v1/accounts/" + std::to_string(demo_.at(key).account.id);
  }

  // The access-log records of `type` (newest first) in `key`'s organisation.
  std::vector<audit::Record> logged(const std::string& key, const std::string& type) {
    auto session = db_->read();
    std::vector<audit::Record> found;
    for (auto& r : audit::list(session, demo_.at(key).organisation.id, 0, 500)) {
      if (r.event.type == type) found.push_back(std::move(r));
    }
    return found;
  }

  std::vector<notify::StoredMessage> mails(const std::string& purpose) {
    auto session = db_->read();
    std::vector<notify::StoredMessage> found;
    for (auto& m : notify::list(session, std::nullopt, 500)) {
      if (m.message.purpose == purpose) found.push_back(std::move(m));
    }
    return found;
  }

  // Signed in with the password only: the session waits for its second factor.
  Browser at_second_factor(const std::string& key) {
    auto b = browser();
    auto r = b.post("/api/v1/auth/sign-in", {{"login_id", demo_.at(key).account.login_id},
                                             {"password", demo_.at(key).password}});
    EXPECT_EQ(body_of(r)["stage"], "second_factor");
    return b;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, CredentialsTest, test::kBothDatabases, test::database_test_name);

}  // namespace

// --- Item 1: tokens do not outlive the credentials ---

// issue 19 item 1, AUTH-1, SEC: a password change revokes the tokens and the other sessions.
TEST_P(CredentialsTest, APasswordChangeRevokesTheAccountsTokensAndOtherSessions) {
  auto clinic = signed_in("clinic");
  auto other = signed_in("clinic");
  const auto token = new_token(clinic, "clinic");
  auto api = integration(token);
  ASSERT_EQ(api.get("/api/v1/organisations").result_int(), 200);

  auto r = clinic.post("/api/v1/auth/password", {{"current_password", demo_.at("clinic").password},
                                                 {"new_password", kNewPassword}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  EXPECT_EQ(other.get("/api/v1/auth/me").result_int(), 401);
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 200);  // the current session stays
  const auto listed = body_of(clinic.get("/api/v1/auth/tokens"))["tokens"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["revoked"], true);
  // The holder is told (item 5: the same notice for a password change).
  EXPECT_EQ(mails("auth.password-changed").size(), 1u);
}

// issue 19 item 1, AUTH-3: the issuer's reset revokes the tokens and every session.
TEST_P(CredentialsTest, TheIssuersResetRevokesTheAccountsTokens) {
  auto clinic = signed_in("clinic");
  auto api = integration(new_token(clinic, "clinic"));
  ASSERT_EQ(api.get("/api/v1/organisations").result_int(), 200);
  auto hc = signed_in("hc-tama");
  ASSERT_EQ(hc.post(account_path("clinic") + "/reset").result_int(), 200);
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 401);
}

// issue 19 item 1, ORG-2, ACL-7: the issuer lists and revokes the tokens of accounts it manages;
// another health center cannot; each step is in the access log.
TEST_P(CredentialsTest, TheIssuerListsAndRevokesTheTokensOfAccountsItManages) {
  auto clinic = signed_in("clinic");
  const auto token = new_token(clinic, "clinic");
  auto api = integration(token);
  ASSERT_EQ(api.get("/api/v1/organisations").result_int(), 200);

  auto hc = signed_in("hc-tama");
  auto r = hc.get(account_path("clinic") + "/tokens");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto tokens = body_of(r)["tokens"];
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0]["name"], "電子カルテ連携");
  EXPECT_EQ(tokens[0]["revoked"], false);
  EXPECT_FALSE(tokens[0]["last_used_at"].is_null());
  EXPECT_EQ(r.body().find(token), std::string::npos);  // the secret is never shown again
  const auto token_path = account_path("clinic") + "/tokens/" + tokens[0]["id"].dump();

  auto stranger = signed_in("hc-shinjuku");
  EXPECT_EQ(stranger.get(account_path("clinic") + "/tokens").result_int(), 404);
  EXPECT_EQ(stranger.del(token_path).result_int(), 404);
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 200);

  EXPECT_EQ(hc.del(token_path).result_int(), 200);
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  EXPECT_EQ(hc.del(token_path + "0").result_int(), 404);
  EXPECT_EQ(logged("hc-tama", "account.token-list").size(), 1u);
  ASSERT_EQ(logged("hc-tama", "account.token-revoke").size(), 1u);
  EXPECT_EQ(logged("hc-tama", "account.token-revoke")[0].event.resource_id, tokens[0]["id"].dump());
}

// issue 19 item 1, AUTH-3, ACL-7: a disabled account cannot sign in, and its sessions and
// tokens stop at once; enabled again, it signs in, and its tokens stay revoked (a token that
// may have been stolen does not come back with the account).
TEST_P(CredentialsTest, TheIssuerDisablesAndEnablesAnAccount) {
  auto clinic = signed_in("clinic");
  auto api = integration(new_token(clinic, "clinic"));
  auto hc = signed_in("hc-tama");
  auto r = hc.post(account_path("clinic") + "/disable");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["disabled"], true);
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 401);
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  r = browser().post("/api/v1/auth/sign-in", {{"login_id", demo_.at("clinic").account.login_id},
                                              {"password", demo_.at("clinic").password}});
  EXPECT_EQ(r.result_int(), 401);
  const auto accounts =
      body_of(hc.get("/api/v1/organisations/" + id_of("clinic") + "/accounts"))["accounts"];
  EXPECT_EQ(accounts[0]["disabled"], true);
  EXPECT_EQ(signed_in("hc-shinjuku").post(account_path("clinic") + "/enable").result_int(), 404);

  r = hc.post(account_path("clinic") + "/enable");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["disabled"], false);
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 401);  // its sessions stay ended
  auto again = signed_in("clinic");
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  EXPECT_EQ(integration(new_token(again, "clinic")).get("/api/v1/organisations").result_int(), 200);
  EXPECT_EQ(logged("hc-tama", "account.disable").size(), 1u);
  EXPECT_EQ(logged("hc-tama", "account.enable").size(), 1u);
  // Nobody disables their own account by mistake.
  EXPECT_EQ(hc.post(account_path("hc-tama") + "/disable").result_int(), 409);
}

// issue 19 item 1: the operator's CLI lists and revokes tokens and disables accounts (the
// commands call these), logged with the operator's name.
TEST_P(CredentialsTest, TheOperatorListsRevokesTokensAndDisablesAccounts) {
  auto clinic = signed_in("clinic");
  auto api = integration(new_token(clinic, "clinic"));
  Administration admin(*db_, clock_);
  const auto& login = demo_.at("clinic").account.login_id;
  const auto tokens = admin.tokens(login, "ops");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(admin.revoke_token(login, tokens[0].id, "ops"));
  EXPECT_FALSE(admin.revoke_token(login, tokens[0].id + 1000, "ops"));
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  // Disabled, the account's new token stops too, and stays revoked when it is enabled again.
  auto second = integration(new_token(clinic, "clinic"));
  admin.set_disabled(login, true, "ops");
  EXPECT_EQ(second.get("/api/v1/organisations").result_int(), 401);
  admin.set_disabled(login, false, "ops");
  EXPECT_EQ(second.get("/api/v1/organisations").result_int(), 401);
  auto session = db_->read();
  const auto n = session.query_one(
      "SELECT COUNT(*) FROM audit_log WHERE detail LIKE 'operator ops%' AND type IN "
      "('account.token-list', 'account.disable', 'account.enable', 'account.token-revoke')");
  EXPECT_EQ(n->integer(0), 4);
}

// issue 19 item 1, AUTH-2: creating a token needs the password and a current code again.
TEST_P(CredentialsTest, CreatingATokenAsksForThePasswordAndACurrentCodeAgain) {
  auto clinic = signed_in("clinic");
  auto r = clinic.post("/api/v1/auth/tokens", {{"name", "連携"}, {"days", 30}});
  EXPECT_EQ(r.result_int(), 422);
  r = clinic.post(
      "/api/v1/auth/tokens",
      {{"name", "連携"}, {"password", "not the password"}, {"current_code", fresh_code("clinic")}});
  EXPECT_EQ(r.result_int(), 422);
  EXPECT_EQ(body_of(r)["code"], "reauthentication_failed");
  r = clinic.post(
      "/api/v1/auth/tokens",
      {{"name", "連携"}, {"password", demo_.at("clinic").password}, {"current_code", "000000"}});
  EXPECT_EQ(body_of(r)["code"], "reauthentication_failed");
  EXPECT_EQ(logged("clinic", "auth.token-create").size(), 2u);  // the two failures
  new_token(clinic, "clinic");
  EXPECT_EQ(mails("auth.token-created").size(), 1u);
  // Signing out ends the session; the token is a separate credential and stays.
  const auto token = new_token(clinic, "clinic");
  EXPECT_EQ(clinic.post("/api/v1/auth/sign-out").result_int(), 200);
  EXPECT_EQ(integration(token).get("/api/v1/organisations").result_int(), 200);
}

// --- Item 4: each sign-in stage has its allow-list ---

// issue 19 item 4, AUTH-1, AUTH-2: the password alone does not change the password.
TEST_P(CredentialsTest, ChangingThePasswordNeedsACompletedSignIn) {
  auto b = at_second_factor("clinic");
  auto r = b.post("/api/v1/auth/password", {{"current_password", demo_.at("clinic").password},
                                            {"new_password", kNewPassword}});
  EXPECT_EQ(r.result_int(), 403);
  EXPECT_EQ(body_of(r)["code"], "sign_in_incomplete");
  // Nor does it replace the second factor or reach anything but its own step.
  EXPECT_EQ(body_of(b.post("/api/v1/auth/totp/enrolment"))["code"], "sign_in_incomplete");
  EXPECT_EQ(body_of(b.get("/api/v1/auth/tokens"))["code"], "sign_in_incomplete");
  EXPECT_EQ(b.get("/api/v1/auth/me").result_int(), 200);
  EXPECT_EQ(b.get("/api/v1/auth/phones").result_int(), 200);
  ASSERT_EQ(b.post("/api/v1/auth/second-factor", {{"code", fresh_code("clinic")}}).result_int(),
            200);
  r = b.post("/api/v1/auth/password",
             {{"current_password", demo_.at("clinic").password}, {"new_password", kNewPassword}});
  EXPECT_EQ(r.result_int(), 200) << r.body();
}

// issue 19 item 4: the allow-lists themselves, decided in one place.
TEST(StageAllowList, EachStageReachesOnlyItsSteps) {
  auto route = [](http::Verb method, std::string pattern) {
    return http::Route{.method = method, .pattern = std::move(pattern)};
  };
  const auto password = route(http::Verb::post, "/api/v1/auth/password");
  const auto confirm = route(http::Verb::post, "/api/v1/auth/totp/enrolment/confirm");
  const auto code = route(http::Verb::post, "/api/v1/auth/second-factor");
  const auto cases = route(http::Verb::get, "/api/v1/cases/{id}");
  const auto sign_out = route(http::Verb::post, "/api/v1/auth/sign-out");
  EXPECT_TRUE(stage_allows(Stage::password_change, password));
  EXPECT_FALSE(stage_allows(Stage::password_change, confirm));
  EXPECT_FALSE(stage_allows(Stage::second_factor_enrolment, password));
  EXPECT_TRUE(stage_allows(Stage::second_factor_enrolment, confirm));
  EXPECT_FALSE(stage_allows(Stage::second_factor, password));
  EXPECT_FALSE(stage_allows(Stage::second_factor, confirm));
  EXPECT_TRUE(stage_allows(Stage::second_factor, code));
  for (auto stage : all_values<Stage>()) {
    EXPECT_TRUE(stage_allows(stage, sign_out)) << name_of(stage);
    EXPECT_EQ(stage_allows(stage, cases), stage == Stage::active) << name_of(stage);
  }
  EXPECT_TRUE(stage_allows(Stage::active, password));
}

// --- Item 5: replacing the authenticator ---

// issue 19 item 5, AUTH-2, NTF-1: re-enrolment needs the password and a current code, ends the
// other sessions and tells the account holder.
TEST_P(CredentialsTest, ReplacingTheAuthenticatorAsksAgainEndsOtherSessionsAndTellsTheHolder) {
  auto clinic = signed_in("clinic");
  auto other = signed_in("clinic");
  auto r = clinic.post("/api/v1/auth/totp/enrolment");
  ASSERT_EQ(r.result_int(), 200);
  const std::string uri = body_of(r)["otpauth_uri"];
  const auto start = uri.find("secret=") + 7;
  // The new secret's code, from the URI (base32) through the same helper the app uses.
  std::string base32 = uri.substr(start, uri.find('&', start) - start);
  while (base32.size() % 8) base32 += '=';
  char* raw = nullptr;
  size_t length = 0;
  ASSERT_EQ(oath_base32_decode(base32.data(), base32.size(), &raw, &length), OATH_OK);
  const std::string new_secret(raw, length);
  free(raw);
  auto new_code = [&] { return totp_code(new_secret, clock_.now()); };
  clock_.advance(30s);
  r = clinic.post("/api/v1/auth/totp/enrolment/confirm", {{"code", new_code()}});
  EXPECT_EQ(r.result_int(), 422) << r.body();
  r = clinic.post(
      "/api/v1/auth/totp/enrolment/confirm",
      {{"code", new_code()}, {"password", "wrong"}, {"current_code", fresh_code("clinic")}});
  EXPECT_EQ(body_of(r)["code"], "reauthentication_failed");
  EXPECT_EQ(other.get("/api/v1/auth/me").result_int(), 200);
  r = clinic.post("/api/v1/auth/totp/enrolment/confirm", {{"code", new_code()},
                                                          {"password", demo_.at("clinic").password},
                                                          {"current_code", fresh_code("clinic")}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(other.get("/api/v1/auth/me").result_int(), 401);
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 200);
  const auto sent = mails("auth.totp-replaced");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.channel, notify::Channel::email);
  EXPECT_EQ(sent[0].message.recipient, demo_.at("clinic").organisation.email);
  // The old authenticator no longer signs in; the new one does.
  auto b = at_second_factor("clinic");
  EXPECT_EQ(b.post("/api/v1/auth/second-factor", {{"code", fresh_code("clinic")}}).result_int(),
            401);
  clock_.advance(30s);
  EXPECT_EQ(b.post("/api/v1/auth/second-factor", {{"code", new_code()}}).result_int(), 200);
}

// issue 19 item 5 (review): a phone added from a live session is a new second factor too: the
// password and a current code are asked again, verifying it ends the other sessions and the
// holder is told.
TEST_P(CredentialsTest, AddingAPhoneFromALiveSessionAsksAgainEndsOtherSessionsAndTellsTheHolder) {
  auto clinic = signed_in("clinic");
  auto other = signed_in("clinic");
  const json phone = {{"number", "090-1234-5678"}, {"channel", "sms"}};
  auto r = clinic.post("/api/v1/auth/phones", phone);
  EXPECT_EQ(r.result_int(), 422) << r.body();
  auto with = phone;
  with["password"] = "wrong";
  with["current_code"] = fresh_code("clinic");
  EXPECT_EQ(body_of(clinic.post("/api/v1/auth/phones", with))["code"], "reauthentication_failed");
  with["password"] = demo_.at("clinic").password;
  with["current_code"] = fresh_code("clinic");
  r = clinic.post("/api/v1/auth/phones", with);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(other.get("/api/v1/auth/me").result_int(), 200);  // not yet: the phone is unverified
  const auto phone_id = std::to_string(body_of(r)["phone"]["id"].get<std::int64_t>());
  std::string code;
  {
    auto session = db_->read();
    const auto sent = notify::list(session, std::nullopt, 1).at(0);
    const auto& text = sent.message.body;
    const auto at = text.find_first_of("0123456789");
    code = text.substr(at, 6);
  }
  r = clinic.post("/api/v1/auth/phones/" + phone_id + "/verify", {{"code", code}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(other.get("/api/v1/auth/me").result_int(), 401);
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 200);
  EXPECT_EQ(mails("auth.phone-added").size(), 1u);
}

// --- Item 9: the guard's refusals are logged ---

// issue 19 item 9, ACL-7: a CSRF failure and a half-signed-in session on a personal-data route
// each write a denied record (the route's pattern, no values).
TEST_P(CredentialsTest, GuardRefusalsAreInTheAccessLog) {
  auto clinic = signed_in("clinic");
  auto forged = clinic;
  forged.csrf = "not-the-token";
  EXPECT_EQ(body_of(forged.post(account_path("clinic") + "/unlock"))["code"], "csrf_failed");
  auto csrf = logged("clinic", "access.csrf");
  ASSERT_EQ(csrf.size(), 1u);
  EXPECT_EQ(csrf[0].event.outcome, audit::Outcome::denied);
  EXPECT_EQ(csrf[0].event.account_id, demo_.at("clinic").account.id);
  EXPECT_EQ(csrf[0].event.detail, "POST /api/v1/accounts/{id}/unlock");

  auto half = at_second_factor("clinic");
  const auto r = half.get("/api/v1/reports/1");
  EXPECT_EQ(body_of(r)["code"], "sign_in_incomplete");
  auto stage = logged("clinic", "access.sign-in-stage");
  ASSERT_EQ(stage.size(), 1u);
  EXPECT_EQ(stage[0].event.outcome, audit::Outcome::denied);
  EXPECT_EQ(stage[0].event.detail, "GET /api/v1/reports/{id}");
  EXPECT_TRUE(stage[0].event.patient_id.empty());
}

// --- Item 8: not yours and not there answer alike ---

// issue 19 item 8, ACL-7: an id outside the caller's scope and one that does not exist get the
// same status and body, and both are logged as denied.
TEST_P(CredentialsTest, OutOfScopeAndMissingIdsAnswerAlikeAndAreLogged) {
  auto clinic = signed_in("clinic");
  const auto other_account = std::to_string(demo_.at("clinic2").account.id);
  const std::vector<std::pair<std::string, std::string>> probes = {
      {"/api/v1/organisations/" + id_of("clinic2") + "/accounts",
       "/api/v1/organisations/999999/accounts"},
      {"/api/v1/accounts/" + other_account + "/tokens", "/api/v1/accounts/999999/tokens"},
  };
  auto answer = [](test::HttpResponse r) {
    auto body = body_of(r);
    body.erase("request_id");
    return std::make_pair(r.result_int(), body);
  };
  for (const auto& [theirs, missing] : probes) {
    const auto a = answer(clinic.get(theirs));
    const auto b = answer(clinic.get(missing));
    EXPECT_EQ(a.first, 404) << theirs;
    EXPECT_EQ(a, b) << theirs;
  }
  for (const auto* action : {"/unlock", "/reset", "/disable"}) {
    const auto a = answer(clinic.post("/api/v1/accounts/" + other_account + action));
    const auto b = answer(clinic.post(std::string("/api/v1/accounts/999999") + action));
    EXPECT_EQ(a.first, 404) << action;
    EXPECT_EQ(a, b) << action;
  }
  const auto a = answer(clinic.post("/api/v1/organisations/" + id_of("clinic2") + "/accounts",
                                    {{"display_name", "受付2"}}));
  const auto b =
      answer(clinic.post("/api/v1/organisations/999999/accounts", {{"display_name", "受付2"}}));
  EXPECT_EQ(a.first, 404);
  EXPECT_EQ(a, b);
  // Each probe, of either kind, is a denied record in the caller's own log.
  auto session = db_->read();
  const auto denied = session.query_one(
      "SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied' AND account_id = ? AND "
      "resource_id IN (?, ?, '999999')",
      {demo_.at("clinic").account.id, other_account, id_of("clinic2")});
  EXPECT_EQ(denied->integer(0), 12);
}

// --- Item 26: initial passwords without look-alikes ---

// issue 19 item 26, ORG-2: issued and reset initial passwords avoid confusable characters.
TEST_P(CredentialsTest, IssuedInitialPasswordsAvoidConfusableCharacters) {
  auto hc = signed_in("hc-tama");
  std::string all;
  for (int i = 0; i < 4; ++i) {
    auto r = hc.post(account_path("clinic") + "/reset");
    ASSERT_EQ(r.result_int(), 200);
    all += body_of(r)["initial_password"].get<std::string>();
  }
  auto r = hc.post("/api/v1/organisations/" + id_of("clinic") + "/accounts",
                   {{"display_name", "受付2"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  all += body_of(r)["initial_password"].get<std::string>();
  EXPECT_EQ(all.size(), 5u * 16u);
  EXPECT_EQ(all.find_first_of("0Oo1lIij2Zz5Ss8B9gquvUV"), std::string::npos) << all;
}

}  // namespace hersys::identity
