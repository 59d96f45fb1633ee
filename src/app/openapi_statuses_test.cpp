// The statuses docs/openapi.yaml lists with every operation, answered over real HTTP so that the
// contract check (ctest contract.check, web/tools/check-contract.mjs) sees each against the
// document (issue 19 item 13): 400 for a body that is not JSON and for an HTTP message that
// cannot be read, 403 for a CSRF failure and for a sign-in stage the route does not allow, 413
// for a body over 2 MiB, 415 for a body of another type, 431 for oversized headers, and null for
// a choice or a yes/no not made yet (a case with no 現在のステータス, 妊娠 of a man; REP-1,
// CASE-5). The suite's name has OpenApi in it: `ctest -R 'lint|contract|OpenApi'` runs it with
// the check.
#include <gtest/gtest.h>

#include "demo_server.h"
#include "identity/rules.h"

namespace hersys::app {
namespace {
using namespace std::chrono_literals;
using nlohmann::json;
using test::body_of;
namespace bhttp = boost::beast::http;
using Headers = std::vector<std::pair<std::string, std::string>>;

class OpenApiStatuses : public test::DemoServer {
 protected:
  static Headers session_of(const test::Browser& b, bool with_csrf = true) {
    Headers h{{"Cookie", b.cookie}};
    if (with_csrf) h.emplace_back("X-CSRF-Token", b.csrf);
    return h;
  }
  test::HttpResponse send(bhttp::verb method, const std::string& target, const std::string& body,
                          const std::string& type, const Headers& headers) {
    return test::send(server_->port(), method, target, body, type, headers);
  }
  static std::string code_of(const test::HttpResponse& r) {
    const auto body = json::parse(r.body(), nullptr, false);
    return body.is_object() ? body.value("code", "") : "";
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, OpenApiStatuses, test::kBothDatabases, test::database_test_name);

TEST_P(OpenApiStatuses, ABodyThatIsNotJsonIs400AndABodyOfAnotherTypeIs415) {
  auto clinic = signed_in("clinic");
  const auto session = session_of(clinic);
  for (const auto& [method, target] : std::vector<std::pair<bhttp::verb, std::string>>{
           {bhttp::verb::post, "/api/v1/patients/search"},
           {bhttp::verb::post, "/api/v1/reports/check"},
           {bhttp::verb::post, "/api/v1/patients/1/record"},
           {bhttp::verb::post, "/api/v1/daily-reports/open"}}) {
    auto r = send(method, target, "{\"name\": ", "application/json", session);
    EXPECT_EQ(r.result_int(), 400) << target << ": " << r.body();
    EXPECT_EQ(code_of(r), "invalid_json") << target;
    r = send(method, target, "name=x", "text/plain", session);
    EXPECT_EQ(r.result_int(), 415) << target << ": " << r.body();
    EXPECT_EQ(code_of(r), "unsupported_media_type") << target;
  }
}

TEST_P(OpenApiStatuses, AnHttpMessageThatCannotBeReadIs400) {
  for (const std::string target : {"/api/v1/version", "/api/v1/auth/me"}) {
    const auto r =
        test::send_raw(server_->port(), bhttp::verb::get, target,
                       "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n");
    EXPECT_EQ(r.result_int(), 400) << target;
    EXPECT_EQ(code_of(r), "bad_request") << target;
  }
}

TEST_P(OpenApiStatuses, ACsrfFailureIs403) {
  auto clinic = signed_in("clinic");
  const auto cookie_only = session_of(clinic, false);
  auto wrong = cookie_only;
  wrong.emplace_back("X-CSRF-Token", "not-the-token");
  for (const auto& headers : {cookie_only, wrong}) {
    auto r = send(bhttp::verb::post, "/api/v1/patients/search", "{}", "application/json", headers);
    EXPECT_EQ(r.result_int(), 403) << r.body();
    EXPECT_EQ(code_of(r), "csrf_failed");
    r = send(bhttp::verb::post, "/api/v1/daily-reports/open", "{}", "application/json", headers);
    EXPECT_EQ(r.result_int(), 403) << r.body();
    EXPECT_EQ(code_of(r), "csrf_failed");
    r = send(bhttp::verb::delete_, "/api/v1/auth/tokens/1", {}, {}, headers);
    EXPECT_EQ(r.result_int(), 403) << r.body();
    EXPECT_EQ(code_of(r), "csrf_failed");
    r = send(bhttp::verb::post, "/api/v1/auth/sign-out", {}, {}, headers);
    EXPECT_EQ(r.result_int(), 403) << r.body();
    EXPECT_EQ(code_of(r), "csrf_failed");
  }
}

TEST_P(OpenApiStatuses, ASignInStageThatDoesNotAllowTheRouteIs403) {
  const auto& d = demo_.at("clinic");
  auto b = browser();
  const auto r0 =
      b.post("/api/v1/auth/sign-in", {{"login_id", d.account.login_id}, {"password", d.password}});
  ASSERT_EQ(r0.result_int(), 200) << r0.body();
  ASSERT_EQ(body_of(r0)["stage"], "second_factor");
  const auto session = session_of(b);
  auto r = send(bhttp::verb::post, "/api/v1/patients/search", "{}", "application/json", session);
  EXPECT_EQ(r.result_int(), 403) << r.body();
  EXPECT_EQ(code_of(r), "sign_in_incomplete");
  for (const std::string target :
       {"/api/v1/patients/1", "/api/v1/daily-reports/history", "/api/v1/organisations"}) {
    r = send(bhttp::verb::get, target, {}, {}, session);
    EXPECT_EQ(r.result_int(), 403) << target << ": " << r.body();
    EXPECT_EQ(code_of(r), "sign_in_incomplete") << target;
  }
}

// Refused from the Content-Length alone, before routing: the body is never sent.
TEST_P(OpenApiStatuses, ABodyOver2MiBIs413AndHeadersOver16KiBAre431) {
  for (const auto& [method, target] : std::vector<std::pair<bhttp::verb, std::string>>{
           {bhttp::verb::post, "/api/v1/reports"},
           {bhttp::verb::put, "/api/v1/patients/1/identity"},
           {bhttp::verb::get, "/api/v1/version"}}) {
    const auto r = test::send_raw(server_->port(), method, target,
                                  std::string(bhttp::to_string(method)) + " " + target +
                                      " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Content-Length: 3000000\r\n\r\n");
    EXPECT_EQ(r.result_int(), 413) << target;
    EXPECT_EQ(code_of(r), "payload_too_large") << target;
  }
  const auto r = test::send_raw(server_->port(), bhttp::verb::get, "/api/v1/auth/me",
                                "GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " +
                                    std::string(17 * 1024, 'a') + "\r\n\r\n");
  EXPECT_EQ(r.result_int(), 431);
  EXPECT_EQ(code_of(r), "header_too_large");
}

// A case with no 現在のステータス yet and a man's unanswered 妊娠 are null, as the document
// says (`type: [X, "null"]`); the contract check validates each answer against it.
TEST_P(OpenApiStatuses, ChoicesNotMadeYetAreNull) {
  auto clinic = signed_in("clinic");
  auto r = clinic.post("/api/v1/reports", {{"patient",
                                            {{"name", "川崎 次郎"},
                                             {"kana", "カワサキ ジロウ"},
                                             {"sex", "male"},
                                             {"birth_date", "1980-01-02"}}},
                                           {"diagnosis_class", "confirmed"},
                                           {"submit", false}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto filed = body_of(r);
  const auto report_id = std::to_string(filed["report_id"].get<std::int64_t>());
  const auto patient_id = std::to_string(filed["patient_id"].get<std::int64_t>());

  r = clinic.get("/api/v1/reports/" + report_id);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto fields = body_of(r)["fields"];
  EXPECT_TRUE(fields["pregnant"].is_null());
  EXPECT_TRUE(fields["needs_hospitalisation"].is_null());
  EXPECT_TRUE(fields["vaccination_count"].is_null());

  r = clinic.get("/api/v1/patients/" + patient_id);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_TRUE(body_of(r)["record"]["status"].is_null());

  r = clinic.post("/api/v1/patients/search", {{"status", "none"}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  for (const auto& p : body_of(r)["patients"]) EXPECT_TRUE(p["status"].is_null()) << p.dump();
}

// The one operation no other HTTP test reached: a new code for a phone not yet verified
// (AUTH-2), so that the contract check sees its answer too.
TEST_P(OpenApiStatuses, ANewCodeForAPhoneNotYetVerified) {
  auto clinic = signed_in("clinic");
  clock_.advance(30s);
  auto r = clinic.post(
      "/api/v1/auth/phones",
      {{"number", "090-1234-5678"},
       {"channel", "sms"},
       {"password", demo_.at("clinic").password},
       {"current_code", identity::totp_code(demo_.at("clinic").totp_secret, clock_.now())}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto phone_id = std::to_string(body_of(r)["phone"]["id"].get<std::int64_t>());
  r = clinic.post("/api/v1/auth/phones/" + phone_id + "/code");
  EXPECT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["sent"], true);
  r = clinic.post("/api/v1/auth/phones/999999/code");
  EXPECT_EQ(r.result_int(), 404) << r.body();
}

}  // namespace
}  // namespace hersys::app
