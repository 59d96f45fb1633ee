// Organisations kept in step with the cases they reach, over real HTTP with the demo
// organisations on both databases (issue 14 items 1-2 of the organisations helper; SPEC ORG-2,
// ACL-3, ACL-5, seeds Q19):
//   - a 地方衛生研究所 registered (or flagged) after patients exist reaches exactly its
//     prefecture's patients at once - its inbox shows the prefecture's confirmed reports and
//     none of another prefecture - and unflagged it reaches none;
//   - retiring an organisation waits until what it registered is retired and (a health center)
//     its open cases are transferred; a retired health center is neither a transfer target nor
//     set on a case, and no notice goes to it.
#include <gtest/gtest.h>

#include <tuple>

#include "audit/log.h"
#include "demo_server.h"
#include "identity/store.h"
#include "notify/store.h"
#include "platform/crypto/crypto.h"
#include "report_body.h"

namespace hersys::identity {
namespace {
using namespace std::chrono_literals;
using json = nlohmann::json;
using test::body_of;
using test::Browser;

json report_in(const std::string& name, const std::string& kana, const std::string& address,
               const std::string& phone = "090-2222-3333") {
  return test::complete_report({{"name", name},
                                {"kana", kana},
                                {"sex", "female"},
                                {"birth_date", "1960-05-01"},
                                {"phone", phone},
                                {"email", "patient@example.jp"},
                                {"postal_code", "183-0022"},
                                {"address", address},
                                {"nationality", "JP"}});
}

json new_health_center(const std::string& name, bool institute) {
  return {{"kind", "health_center"},
          {"name", name},
          {"address", "東京都新宿区百人町4-1-1"},
          {"email", "institute@example.jp"},
          {"phone", "03-3363-1111"},
          {"contact_person", "疫学担当 百人"},
          {"public_health_institute", institute}};
}

class OrganisationGuards : public test::DemoServer {
 protected:
  // Files a report as `key` and has `confirmer` confirm it: the report's id.
  std::int64_t confirmed_report(const std::string& key, const std::string& confirmer,
                                const json& body) {
    auto filer = signed_in(key);
    auto r = filer.post("/api/v1/reports", body);
    EXPECT_EQ(r.result_int(), 201) << r.body();
    const auto id = body_of(r)["report_id"].get<std::int64_t>();
    r = signed_in(confirmer).post("/api/v1/reports/" + std::to_string(id) + "/confirm");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    clock_.advance(1min);
    return id;
  }

  // A first account for the organisation `id`, issued by `issuer`, made ready to sign in (its
  // password and authenticator set as its user would on the first sign-in), and signed in.
  Browser first_account(Browser& issuer, std::int64_t id) {
    auto r = issuer.post("/api/v1/organisations/" + std::to_string(id) + "/accounts",
                         {{"display_name", "疫学担当"}});
    EXPECT_EQ(r.result_int(), 201) << r.body();
    const auto issued = body_of(r);
    const std::string password = "correct horse battery staple 14";
    const std::string secret = "0123456789abcdefghij";
    {
      auto tx = db_->write();
      set_password(tx, issued["id"].get<std::int64_t>(), crypto::hash_password(password), false);
      set_totp(tx, issued["id"].get<std::int64_t>(), secret, 0);
      tx.commit();
    }
    auto b = browser();
    r = b.post("/api/v1/auth/sign-in", {{"login_id", issued["login_id"]}, {"password", password}});
    EXPECT_EQ(body_of(r)["stage"], "second_factor") << r.body();
    clock_.advance(30s);
    r = b.post("/api/v1/auth/second-factor", {{"code", totp_code(secret, clock_.now())}});
    EXPECT_EQ(body_of(r)["stage"], "active") << r.body();
    return b;
  }

  static std::vector<std::int64_t> ids_in(const test::HttpResponse& r) {
    std::vector<std::int64_t> ids;
    const auto body = body_of(r);
    for (const auto& item : body["items"]) ids.push_back(item["id"].get<std::int64_t>());
    return ids;
  }

