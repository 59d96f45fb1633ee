// The case search as a nurse uses it, over real HTTP with the demo organisations, on both
// databases (issue 14 item 1, SPEC CASE-6, REP-5, ACL-1..3, ACL-7): filters for the reporting
// institution, 保健所確認, an age range, 担当保健所 and "still open", each enforced in SQL within
// the caller's scope; the list's new columns; the whole result as CSV for health centers and
// prefectures only, Excel-friendly and logged as an export; bad input named by field.
#include <gtest/gtest.h>

#include "audit/log.h"
#include "demo_server.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

// A complete report of a patient born on `birth_date` (the test's today is 2026-11-21).
json report_of(const std::string& name, const std::string& kana, const std::string& birth_date,
               const std::string& phone) {
  auto report = test::complete_report({{"name", name},
                                       {"kana", kana},
                                       {"sex", "female"},
                                       {"birth_date", birth_date},
                                       {"phone", phone},
                                       {"email", "x@example.jp"},
                                       {"postal_code", "183-0022"},
                                       {"address", "東京都府中市宮西町1-1"},
                                       {"nationality", "JP"}});
  report["occupation"] = "会社員";
  report["needs_drugs_or_oxygen"] = true;
  report.erase("confirm_new_patient");
  return report;
}

std::set<std::string> error_fields(const test::HttpResponse& r) {
  std::set<std::string> fields;
  const auto body = body_of(r);
  for (const auto& e : body["errors"]) fields.insert(e["field"].get<std::string>());
  return fields;
}

// The data lines of a CSV answer (after the header), split at CRLF.
std::vector<std::string> csv_lines(const std::string& body) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < body.size()) {
    const auto end = body.find("\r\n", at);
    if (end == std::string::npos) break;
    lines.push_back(body.substr(at, end - at));
    at = end + 2;
  }
  return lines;
}

class CaseSearchApi : public test::DemoServer {
 protected:
  std::pair<std::string, std::string> file(test::Browser& b, const json& body) {
    const auto r = b.post("/api/v1/reports", body);
    EXPECT_EQ(r.result_int(), 201) << r.body();
    if (r.result_int() != 201) return {"0", "0"};
    const auto j = body_of(r);
    return {std::to_string(j["report_id"].get<std::int64_t>()),
            std::to_string(j["patient_id"].get<std::int64_t>())};
  }

  // The names a search finds, in its order.
  std::vector<std::string> names(test::Browser& b, const json& filter) {
    const auto r = b.post("/api/v1/patients/search", filter);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::vector<std::string> out;
    const auto page = body_of(r);
    for (const auto& p : page["patients"]) out.push_back(p["name"]);
    return out;
  }

  bool logged(const std::string& key, const std::string& type, audit::Outcome outcome) {
    auto session = db_->read();
    const auto log = audit::list(session, demo_.at(key).organisation.id, 0, 200);
    return std::any_of(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.type == type && rec.event.outcome == outcome;
    });
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, CaseSearchApi, test::kBothDatabases, test::database_test_name);

using Names = std::vector<std::string>;

