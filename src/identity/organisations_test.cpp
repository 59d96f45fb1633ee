// Institutions and accounts in bulk, over real HTTP with the demo organisations on both
// databases (issue 14 items 1 and 3; SPEC ORG-1, ORG-2, DAY-5, ACL-7): an organisation is
// registered with a phone and a contact person, edited with its version, retired (its accounts
// sign in no more, its records stay) and reinstated; accounts are imported from CSV all or
// nothing, checked first, and named by row.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "audit/log.h"
#include "browser.h"
#include "demo_server.h"
#include "identity/account_import.h"

namespace hersys::identity {
namespace {
using namespace std::chrono_literals;
using test::body_of;
using test::Browser;
using json = nlohmann::json;

const json kNewClinic = {{"kind", "medical_institution"},       {"name", "府中本町クリニック"},
                         {"address", "東京都府中市本町1-1"},    {"email", "honmachi@example.jp"},
                         {"phone", "０４２－３６０－１２３４"}, {"contact_person", "事務長 本町"},
                         {"files_daily_reports", true}};

class OrganisationsTest : public test::DemoServer {
 protected:
  std::vector<audit::Record> logged(const std::string& key, const std::string& type) {
    auto session = db_->read();
    std::vector<audit::Record> found;
    for (auto& r : audit::list(session, demo_.at(key).organisation.id, 0, 1000)) {
      if (r.event.type == type) found.push_back(std::move(r));
    }
    return found;
  }

  std::string organisation_path(const std::string& key) {
    return "/api/v1/organisations/" + id_of(key);
  }

  // The fields an edit sends, from the organisation as read.
  static json edit_of(const json& o) {
    return {{"name", o["name"]},
            {"address", o["address"]},
            {"email", o["email"]},
            {"phone", o["phone"]},
            {"contact_person", o["contact_person"]},
            {"files_daily_reports", o["files_daily_reports"]},
            {"version", o["version"]}};
  }

  // A CSV of `n` staff accounts of `code`, login ids prefix-01 ...
  static std::string csv_of(int n, const std::string& code, const std::string& prefix) {
    std::string csv = "\xEF\xBB\xBForganisation_code,login_id,display_name,role\r\n";
    for (int i = 1; i <= n; ++i) {
      csv += fmt::format("{},{}-{:02},看護師{},{}\r\n", code, prefix, i, i,
                         i == 1 ? "admin" : "staff");
    }
    return csv;
  }