  std::int64_t mail_to(const std::string& address) {
    auto session = db_->read();
    std::int64_t n = 0;
    for (const auto& m : notify::list(session, std::nullopt, 500)) {
      if (m.message.recipient == address) ++n;
    }
    return n;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, OrganisationGuards, test::kBothDatabases,
                         test::database_test_name);

// issue 14 item 1 (organisations), ACL-3, seeds Q19: Tokyo registers a 地方衛生研究所 after
// reports exist; at once its inbox holds Tokyo's confirmed reports (to check) and none of
// Kanagawa's; the registration is logged.
TEST_P(OrganisationGuards, AnInstituteRegisteredLaterReachesItsPrefecturesPatients) {
  const auto tokyo_report = confirmed_report(
      "clinic", "hc-tama", report_in("研究 花子", "ケンキュウ ハナコ", "東京都府中市宮西町1-1"));
  const auto kanagawa_report =
      confirmed_report("hc-hiratsuka", "hc-hiratsuka",
                       report_in("平塚 花子", "ヒラツカ ハナコ", "神奈川県平塚市豊原町1-1"));

  auto tokyo = signed_in("tokyo");
  auto r = tokyo.post("/api/v1/organisations", new_health_center("東京都第二研究所", true));
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto institute = body_of(r);
  EXPECT_EQ(institute["public_health_institute"], true);
  auto phi2 = first_account(tokyo, institute["id"].get<std::int64_t>());

  r = phi2.get("/api/v1/reports/inbox?filter=unchecked");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(ids_in(r), std::vector<std::int64_t>{tokyo_report}) << r.body();
  EXPECT_EQ(phi2.get("/api/v1/reports/" + std::to_string(tokyo_report)).result_int(), 200);
  EXPECT_EQ(phi2.get("/api/v1/reports/" + std::to_string(kanagawa_report)).result_int(), 404);
  // Kanagawa's health center sees its own, not Tokyo's: the reach is the prefecture's only.
  EXPECT_EQ(ids_in(signed_in("hc-hiratsuka").get("/api/v1/reports/inbox?filter=confirmed")),
            std::vector<std::int64_t>{kanagawa_report});
}

// issue 14 item 1 (organisations), ACL-3: the flag is edited with PUT; cleared, the institute
// reaches nothing; set again, it reaches the prefecture's patients again; each change logged.
// It is a health center's only, a wrong value is named, and another issuer is refused (logged).
TEST_P(OrganisationGuards, TheInstituteFlagIsEditedAndItsReachFollows) {
  const auto report = confirmed_report(
      "clinic", "hc-tama", report_in("研究 花子", "ケンキュウ ハナコ", "東京都府中市宮西町1-1"));
  auto phi = signed_in("phi");
  ASSERT_EQ(ids_in(phi.get("/api/v1/reports/inbox?filter=unchecked")),
            std::vector<std::int64_t>{report});
  auto tokyo = signed_in("tokyo");
  const auto path = "/api/v1/organisations/" + id_of("phi");
  auto read = body_of(tokyo.get(path));
  auto edit = json{{"name", read["name"]},
                   {"address", read["address"]},
                   {"email", read["email"]},
                   {"phone", read["phone"]},
                   {"contact_person", read["contact_person"]},
                   {"version", read["version"]},
                   {"public_health_institute", false}};
  auto r = tokyo.put(path, edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["public_health_institute"], false);
  EXPECT_EQ(phi.get("/api/v1/reports/" + std::to_string(report)).result_int(), 404);
  EXPECT_TRUE(ids_in(phi.get("/api/v1/reports/inbox?filter=confirmed")).empty());

  // Left out of an edit, the flag stays as it is.
  edit.erase("public_health_institute");
  edit["version"] = body_of(r)["version"];
  r = tokyo.put(path, edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["public_health_institute"], false);

  edit["public_health_institute"] = true;
  edit["version"] = body_of(r)["version"];
  r = tokyo.put(path, edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["public_health_institute"], true);
  EXPECT_EQ(ids_in(phi.get("/api/v1/reports/inbox?filter=unchecked")),
            std::vector<std::int64_t>{report});
  {
    auto session = db_->read();
    int logged = 0;
    for (const auto& rec : audit::list(session, demo_.at("tokyo").organisation.id, 0, 200)) {
      if (rec.event.type == "organisation.update" &&
          rec.event.detail.find("public health institute") != std::string::npos) {
        ++logged;
      }
    }
    EXPECT_EQ(logged, 2);
  }

  // Not a boolean: named. Not Tokyo's to edit: 404, logged.
  edit["public_health_institute"] = "yes";
  r = tokyo.put(path, edit);
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(body_of(r)["errors"][0]["field"], "public_health_institute");
  edit["public_health_institute"] = false;
  EXPECT_EQ(signed_in("kanagawa").put(path, edit).result_int(), 404);
  EXPECT_EQ(ids_in(phi.get("/api/v1/reports/inbox?filter=unchecked")),
            std::vector<std::int64_t>{report});
  // A health center registers no institute; a medical institution is never one.
  r = signed_in("hc-tama").post("/api/v1/organisations", new_health_center("偽研究所", true));
  EXPECT_EQ(r.result_int(), 422) << r.body();
  auto clinic = new_health_center("研究クリニック", true);
  clinic["kind"] = "medical_institution";
  r = signed_in("hc-tama").post("/api/v1/organisations", clinic);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(body_of(r)["public_health_institute"], false);
}

// issue 14 item 2 (organisations), ORG-2: an organisation whose registered organisations are
// still in use is not retired (409, with the count, in Japanese and English).
TEST_P(OrganisationGuards, RetiringWaitsForTheOrganisationsItRegistered) {
  auto tokyo = signed_in("tokyo");
  auto r = tokyo.post("/api/v1/organisations/" + id_of("hc-tama") + "/retire");
  ASSERT_EQ(r.result_int(), 409) << r.body();
  const auto problem = body_of(r);
  EXPECT_EQ(problem["code"], "has_active_children");
  EXPECT_EQ(problem["count"], 3);  // the hospital, the clinic, the follow-up center
  EXPECT_NE(problem["title"].get<std::string>().find("3"), std::string::npos);
  // Its children retired, the health center still has none in use but its own cases: none
  // here (the demo files none), so it retires.
  auto hc = signed_in("hc-tama");
  for (const auto* key : {"hospital", "clinic", "followup"}) {
    ASSERT_EQ(hc.post("/api/v1/organisations/" + id_of(key) + "/retire").result_int(), 200);
  }
  r = tokyo.post("/api/v1/organisations/" + id_of("hc-tama") + "/retire");
  EXPECT_EQ(r.result_int(), 200) << r.body();
}

// issue 14 item 2 (organisations), ACL-5, ORG-2: a health center with an open case it is
// responsible for is not retired until the case is transferred (409, the count); retired, it is
// no transfer target, is not set on a case, and is sent no notice.
TEST_P(OrganisationGuards, AHealthCenterWithOpenCasesIsNotRetired) {
  auto tokyo = signed_in("tokyo");
  auto r = tokyo.post("/api/v1/organisations", new_health_center("東京都新設保健所", false));
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto created = body_of(r);
  const auto target = created["id"].get<std::int64_t>();
  const auto address = created["email"].get<std::string>();

  auto clinic = signed_in("clinic");
  std::vector<std::string> patients;
  const std::tuple<const char*, const char*, const char*> people[] = {
      {"移管 一郎", "イカン イチロウ", "090-5555-0001"},
      {"移管 二郎", "イカン ジロウ", "090-5555-0002"},
      {"移管 三郎", "イカン サブロウ", "090-5555-0003"}};
  for (const auto& [name, kana, phone] : people) {
    r = clinic.post("/api/v1/reports", report_in(name, kana, "東京都府中市1-1", phone));
    ASSERT_EQ(r.result_int(), 201) << r.body();
    patients.push_back(std::to_string(body_of(r)["patient_id"].get<std::int64_t>()));
  }
  auto hc = signed_in("hc-tama");
  const auto transfer = [&](const std::string& patient) {
    const auto version = body_of(hc.get("/api/v1/patients/" + patient))["version"];
    return hc.post("/api/v1/patients/" + patient + "/transfer", {{"to_health_center_id", target},
                                                                 {"keep_related", false},
                                                                 {"reason", "管轄の変更"},
                                                                 {"version", version}});
  };
  r = transfer(patients[0]);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(mail_to(address), 1);

  const auto retire = "/api/v1/organisations/" + std::to_string(target) + "/retire";
  r = tokyo.post(retire);
  ASSERT_EQ(r.result_int(), 409) << r.body();
  EXPECT_EQ(body_of(r)["code"], "has_open_cases");
  EXPECT_EQ(body_of(r)["count"], 1);
  EXPECT_NE(body_of(r)["title"].get<std::string>().find("移管"), std::string::npos);
  {
    auto session = db_->read();
    EXPECT_EQ(session.query_one("SELECT retired_at FROM organisations WHERE id = ?", {target})
                  ->optional_text(0),
              std::nullopt);
  }
  // The third case has it as a related health center (a role it keeps when retired).
  r = hc.put("/api/v1/patients/" + patients[2] + "/health-centers",
             {{"related_health_center_ids", {target}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  // The case closed (療養解除), nothing open is left: it retires.
  {
    auto tx = db_->write();
    tx.execute("UPDATE patients SET status = 'released' WHERE id = ?", {std::stoll(patients[0])});
    tx.commit();
  }
  r = tokyo.post(retire);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto mails = mail_to(address);

  // Retired: no transfer to it, not set as a related health center, no notice; where it is
  // related already it stays so, but it is not promoted to responsible.
  r = transfer(patients[1]);
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(body_of(r)["errors"][0]["field"], "to_health_center_id");
  r = hc.put("/api/v1/patients/" + patients[1] + "/health-centers",
             {{"related_health_center_ids", {target}}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(body_of(r)["errors"][0]["code"], "retired");
  r = hc.put("/api/v1/patients/" + patients[2] + "/health-centers",
             {{"related_health_center_ids", {target}}});
  EXPECT_EQ(r.result_int(), 200) << r.body();
  r = hc.put(
      "/api/v1/patients/" + patients[2] + "/health-centers",
      {{"responsible_health_center_id", target}, {"related_health_center_ids", json::array()}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(body_of(r)["errors"][0]["field"], "responsible_health_center_id");
  EXPECT_EQ(body_of(r)["errors"][0]["code"], "retired");
  EXPECT_EQ(mail_to(address), mails);
}

// issue 14 walk item 18, ORG-1: the issuer edits an institution's 市区町村コード (full-width
// folded); a wrong one is named; left out of an edit it stays; another prefecture may not.
TEST_P(OrganisationGuards, TheMunicipalityCodeIsEditedAndChecked) {
  auto hc = signed_in("hc-tama");
  const auto path = "/api/v1/organisations/" + id_of("clinic");
  auto read = body_of(hc.get(path));
  auto edit = json{{"name", read["name"]},
                   {"address", read["address"]},
                   {"email", read["email"]},
                   {"phone", "0120-444-444"},  // free dial: an institution's number to call
                   {"contact_person", read["contact_person"]},
                   {"files_daily_reports", true},
                   {"version", read["version"]},
                   {"municipality_code", "１３２０６"}};
  auto r = hc.put(path, edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["municipality_code"], "13206");
  EXPECT_EQ(body_of(r)["phone"], "0120-444-444");
  EXPECT_EQ(body_of(hc.get(path))["municipality_code"], "13206");

  edit.erase("municipality_code");
  edit["version"] = body_of(r)["version"];
  r = hc.put(path, edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["municipality_code"], "13206");

  edit["municipality_code"] = "1320";
  edit["version"] = body_of(r)["version"];
  r = hc.put(path, edit);
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(body_of(r)["errors"][0]["field"], "municipality_code");
  edit["municipality_code"] = "";
  r = hc.put(path, edit);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["municipality_code"], "");
  edit["version"] = body_of(r)["version"];
  edit["municipality_code"] = "13206";
  EXPECT_EQ(signed_in("kanagawa").put(path, edit).result_int(), 404);
  EXPECT_EQ(body_of(hc.get(path))["municipality_code"], "");
}

// issue 14 item 2 (organisations), DAY-5: a retired institution is not listed among the
// missing daily reporters of its area, nor counted on the top page.
TEST_P(OrganisationGuards, ARetiredInstitutionIsNotAMissingDailyReporter) {
  auto hc = signed_in("hc-tama");
  auto codes = [&] {
    std::vector<std::string> found;
    const auto r = hc.get("/api/v1/daily-reports/area");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    const auto body = body_of(r);
    for (const auto& o : body["missing"]) {
      found.push_back(o["code"]);
    }
    return found;
  };
  EXPECT_EQ(codes(), (std::vector<std::string>{"FU13-00001", "MI13-00001", "MI13-00002"}));
  const auto missing_count = [&] {
    const auto body = body_of(hc.get("/api/v1/workbench"));
    for (const auto& c : body["counts"]) {
      if (c["kind"] == "daily_reports_missing") return c["count"].get<std::int64_t>();
    }
    return std::int64_t{-1};
  };
  EXPECT_EQ(missing_count(), 3);
  ASSERT_EQ(hc.post("/api/v1/organisations/" + id_of("clinic") + "/retire").result_int(), 200);
  EXPECT_EQ(codes(), (std::vector<std::string>{"FU13-00001", "MI13-00001"}));
  EXPECT_EQ(missing_count(), 2);  // the top page's number too
}

}  // namespace
}  // namespace hersys::identity