// issue 14 item 1 (CASE-6): every new filter, alone and together, within the caller's scope.
TEST_P(CaseSearchApi, TheNursesFiltersAndColumnsAreEnforcedInTheCallersScope) {
  auto clinic = signed_in("clinic");
  auto hospital = signed_in("hospital");
  auto clinic2 = signed_in("clinic2");
  // 70 on 2026-11-21 (the clinic's), 30 (the hospital's), 40 (Shinjuku's clinic).
  const auto [old_report, old_patient] =
      file(clinic, report_of("府中 花子", "フチュウ ハナコ", "1956-05-10", "090-1111-0001"));
  const auto [young_report, young_patient] =
      file(hospital, report_of("多摩 桜", "タマ サクラ", "1996-11-21", "090-1111-0002"));
  file(clinic2, report_of("新宿 梅", "シンジュク ウメ", "1986-11-22", "090-1111-0003"));

  auto hc = signed_in("hc-tama");
  ASSERT_EQ(hc.post("/api/v1/reports/" + old_report + "/confirm").result_int(), 200);

  // The list's columns: 担当保健所, reporting institution, confirmation.
  const auto all = body_of(hc.post("/api/v1/patients/search", json::object()));
  EXPECT_EQ(all["total"], 2);  // never Shinjuku's case (ACL-2)
  for (const auto& p : all["patients"]) {
    const bool old = p["name"] == "府中 花子";
    EXPECT_EQ(p["reporter_name"], old ? "府中駅前内科クリニック" : "多摩中央総合病院");
    EXPECT_EQ(p["reporter_id"], demo_.at(old ? "clinic" : "hospital").organisation.id);
    EXPECT_EQ(p["confirmation"], old ? "confirmed" : "unconfirmed");
    if (!p["responsible_health_center_id"].is_null()) {
      EXPECT_EQ(p["responsible_health_center_name"], "東京都多摩府中保健所");
    }
  }

  EXPECT_EQ(names(hc, {{"reporter_id", demo_.at("clinic").organisation.id}}), Names{"府中 花子"});
  EXPECT_EQ(names(hc, {{"reporter_id", demo_.at("hospital").organisation.id}}), Names{"多摩 桜"});
  // Another area's institution: nothing, though it filed a case (the scope still applies).
  EXPECT_TRUE(names(hc, {{"reporter_id", demo_.at("clinic2").organisation.id}}).empty());
  EXPECT_EQ(names(hc, {{"confirmation", "confirmed"}}), Names{"府中 花子"});
  EXPECT_EQ(names(hc, {{"confirmation", "unconfirmed"}}), Names{"多摩 桜"});

  // Ages on 2026-11-21 (Asia/Tokyo): 70 and 30 — the younger turned 30 today.
  EXPECT_EQ(names(hc, {{"age_from", 65}}), Names{"府中 花子"});
  EXPECT_EQ(names(hc, {{"age_to", 64}}), Names{"多摩 桜"});
  EXPECT_EQ(names(hc, {{"age_from", 30}, {"age_to", 30}}), Names{"多摩 桜"});
  EXPECT_TRUE(names(hc, {{"age_from", 31}, {"age_to", 69}}).empty());
  EXPECT_EQ(names(hc, {{"age_from", 70}, {"age_to", 70}}), Names{"府中 花子"});
  EXPECT_EQ(names(hc, {{"age_from", 65}, {"confirmation", "unconfirmed"}}), Names{});

  // 担当保健所 of both is the area's health center once set.
  const auto tama = std::stoll(id_of("hc-tama"));
  for (const auto& id : {old_patient, young_patient}) {
    ASSERT_EQ(hc.put("/api/v1/patients/" + id + "/health-centers",
                     {{"responsible_health_center_id", tama}})
                  .result_int(),
              200);
  }
  EXPECT_EQ(names(hc, {{"health_center_id", tama}}).size(), 2u);
  EXPECT_TRUE(names(hc, {{"health_center_id", std::stoll(id_of("hc-shinjuku"))}}).empty());
  const auto listed = body_of(hc.post("/api/v1/patients/search", json::object()));
  EXPECT_EQ(listed["patients"][0]["responsible_health_center_name"], "東京都多摩府中保健所");

  // Still open: none or not 療養解除 / 死亡.
  EXPECT_EQ(names(hc, {{"open_only", true}}).size(), 2u);
  ASSERT_EQ(hc.post("/api/v1/patients/" + old_patient + "/record",
                    {{"kind", "status"}, {"status", "released"}})
                .result_int(),
            201);
  EXPECT_EQ(names(hc, {{"open_only", true}}), Names{"多摩 桜"});
  ASSERT_EQ(hc.post("/api/v1/patients/" + young_patient + "/record",
                    {{"kind", "status"}, {"status", "home"}})
                .result_int(),
            201);
  EXPECT_EQ(names(hc, {{"open_only", true}}), Names{"多摩 桜"});

  // The clinic's own scope: its case only, whatever the filter asks.
  EXPECT_EQ(names(clinic, {{"reporter_id", demo_.at("hospital").organisation.id}}), Names{});
  EXPECT_EQ(names(clinic, {{"age_to", 130}}), Names{"府中 花子"});
  // The prefecture sees all three (ACL-3) and filters them alike.
  auto tokyo = signed_in("tokyo");
  EXPECT_EQ(names(tokyo, {{"age_from", 35}, {"age_to", 45}}), Names{"新宿 梅"});
}