  std::int64_t accounts_of(const std::string& key) {
    auto session = db_->read();
    return session
        .query_one("SELECT COUNT(*) FROM accounts WHERE organisation_id = ?",
                   {demo_.at(key).organisation.id})
        ->integer(0);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, OrganisationsTest, test::kBothDatabases,
                         test::database_test_name);

bool names_field(const json& problem, const std::string& field) {
  for (const auto& e : problem["errors"]) {
    if (e["field"] == field) return true;
  }
  return false;
}

const json* error_on(const json& problem, const std::string& field) {
  for (const auto& e : problem["errors"]) {
    if (e["field"] == field) return &e;
  }
  return nullptr;
}

}  // namespace

// issue 14 item 1, ORG-1, ORG-2: a health center registers an institution with its phone (typed
// in full-width, kept folded) and contact person; both are required, and a wrong phone is named
// in Japanese and English.
TEST_P(OrganisationsTest, AnInstitutionIsRegisteredWithAPhoneAndAContactPerson) {
  auto hc = signed_in("hc-tama");
  auto r = hc.post("/api/v1/organisations", kNewClinic);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto created = body_of(r);
  EXPECT_EQ(created["phone"], "042-360-1234");
  EXPECT_EQ(created["contact_person"], "事務長 本町");
  EXPECT_EQ(created["retired"], false);
  EXPECT_EQ(created["version"], 1);
  r = hc.get("/api/v1/organisations/" + created["id"].dump());
  EXPECT_EQ(body_of(r)["phone"], "042-360-1234");

  auto bad = kNewClinic;
  bad["phone"] = "0990-444-444";  // premium rate: not an institution's number
  bad.erase("contact_person");
  r = hc.post("/api/v1/organisations", bad);
  ASSERT_EQ(r.result_int(), 422) << r.body();
  const auto problem = body_of(r);
  const auto* phone = error_on(problem, "phone");
  ASSERT_NE(phone, nullptr) << r.body();
  EXPECT_NE((*phone)["message"].get<std::string>().find("電話番号"), std::string::npos);
  EXPECT_TRUE(names_field(problem, "contact_person"));
  bad.erase("phone");
  r = hc.post("/api/v1/organisations", bad);
  EXPECT_TRUE(names_field(body_of(r), "phone"));
  // Walk item 18: a free-dial or navi-dial 代表番号 is an institution's number to call.
  for (const auto* number : {"0120-444-444", "0570-064-556", "0800-100-2000"}) {
    auto free_dial = kNewClinic;
    free_dial["phone"] = number;
    r = hc.post("/api/v1/organisations", free_dial);
    EXPECT_EQ(r.result_int(), 201) << number << r.body();
  }
  // The demo organisations have theirs.
  r = hc.get(organisation_path("clinic"));
  EXPECT_FALSE(body_of(r)["phone"].get<std::string>().empty());
  EXPECT_FALSE(body_of(r)["contact_person"].get<std::string>().empty());
  // Its 担当者 is a member of staff: another clinic reads the directory entry without it.
  auto other = signed_in("clinic2");
  r = other.get(organisation_path("clinic"));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_FALSE(body_of(r)["phone"].get<std::string>().empty());
  EXPECT_EQ(body_of(r)["contact_person"], "");
  r = other.get("/api/v1/organisations?kind=medical_institution&limit=500");
  for (const auto& o : body_of(r)["organisations"]) {
    if (o["id"] != demo_.at("clinic2").organisation.id) {
      EXPECT_EQ(o["contact_person"], "") << o["name"];
    }
  }
}

// issue 14 item 1, ORG-2, ACL-7: the issuer edits what it registered; a stale version is 409
// and changes nothing; another health center cannot (404, logged); each edit is logged.
TEST_P(OrganisationsTest, TheIssuerEditsAnInstitutionWithItsVersion) {
  auto hc = signed_in("hc-tama");
  const auto read = body_of(hc.get(organisation_path("clinic")));
  auto edit = edit_of(read);
  edit["phone"] = "042-364-9999";
  edit["contact_person"] = "院長 宮町";
  auto r = hc.put(organisation_path("clinic"), edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["phone"], "042-364-9999");
  EXPECT_EQ(body_of(r)["version"], read["version"].get<int>() + 1);

  // The same version again: someone changed it meanwhile.
  edit["contact_person"] = "古い画面から";
  r = hc.put(organisation_path("clinic"), edit);
  EXPECT_EQ(r.result_int(), 409) << r.body();
  EXPECT_EQ(body_of(r)["code"], "changed_meanwhile");
  EXPECT_EQ(body_of(hc.get(organisation_path("clinic")))["contact_person"], "院長 宮町");

  edit["version"] = read["version"].get<int>() + 1;
  edit["phone"] = "12345";
  edit["name"] = "";
  r = hc.put(organisation_path("clinic"), edit);
  ASSERT_EQ(r.result_int(), 422);
  EXPECT_TRUE(names_field(body_of(r), "phone"));
  EXPECT_TRUE(names_field(body_of(r), "name"));

  auto stranger = signed_in("hc-shinjuku");
  EXPECT_EQ(stranger.put(organisation_path("clinic"), edit_of(read)).result_int(), 404);
  EXPECT_EQ(stranger.post(organisation_path("clinic") + "/retire").result_int(), 404);
  EXPECT_EQ(logged("hc-shinjuku", "access.create_organisation").size(), 2u);
  // The clinic's own admin does not edit itself: its issuer does.
  auto clinic = signed_in("clinic");
  EXPECT_EQ(clinic.put(organisation_path("clinic"), edit_of(read)).result_int(), 404);
  EXPECT_EQ(logged("hc-tama", "organisation.update").size(), 1u);
}

// issue 14 item 1, ORG-2, AUTH-4: a retired institution signs in no more - its sessions and
// API tokens end at once, sign-in answers as for a disabled account - and keeps its records,
// which its health center still reads. It is left out of pickers but listed to its issuer.
// Reinstated, it signs in again; the ended tokens stay ended.
TEST_P(OrganisationsTest, ARetiredInstitutionSignsInNoMoreAndKeepsItsRecords) {
  auto clinic = signed_in("clinic");
  auto token = clinic.post("/api/v1/auth/tokens",
                           {{"name", "電子カルテ連携"},
                            {"days", 30},
                            {"password", demo_.at("clinic").password},
                            {"current_code", [&] {
                               clock_.advance(30s);
                               return totp_code(demo_.at("clinic").totp_secret, clock_.now());
                             }()}});
  ASSERT_EQ(token.result_int(), 201) << token.body();
  Browser api{server_->port(), {}, {}, body_of(token)["token"]};
  ASSERT_EQ(api.get("/api/v1/organisations").result_int(), 200);
  // A report the clinic files, which the health center reads afterwards.
  auto hc = signed_in("hc-tama");
  const auto before = body_of(hc.post("/api/v1/patients/search", {{"include_past", true}}));

  auto r = hc.post(organisation_path("clinic") + "/retire");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["retired"], true);
  EXPECT_FALSE(body_of(r)["retired_at"].is_null());
  EXPECT_EQ(clinic.get("/api/v1/auth/me").result_int(), 401);
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  r = browser().post("/api/v1/auth/sign-in", {{"login_id", demo_.at("clinic").account.login_id},
                                              {"password", demo_.at("clinic").password}});
  EXPECT_EQ(r.result_int(), 401) << r.body();
  ASSERT_EQ(logged("hc-tama", "organisation.retire").size(), 1u);

