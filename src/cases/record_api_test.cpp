// 記録 and 医療 over real HTTP on both databases (SPEC CASE-4, CASE-5, issue 14): the health
// center adds a dated note and status changes, reads the log newest first with who wrote what,
// 現在のステータス follows (the case, the search); wrong input is named field by field in
// Japanese and English; another organisation is refused as if the case did not exist, and
// logged; the 医療 tab shows the report's symptoms and takes the outcome from a list.
#include <gtest/gtest.h>

#include "audit/log.h"
#include "demo_server.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

json a_report() {
  auto report = test::complete_report({{"name", "記録 次郎"},
                                       {"kana", "キロク ジロウ"},
                                       {"sex", "male"},
                                       {"birth_date", "1960-02-03"},
                                       {"phone", "090-2222-3333"},
                                       {"postal_code", "183-0022"},
                                       {"address", "東京都府中市宮西町1-1"},
                                       {"nationality", "JP"}});
  report["occupation"] = "会社員";
  report["symptoms"] = {"fever", "cough"};
  report["acknowledged"] = {"patient.email"};
  report.erase("pregnant");
  return report;
}

class RecordApi : public test::DemoServer {
 protected:
  std::string file() {
    auto clinic = signed_in("clinic");
    const auto r = clinic.post("/api/v1/reports", a_report());
    EXPECT_EQ(r.result_int(), 201) << r.body();
    return std::to_string(body_of(r)["patient_id"].get<std::int64_t>());
  }

  std::map<std::string, std::string> errors(const test::HttpResponse& r) {
    std::map<std::string, std::string> out;
    const auto body = body_of(r);
    for (const auto& e : body["errors"]) out[e["field"]] = e["code"];
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, RecordApi, test::kBothDatabases, test::database_test_name);

TEST_P(RecordApi, DatedNotesAndStatusChangesAreLoggedNewestFirstAndTheLatestStatusIsCurrent) {
  const auto patient = file();
  const auto path = "/api/v1/patients/" + patient + "/record";
  auto hc = signed_in("hc-tama");
  auto r = hc.get(path);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["total"], 0);
  EXPECT_EQ(body_of(r)["may"]["write"], true);
  EXPECT_TRUE(body_of(r)["current"]["status"].is_null());