// issue 14 item 1: bad input is named by field, in Japanese and English, on both routes.
TEST_P(CaseSearchApi, BadFiltersAreNamed) {
  auto hc = signed_in("hc-tama");
  for (const auto* route : {"/api/v1/patients/search", "/api/v1/patients/search.csv"}) {
    auto r = hc.post(route, {{"age_from", 70}, {"age_to", 65}, {"confirmation", "maybe"}});
    EXPECT_EQ(r.result_int(), 422) << route;
    EXPECT_EQ(error_fields(r), (std::set<std::string>{"age_to", "confirmation"})) << route;
    const auto problem = body_of(r);
    for (const auto& e : problem["errors"]) {
      EXPECT_FALSE(e["message"].get<std::string>().empty());
    }
    r = hc.post(route, {{"age_from", -1},
                        {"age_to", 131},
                        {"reporter_id", "府中"},
                        {"open_only", "yes"},
                        {"status", "asleep"}});
    EXPECT_EQ(r.result_int(), 422) << route;
    EXPECT_EQ(error_fields(r),
              (std::set<std::string>{"age_from", "age_to", "reporter_id", "open_only", "status"}))
        << r.body();
  }
  // Personal data never in URLs: the CSV is POSTed, never a GET.
  EXPECT_NE(hc.get("/api/v1/patients/search.csv?name=x").result_int(), 200);
}