  // Its records stay: the health center's search finds the same patients.
  const auto after = body_of(hc.post("/api/v1/patients/search", {{"include_past", true}}));
  EXPECT_EQ(after["patients"].size(), before["patients"].size());
  // Pickers leave it out; the issuer's list shows it as retired.
  auto listed = body_of(hc.get("/api/v1/organisations?parent_id=" + id_of("hc-tama")));
  for (const auto& o : listed["organisations"]) EXPECT_NE(o["id"].dump(), id_of("clinic"));
  listed =
      body_of(hc.get("/api/v1/organisations?include_retired=true&parent_id=" + id_of("hc-tama")));
  bool shown = false;
  for (const auto& o : listed["organisations"]) {
    if (o["id"].dump() == id_of("clinic")) shown = o["retired"] == true;
  }
  EXPECT_TRUE(shown);
  // No new accounts for it.
  r = hc.post(organisation_path("clinic") + "/accounts", {{"display_name", "受付3"}});
  EXPECT_EQ(r.result_int(), 409) << r.body();

  r = hc.post(organisation_path("clinic") + "/reinstate");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["retired"], false);
  signed_in("clinic");
  EXPECT_EQ(api.get("/api/v1/organisations").result_int(), 401);
  EXPECT_EQ(logged("hc-tama", "organisation.reinstate").size(), 1u);
}