  // Yesterday's call, written today.
  r = hc.post(path,
              {{"kind", "note"}, {"effective_on", "2026-11-20"}, {"note", "電話で経過を確認"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(body_of(r)["kind"], "note");
  EXPECT_EQ(body_of(r)["account_name"], "感染症対策係");
  r = hc.post(path, {{"kind", "status"}, {"status", "home"}, {"effective_on", "2026年11月19日"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(body_of(r)["effective_on"], "2026-11-19");
  clock_.advance(std::chrono::minutes(1));
  // No date: today (Asia/Tokyo).
  r = hc.post(path, {{"kind", "status"}, {"status", "hospital"}, {"note", "入院"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(body_of(r)["effective_on"], "2026-11-21");

  const auto page = body_of(hc.get(path));
  ASSERT_EQ(page["entries"].size(), 3u);
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["entries"][0]["status"], "hospital");
  EXPECT_EQ(page["entries"][1]["kind"], "note");
  EXPECT_EQ(page["entries"][2]["status"], "home");
  EXPECT_EQ(page["entries"][0]["organisation_name"], "東京都多摩府中保健所");
  EXPECT_EQ(page["current"]["status"], "hospital");
  EXPECT_EQ(body_of(hc.get(path + "?offset=2&limit=1"))["entries"][0]["status"], "home");

  // The case and the search read the current status.
  EXPECT_EQ(body_of(hc.get("/api/v1/patients/" + patient))["record"]["status"], "hospital");
  r = hc.post("/api/v1/patients/search", {{"status", "hospital"}});
  EXPECT_EQ(body_of(r)["total"], 1);

  // The clinic that entered the patient writes too (write_case through own, as the tab did);
  // a death needs its date and the place from the list.
  auto clinic = signed_in("clinic");
  r = clinic.post(path, {{"kind", "status"},
                         {"status", "dead"},
                         {"death_date", "2026-11-21"},
                         {"death_place_kind", "medical_institution"},
                         {"death_place", "多摩中央総合病院"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto view = body_of(clinic.get("/api/v1/patients/" + patient));
  EXPECT_EQ(view["record"]["status"], "dead");
  EXPECT_EQ(view["record"]["death_place_kind"], "medical_institution");
  EXPECT_EQ(body_of(clinic.get(path))["entries"][0]["organisation_name"], "府中駅前内科クリニック");

  // Every read and every entry in the access log.
  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("hc-tama").organisation.id, 0, 500);
  const auto count = [&](const std::string& type, const std::string& detail) {
    return std::count_if(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.type == type && rec.event.resource_id == patient &&
             rec.event.detail.find(detail) != std::string::npos;
    });
  };
  EXPECT_EQ(count("case.read", "record"), 3);  // the clinic's read is the clinic's
  EXPECT_EQ(count("patient.record", "entry"), 3);
}

TEST_P(RecordApi, WrongEntriesAreNamedFieldByFieldInJapaneseAndEnglish) {
  const auto patient = file();
  const auto path = "/api/v1/patients/" + patient + "/record";
  auto hc = signed_in("hc-tama");
  using Errors = std::map<std::string, std::string>;
  auto r = hc.post(path, json::object());
  EXPECT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(errors(r), (Errors{{"kind", "required"}}));
  EXPECT_EQ(errors(hc.post(path, {{"kind", "bogus"}})), (Errors{{"kind", "invalid_choice"}}));
  EXPECT_EQ(errors(hc.post(path, {{"kind", "status"}})), (Errors{{"status", "required"}}));
  EXPECT_EQ(errors(hc.post(path, {{"kind", "note"}, {"note", ""}})),
            (Errors{{"note", "required"}}));
  // What is not of its type is named first; then the rules.
  r = hc.post(path, {{"kind", "status"}, {"status", "dead"}, {"death_place_kind", "moon"}});
  EXPECT_EQ(errors(r), (Errors{{"death_place_kind", "invalid_choice"}}));
  r = hc.post(path, {{"kind", "status"}, {"status", "dead"}});
  EXPECT_EQ(errors(r), (Errors{{"death_date", "required"}, {"death_place_kind", "required"}}));
  r = hc.post(path, {{"kind", "status"},
                     {"status", "dead"},
                     {"death_date", "1950-01-01"},
                     {"death_place_kind", "other"}});
  EXPECT_EQ(errors(r), (Errors{{"death_date", "date_order"}, {"death_place", "required"}}));
  r = hc.post(path, {{"kind", "note"}, {"note", "x"}, {"status", "home"}});
  EXPECT_EQ(errors(r), (Errors{{"kind", "note_has_status"}}));
  r = hc.post(path, {{"kind", "status"}, {"status", "home"}, {"effective_on", "2026-12-01"}});
  EXPECT_EQ(errors(r).count("effective_on"), 1u) << r.body();
  r = hc.post(path, {{"kind", "note"}, {"note", 12}});
  EXPECT_EQ(errors(r).count("note"), 1u) << r.body();
  // In Japanese by default, in English when asked.
  r = hc.post(path, {{"kind", "status"}, {"status", "dead"}, {"death_date", "2026-11-21"}});
  EXPECT_EQ(body_of(r)["errors"][0]["message"], "死亡の場合は死亡場所を選んでください。");
  const auto en =
      test::send(server_->port(), boost::beast::http::verb::post, path,
                 json{{"kind", "status"}, {"status", "dead"}, {"death_date", "2026-11-21"}}.dump(),
                 "application/json",
                 {{"Cookie", hc.cookie}, {"X-CSRF-Token", hc.csrf}, {"Accept-Language", "en"}});
  EXPECT_EQ(body_of(en)["errors"][0]["message"], "Choose the place of death.");
  // Nothing was added.
  EXPECT_EQ(body_of(hc.get(path))["total"], 0);
}

TEST_P(RecordApi, AnotherOrganisationIsRefusedAsIfTheCaseDidNotExistAndLogged) {
  const auto patient = file();
  const auto path = "/api/v1/patients/" + patient + "/record";
  auto other = signed_in("clinic2");
  auto r = other.get(path);
  EXPECT_EQ(r.result_int(), 404);
  r = other.post(path, {{"kind", "note"}, {"note", "x"}});
  EXPECT_EQ(r.result_int(), 404);
  // Bad input from outside tells nothing either.
  EXPECT_EQ(other.post(path, {{"kind", "bogus"}}).result_int(), 404);
  EXPECT_EQ(other.get("/api/v1/patients/987654321/record").result_int(), 404);
  // The ministry without a grant, and the follow-up center the case is not linked to.
  EXPECT_EQ(signed_in("ministry").get(path).result_int(), 404);
  EXPECT_EQ(signed_in("followup").post(path, {{"kind", "note"}, {"note", "x"}}).result_int(), 404);
  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("clinic2").organisation.id, 0, 100);
  EXPECT_EQ(std::count_if(log.begin(), log.end(),
                          [&](const audit::Record& rec) {
                            return rec.event.outcome == audit::Outcome::denied &&
                                   rec.event.resource_id == patient;
                          }),
            3);
  EXPECT_EQ(body_of(signed_in("hc-tama").get(path))["total"], 0);
}

// CASE-4: the report's ticked symptoms show on the 医療 tab; the outcome is one of a list (or
// "other" with words); 重症 is derived from ICU, ventilator or ECMO.
TEST_P(RecordApi, TheMedicalTabShowsTheReportsSymptomsAndTakesTheOutcomeFromAList) {
  const auto patient = file();
  auto hc = signed_in("hc-tama");
  auto view = body_of(hc.get("/api/v1/patients/" + patient));
  ASSERT_EQ(view["reported_symptoms"].size(), 1u);
  EXPECT_EQ(view["reported_symptoms"][0]["symptoms"], (json{"fever", "cough"}));
  EXPECT_EQ(view["reported_symptoms"][0]["report_id"], view["reports"][0]["id"]);
  EXPECT_EQ(view["medical"]["severe"], false);
  EXPECT_TRUE(view["medical"]["outcome"].is_null());

  const auto path = "/api/v1/patients/" + patient + "/medical";
  auto r = hc.put(path, {{"outcome", "軽快した"}});
  EXPECT_EQ(errors(r), (std::map<std::string, std::string>{{"outcome", "invalid_choice"}}));
  r = hc.put(path, {{"outcome", "other"}});
  EXPECT_EQ(errors(r), (std::map<std::string, std::string>{{"outcome_text", "required"}}));
  r = hc.put(path, {{"outcome", "improved"}, {"icu", true}, {"symptoms", "37.5℃"}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  view = body_of(hc.get("/api/v1/patients/" + patient));
  EXPECT_EQ(view["medical"]["outcome"], "improved");
  EXPECT_EQ(view["medical"]["severe"], true);
  EXPECT_EQ(view["medical"]["symptoms"], "37.5℃");
  r = hc.put(path, {{"outcome", "other"}, {"outcome_text", "転居のため不明"}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  view = body_of(hc.get("/api/v1/patients/" + patient));
  EXPECT_EQ(view["medical"]["outcome_text"], "転居のため不明");
}

}  // namespace
}  // namespace hersys::cases