// issue 14 item 1: the whole result as CSV for a health center and a prefecture within their
// scope, never for an institution (refused and logged); UTF-8 with BOM, CRLF, formula-safe,
// logged as case.export naming the patients.
TEST_P(CaseSearchApi, TheWholeResultExportsAsExcelFriendlyCsvForThoseAllowedAndIsLogged) {
  auto clinic = signed_in("clinic");
  const auto [first, first_patient] =
      file(clinic, report_of("=HYPERLINK(\"http://x\") 一", "イチ", "1956-05-10", "090-2222-0001"));
  const auto [second, second_patient] =
      file(clinic, report_of("-2 二", "ニ", "1960-01-01", "090-2222-0002"));
  // More than one page of 50 would still all be exported; the page size does not matter.
  auto hc = signed_in("hc-tama");
  auto r = hc.post("/api/v1/patients/search.csv", {{"limit", 1}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_TRUE(std::string(r[boost::beast::http::field::content_type]).starts_with("text/csv"));
  EXPECT_NE(std::string(r[boost::beast::http::field::content_disposition]).find("attachment"),
            std::string::npos);
  const auto body = r.body();
  ASSERT_TRUE(body.starts_with("\xEF\xBB\xBF"));
  const auto lines = csv_lines(body.substr(3));
  ASSERT_EQ(lines.size(), 3u) << body;  // the header and both cases
  EXPECT_TRUE(lines[0].starts_with("HER-SYS ID,氏名,フリガナ,性別,生年月日,年齢,報告日"))
      << lines[0];
  EXPECT_EQ(body.find('\n'), body.find("\r\n") + 1);  // CRLF only
  // Formula injection: a cell starting with = or - is prefixed with a quote.
  EXPECT_NE(body.find("\"'=HYPERLINK(\"\"http://x\"\") 一\""), std::string::npos) << body;
  EXPECT_NE(body.find(",'-2 二,"), std::string::npos) << body;
  EXPECT_NE(body.find(",70,"), std::string::npos);  // the age today
  EXPECT_NE(body.find("府中駅前内科クリニック"), std::string::npos);
  EXPECT_NE(body.find("未確認"), std::string::npos);
  // Personal data the list does not show stays out.
  EXPECT_EQ(body.find("090"), std::string::npos);
  EXPECT_EQ(body.find("宮西町"), std::string::npos);

  // The filters apply to the export too.
  r = hc.post("/api/v1/patients/search.csv", {{"age_to", 66}});
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(csv_lines(r.body().substr(3)).size(), 2u);

  // Logged as an export, naming both patients; never the query.
  {
    auto session = db_->read();
    const auto log = audit::list(session, demo_.at("hc-tama").organisation.id, 0, 100);
    const auto it = std::find_if(log.begin(), log.end(), [](const audit::Record& rec) {
      return rec.event.type == "case.export";
    });
    ASSERT_NE(it, log.end());
    EXPECT_EQ(it->event.outcome, audit::Outcome::success);
    EXPECT_EQ(it->event.resource_id, second_patient);  // the newest: aged 66 or less
    EXPECT_EQ(it->event.detail.find("66"), std::string::npos);
  }

  // Another health center exports nothing of Tama's; the prefecture exports both.
  auto shinjuku = signed_in("hc-shinjuku");
  r = shinjuku.post("/api/v1/patients/search.csv", json::object());
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(csv_lines(r.body().substr(3)).size(), 1u);  // the header only
  auto tokyo = signed_in("tokyo");
  r = tokyo.post("/api/v1/patients/search.csv", json::object());
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(csv_lines(r.body().substr(3)).size(), 3u);

  // An institution may not export, even its own cases: 403, logged as a refusal.
  r = clinic.post("/api/v1/patients/search.csv", json::object());
  EXPECT_EQ(r.result_int(), 403) << r.body();
  EXPECT_TRUE(logged("clinic", "access.export_cases", audit::Outcome::denied));
  EXPECT_FALSE(logged("clinic", "case.export", audit::Outcome::success));
  // The capability says so, for the screen.
  EXPECT_EQ(body_of(clinic.get("/api/v1/auth/me"))["may"]["export_cases"], false);
  EXPECT_EQ(body_of(hc.get("/api/v1/auth/me"))["may"]["export_cases"], true);
}

// issue 14 item 2 (REP-8): the legal form's items are kept on the report, and the report view
// carries the institution as the form prints it (reporter: name, address; phone once
// organisations keep one).
TEST_P(CaseSearchApi, TheReportKeepsTheLegalFormsItemsAndNamesItsInstitution) {
  auto clinic = signed_in("clinic");
  auto minor = report_of("府中 小太郎", "フチュウ コタロウ", "2012-04-01", "090-3333-0001");
  auto r = clinic.post("/api/v1/reports", minor);
  EXPECT_EQ(r.result_int(), 422);
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"guardian_name", "guardian_address"}));
  minor["guardian_name"] = "府中 花子";
  minor["guardian_address"] = "東京都府中市宮西町1-1";
  minor["guardian_phone"] = "０４２－１２３－４５６７";
  minor["first_visit_date"] = "令和8年11月19日";
  minor["death_date"] = "2026-11-40";
  r = clinic.post("/api/v1/reports", minor);
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"death_date"}));
  minor.erase("death_date");
  const auto [report_id, patient_id] = file(clinic, minor);
  const auto view = body_of(clinic.get("/api/v1/reports/" + report_id));
  EXPECT_EQ(view["fields"]["guardian_name"], "府中 花子");
  EXPECT_EQ(view["fields"]["guardian_phone"], "042-123-4567");
  EXPECT_EQ(view["fields"]["first_visit_date"], "2026-11-19");
  EXPECT_EQ(view["fields"]["death_date"], "");
  EXPECT_EQ(view["reporter"]["name"], "府中駅前内科クリニック");
  EXPECT_EQ(view["reporter"]["address"], "東京都府中市宮町1-40");
}

}  // namespace
}  // namespace hersys::cases