// issue 14 item 3, ORG-2, ACL-7: 20 accounts from one CSV, checked first (nothing written),
// then issued all together with their initial passwords shown once; each is logged.
TEST_P(OrganisationsTest, TwentyAccountsAreImportedFromCsvAllTogether) {
  auto hospital = signed_in("hospital");
  const auto csv = csv_of(20, "MI13-00001", "tama-ns");
  const auto count = accounts_of("hospital");
  auto r = hospital.post("/api/v1/accounts/import/check", {{"csv", csv}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  ASSERT_EQ(body_of(r)["accounts"].size(), 20u);
  EXPECT_EQ(body_of(r)["issued"], false);
  EXPECT_TRUE(body_of(r)["accounts"][0]["initial_password"].is_null());
  EXPECT_EQ(accounts_of("hospital"), count);

  r = hospital.post("/api/v1/accounts/import", {{"csv", csv}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto accounts = body_of(r)["accounts"];
  ASSERT_EQ(accounts.size(), 20u);
  EXPECT_EQ(accounts[0]["login_id"], "tama-ns-01");
  EXPECT_EQ(accounts[0]["role"], "admin");
  EXPECT_EQ(accounts[0]["organisation_name"], "多摩中央総合病院");
  EXPECT_GE(accounts[19]["initial_password"].get<std::string>().size(), 12u);
  EXPECT_EQ(accounts_of("hospital"), count + 20);
  EXPECT_EQ(logged("hospital", "account.issue").size(), 20u);
  // An imported account signs in with its initial password (and must change it).
  r = browser().post("/api/v1/auth/sign-in",
                     {{"login_id", "tama-ns-07"}, {"password", accounts[6]["initial_password"]}});
  EXPECT_EQ(body_of(r)["stage"], "password_change") << r.body();

  // Rows without an organisation code are the chosen organisation's; Japanese headers and
  // roles are read; Shift_JIS is the screen's to decode (and the CLI's: account_import_test).
  r = hospital.post("/api/v1/accounts/import",
                    {{"csv", "機関コード,ログインID,表示名,権限\n,tama-ward-1,５階病棟,一般\n"},
                     {"organisation_id", demo_.at("hospital").organisation.id}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(body_of(r)["accounts"][0]["organisation_code"], "MI13-00001");
}

// issue 14 item 3, ORG-2: one bad row and nothing is created; every problem is named by row and
// field (in the request's language): a login id twice in the file, one taken in the database, an
// unknown organisation, a missing name, a wrong role, a short row.
TEST_P(OrganisationsTest, ABadRowImportsNothingAndEveryProblemIsNamedByRow) {
  auto hospital = signed_in("hospital");
  const auto count = accounts_of("hospital");
  auto csv = csv_of(20, "MI13-00001", "tama-ns");
  csv +=
      "MI13-00001,tama-ns-03,重複,staff\r\n"   // line 22: twice in the file
      "MI13-00001,demo-clinic,既存,staff\r\n"  // line 23: taken
      "MI13-99999,,不明,staff\r\n"             // line 24: no such organisation
      "MI13-00001,tama-x-1,,staff\r\n"         // line 25: no name
      "MI13-00001,tama-x-2,役割違い,boss\r\n"  // line 26: no such role
      "MI13-00001,tama-x-3\r\n";               // line 27: two fields
  for (const auto* route : {"/api/v1/accounts/import/check", "/api/v1/accounts/import"}) {
    auto r = hospital.post(route, {{"csv", csv}});
    ASSERT_EQ(r.result_int(), 422) << r.body();
    const auto problem = body_of(r);
    // Walk item 13: "row N" is the line in Excel or an editor (the header is line 1).
    for (const auto* field : {"row 22: login_id", "row 23: login_id", "row 24: organisation_code",
                              "row 25: display_name", "row 26: role", "row 27: file"}) {
      const auto* e = error_on(problem, field);
      ASSERT_NE(e, nullptr) << field << " in " << r.body();
      EXPECT_FALSE((*e)["message"].get<std::string>().empty());
    }
    EXPECT_EQ(error_on(problem, "row 22: login_id")->at("code"), "duplicate");
    EXPECT_EQ(error_on(problem, "row 23: login_id")->at("code"), "taken");
    // The typed value beside the reason where it is not secret (code, login id, role).
    const auto message = [&](const char* field) {
      return error_on(problem, field)->at("message").get<std::string>();
    };
    EXPECT_NE(message("row 22: login_id").find("（tama-ns-03）"), std::string::npos);
    EXPECT_NE(message("row 23: login_id").find("（demo-clinic）"), std::string::npos);
    EXPECT_NE(message("row 24: organisation_code").find("（MI13-99999）"), std::string::npos);
    EXPECT_NE(message("row 26: role").find("（boss）"), std::string::npos);
  }
  EXPECT_EQ(accounts_of("hospital"), count);
  // A display name over two lines: the next row's line counts both; an unclosed quote is named
  // by the line where the quoted field started (walk item 13).
  auto r = hospital.post("/api/v1/accounts/import/check",
                         {{"csv",
                           "organisation_code,login_id,display_name,role\n"
                           "MI13-00001,tama-q-1,\"五階\n病棟\",staff\n"
                           "MI13-00001,tama-q-2,六階,boss\n"}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_NE(error_on(body_of(r), "row 4: role"), nullptr) << r.body();
  r = hospital.post("/api/v1/accounts/import/check",
                    {{"csv",
                      "organisation_code,login_id,display_name,role\n"
                      "MI13-00001,tama-q-1,五階,staff\n"
                      "MI13-00001,tama-q-2,\"六階,staff\n"
                      "MI13-00001,tama-q-3,七階,staff\n"}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  const auto unclosed = body_of(r);
  const auto* quote = error_on(unclosed, "row 3: file");
  ASSERT_NE(quote, nullptr) << r.body();
  EXPECT_EQ(quote->at("code"), "unclosed_quote");
  EXPECT_NE(quote->at("message").get<std::string>().find("3行目"), std::string::npos);
  // A file that is not a CSV of accounts, and one too long.
  r = hospital.post("/api/v1/accounts/import", {{"csv", "name,phone\nx,y\n"}});
  EXPECT_TRUE(names_field(body_of(r), "file"));
  r = hospital.post("/api/v1/accounts/import", {{"csv", csv_of(101, "MI13-00001", "t")}});
  ASSERT_EQ(r.result_int(), 422);
  EXPECT_EQ(error_on(body_of(r), "file")->at("code"), "too_many");
  EXPECT_EQ(accounts_of("hospital"), count);
}

// issue 14 item 3, ORG-2, ACL-7: an administrator imports only into organisations it manages:
// another organisation's rows are refused (403) and the refusal logged.
TEST_P(OrganisationsTest, AnotherOrganisationsAccountsAreRefusedAndLogged) {
  auto clinic2 = signed_in("clinic2");
  const auto count = accounts_of("hospital");
  auto r = clinic2.post("/api/v1/accounts/import", {{"csv", csv_of(2, "MI13-00001", "evil")}});
  EXPECT_EQ(r.result_int(), 403) << r.body();
  EXPECT_EQ(accounts_of("hospital"), count);
  EXPECT_EQ(logged("clinic2", "access.manage_accounts").size(), 1u);
  // The health center that registered the hospital may.
  auto hc = signed_in("hc-tama");
  r = hc.post("/api/v1/accounts/import", {{"csv", csv_of(2, "MI13-00001", "hc-made")}});
  EXPECT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(accounts_of("hospital"), count + 2);
}

// issue 14 item 3, ORG-2, ACL-7: each check of a file is logged with its row count (no login
// id, no name), and checks are throttled per account (429 with Retry-After): 10 at once, then
// one a minute - a file cannot probe which login ids exist at volume. Another account has its
// own allowance.
TEST_P(OrganisationsTest, ImportChecksAreLoggedAndThrottledPerAccount) {
  auto hospital = signed_in("hospital");
  const auto csv = csv_of(20, "MI13-00001", "probe");
  for (int i = 0; i < 10; ++i) {
    auto r = hospital.post("/api/v1/accounts/import/check", {{"csv", csv}});
    ASSERT_EQ(r.result_int(), 200) << i << r.body();
  }
  const auto checks = logged("hospital", "account.import-check");
  ASSERT_EQ(checks.size(), 10u);
  EXPECT_NE(checks[0].event.detail.find("20 rows"), std::string::npos) << checks[0].event.detail;
  EXPECT_EQ(checks[0].event.detail.find("probe"), std::string::npos);
  EXPECT_EQ(checks[0].event.account_id, demo_.at("hospital").account.id);

  auto r = hospital.post("/api/v1/accounts/import/check", {{"csv", csv}});
  ASSERT_EQ(r.result_int(), 429) << r.body();
  EXPECT_EQ(body_of(r)["code"], "too_many_imports");
  EXPECT_FALSE(std::string(r[boost::beast::http::field::retry_after]).empty());
  EXPECT_EQ(hospital.post("/api/v1/accounts/import", {{"csv", csv}}).result_int(), 429);
  // Both refusals are logged as denied (refusals are logged too).
  const auto refused = logged("hospital", "account.import-check");
  ASSERT_EQ(refused.size(), 12u);
  EXPECT_EQ(std::count_if(refused.begin(), refused.end(),
                          [](const audit::Record& rec) {
                            return rec.event.outcome == audit::Outcome::denied &&
                                   rec.event.detail.find("throttled") != std::string::npos;
                          }),
            2);
  // Another administrator is not held up; a minute later the hospital checks again.
  auto hc = signed_in("hc-tama");
  EXPECT_EQ(hc.post("/api/v1/accounts/import/check", {{"csv", csv}}).result_int(), 200);
  clock_.advance(61s);
  EXPECT_EQ(hospital.post("/api/v1/accounts/import/check", {{"csv", csv}}).result_int(), 200);
  // A file that fails the check is logged as checked too, with its problems counted.
  r = hospital.post("/api/v1/accounts/import/check", {{"csv", csv + "MI13-99999,,x,staff\r\n"}});
  EXPECT_EQ(r.result_int(), 429);  // the minute's one is used
  clock_.advance(61s);
  r = hospital.post("/api/v1/accounts/import/check", {{"csv", csv + "MI13-99999,,x,staff\r\n"}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  const auto all = logged("hospital", "account.import-check");
  ASSERT_EQ(all.size(), 15u);  // 11 checked, 3 refused, 1 failed
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const audit::Record& rec) {
    return rec.event.detail.find("21 rows; 1 problems") != std::string::npos;
  }));
}

// issue 14 item 3, ORG-2: 100 accounts (the most a file holds) in one request; the argon2id
// hashing of their initial passwords is the bulk of the time (figure in docs/performance.md).
TEST_P(OrganisationsTest, AHundredAccountsAreImportedInOneRequest) {
  auto hospital = signed_in("hospital");
  const auto count = accounts_of("hospital");
  const auto started = std::chrono::steady_clock::now();
  auto r = hospital.post("/api/v1/accounts/import", {{"csv", csv_of(100, "MI13-00001", "w")}});
  const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  ASSERT_EQ(r.result_int(), 201) << r.body().substr(0, 300);
  EXPECT_EQ(accounts_of("hospital"), count + 100);
  std::cout << "[ figure ] import of 100 accounts: " << took.count() << " s\n";
}

}  // namespace hersys::identity
