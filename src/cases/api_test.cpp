// Cases and occurrence reports as a new user meets them, over real HTTP with the demo
// organisations, on both databases (SPEC CASE-1..8, REP-1..9, NTF-1, ACL-1..3): the clinic
// files a report with missing fields and then properly, its health center is told, confirms
// it and shares the case with a city health center (whose prefecture is told), the other
// clinic cannot find it, a suspected case is re-classed and a death is recorded.
#include <gtest/gtest.h>

#include "audit/log.h"
#include "cases/hersys_id.h"
#include "demo_server.h"
#include "identity/administration.h"
#include "notify/store.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

json patient_70() {
  return {{"name", "山田 太郎"},
          {"kana", "ヤマダ タロウ"},
          {"sex", "male"},
          {"birth_date", "1956-05-10"},
          {"phone", "090-1234-5678"},
          {"email", "taro@example.jp"},
          {"postal_code", "183-0022"},
          {"address", "東京都府中市宮西町1-1"},
          {"nationality", "JP"},
          {"notify_sms", true}};
}

json complete_report(json patient = patient_70()) {
  auto r = test::complete_report(std::move(patient));
  r["symptoms"] = {"fever", "cough"};
  r["needs_drugs_or_oxygen"] = true;
  r["vaccination_count"] = 4;
  r.erase("pregnant");
  r.erase("confirm_new_patient");
  return r;
}

std::set<std::string> error_fields(const test::HttpResponse& r) {
  std::set<std::string> fields;
  const auto body = body_of(r);
  for (const auto& e : body["errors"]) fields.insert(e["field"].get<std::string>());
  return fields;
}

class CasesApi : public test::DemoServer {
 protected:
  // Files the complete report as `key` and returns {report_id, patient_id}.
  std::pair<std::string, std::string> file(test::Browser& b, const json& body) {
    const auto r = b.post("/api/v1/reports", body);
    EXPECT_EQ(r.result_int(), 201) << r.body();
    if (r.result_int() != 201) return {"0", "0"};
    const auto j = body_of(r);
    return {std::to_string(j["report_id"].get<std::int64_t>()),
            std::to_string(j["patient_id"].get<std::int64_t>())};
  }

  std::vector<notify::StoredMessage> mail_to(const std::string& key) {
    auto session = db_->read();
    std::vector<notify::StoredMessage> found;
    for (auto& m : notify::list(session, std::nullopt, 200)) {
      if (m.message.recipient == key + "@demo.hersys.invalid") found.push_back(m);
    }
    return found;
  }

  json search(test::Browser& b, const json& filter) {
    const auto r = b.post("/api/v1/patients/search", filter);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return body_of(r)["patients"];
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, CasesApi, test::kBothDatabases, test::database_test_name);

TEST_P(CasesApi, TheClinicFilesTheHealthCenterConfirmsAndSharesTheOtherClinicCannotSee) {
  auto clinic = signed_in("clinic");

  // Missing fields: each is named, in Japanese, and nothing is written.
  json incomplete = complete_report();
  incomplete["patient"].erase("sex");
  incomplete.erase("onset_date");
  incomplete.erase("travel_history");
  incomplete["tests"][0].erase("result");
  auto r = clinic.post("/api/v1/reports", incomplete);
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"patient.sex", "onset_date", "travel_history",
                                                    "tests.0.result"}));
  const auto problem = body_of(r);
  for (const auto& e : problem["errors"]) {
    EXPECT_FALSE(e["message"].get<std::string>().empty());
  }
  EXPECT_TRUE(search(clinic, json::object()).empty());

  // "Continue" on the travel history is an acknowledgement; the minimum set is not skippable.
  incomplete["acknowledged"] = {"travel_history", "onset_date"};
  r = clinic.post("/api/v1/reports", incomplete);
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"patient.sex", "onset_date", "tests.0.result",
                                                    "acknowledged.1"}));

  const auto [report_id, patient_id] = file(clinic, complete_report());
  const auto mine = search(clinic, json::object());
  ASSERT_EQ(mine.size(), 1u);
  const auto hersys_id = mine[0]["hersys_id"].get<std::string>();
  EXPECT_EQ(hersys_id.size(), 9u);

  // REP-4: the area's health center is told, with the HER-SYS ID and nothing personal.
  const auto mails = mail_to("hc-tama");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].message.body.find(hersys_id), std::string::npos);
  EXPECT_EQ(mails[0].message.body.find("山田"), std::string::npos);
  EXPECT_EQ(mails[0].message.subject.find("山田"), std::string::npos);

  auto hc = signed_in("hc-tama");
  const auto found = search(hc, {{"name", "ダタロ"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["hersys_id"], hersys_id);
  EXPECT_EQ(search(hc, {{"name", "田太"}}).size(), 1u);
  EXPECT_EQ(search(hc, {{"hersys_id", hersys_id}}).size(), 1u);
  EXPECT_EQ(search(hc, {{"phone", "09012345678"}, {"birth_date", "1956-05-10"}}).size(), 1u);
  EXPECT_TRUE(search(hc, {{"name", "スズキ"}}).empty());

  auto report = body_of(hc.get("/api/v1/reports/" + report_id));
  EXPECT_EQ(report["state"], "submitted");
  EXPECT_EQ(report["scope"]["in_scope"], true);
  EXPECT_EQ(report["scope"]["reasons"][0]["ja"], "65歳以上（診断日に70歳）");
  EXPECT_EQ(report["patient"]["identity"]["kana"], "ヤマダ タロウ");
  EXPECT_EQ(report["may"]["confirm"], true);
  EXPECT_EQ(report["submissions"].size(), 1u);

  // The clinic may not confirm; the health center does (REP-5).
  EXPECT_EQ(clinic.post("/api/v1/reports/" + report_id + "/confirm").result_int(), 403);
  r = hc.post("/api/v1/reports/" + report_id + "/confirm");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(hc.post("/api/v1/reports/" + report_id + "/confirm").result_int(), 409);
  EXPECT_EQ(body_of(hc.get("/api/v1/reports/" + report_id))["state"], "confirmed");

  // Sharing with the city health center of Shinjuku also tells the Tokyo prefecture.
  r = hc.put("/api/v1/patients/" + patient_id + "/health-centers",
             {{"responsible_health_center_id", std::stoll(id_of("hc-tama"))},
              {"related_health_center_ids", {std::stoll(id_of("hc-shinjuku"))}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  ASSERT_EQ(mail_to("hc-shinjuku").size(), 1u);
  ASSERT_EQ(mail_to("tokyo").size(), 1u);
  EXPECT_NE(mail_to("tokyo")[0].message.body.find(hersys_id), std::string::npos);
  EXPECT_EQ(clinic
                .put("/api/v1/patients/" + patient_id + "/health-centers",
                     {{"related_health_center_ids", json::array()}})
                .result_int(),
            403);  // ACL-5

  auto shinjuku = signed_in("hc-shinjuku");
  EXPECT_EQ(search(shinjuku, {{"name", "ヤマダ"}}).size(), 1u);
  auto tokyo = signed_in("tokyo");
  EXPECT_EQ(search(tokyo, {{"name", "ヤマダ"}}).size(), 1u);

  // The other clinic: not in its search, refused the record, and the refusal is logged.
  auto other = signed_in("clinic2");
  EXPECT_TRUE(search(other, {{"name", "ヤマダ"}}).empty());
  EXPECT_TRUE(search(other, {{"hersys_id", hersys_id}}).empty());
  EXPECT_EQ(other.get("/api/v1/patients/" + patient_id).result_int(), 404);  // issue 19 item 8
  EXPECT_EQ(other.get("/api/v1/reports/" + report_id).result_int(), 404);
  // ACL-6: nor does the ministry see individuals.
  auto ministry = signed_in("ministry");
  EXPECT_TRUE(search(ministry, {{"name", "ヤマダ"}}).empty());
  EXPECT_EQ(ministry.get("/api/v1/patients/" + patient_id).result_int(), 404);

  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("clinic2").organisation.id, 0, 50);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const audit::Record& rec) {
    return rec.event.outcome == audit::Outcome::denied && rec.event.resource_id == patient_id;
  }));
  const auto hc_log = audit::list(session, demo_.at("hc-tama").organisation.id, 0, 100);
  EXPECT_TRUE(std::any_of(hc_log.begin(), hc_log.end(), [&](const audit::Record& rec) {
    return rec.event.type == "report.confirm" && rec.event.patient_id == patient_id;
  }));
}

TEST_P(CasesApi, SuspectedCaseReclassedDeathRecordedAndEveryVersionKept) {
  auto clinic = signed_in("clinic");
  auto body = complete_report();
  body["diagnosis_class"] = "suspected";
  const auto [report_id, patient_id] = file(clinic, body);

  // REP-6: re-class to confirmed with the new diagnosis date; a second submission date.
  auto r = clinic.post("/api/v1/reports/" + report_id + "/reclass",
                       {{"diagnosis_class", "suspected"}, {"diagnosis_date", "2026-11-21"}});
  EXPECT_EQ(error_fields(r), std::set<std::string>{"diagnosis_class"});
  clock_.advance(std::chrono::minutes(10));
  r = clinic.post("/api/v1/reports/" + report_id + "/reclass",
                  {{"diagnosis_class", "confirmed"}, {"diagnosis_date", "2026-11-21"}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto report = body_of(clinic.get("/api/v1/reports/" + report_id));
  EXPECT_EQ(report["diagnosis_class"], "confirmed");
  EXPECT_EQ(report["diagnosis_date"], "2026-11-21");
  ASSERT_EQ(report["submissions"].size(), 2u);
  EXPECT_EQ(report["submissions"][0]["diagnosis_class"], "suspected");
  EXPECT_EQ(report["submissions"][1]["diagnosis_class"], "confirmed");
  EXPECT_EQ(mail_to("hc-tama").size(), 2u);
  EXPECT_EQ(clinic
                .post("/api/v1/reports/" + report_id + "/reclass",
                      {{"diagnosis_class", "confirmed"}, {"diagnosis_date", "2026-11-21"}})
                .result_int(),
            409);

  // Tests added later (CASE-2) show on the 検査 tab.
  json tests = report["fields"]["tests"];
  tests.push_back({{"method", "antigen_quantitative"},
                   {"specimen", "saliva"},
                   {"collected_on", "2026-11-21"},
                   {"result", "pending"}});
  ASSERT_EQ(clinic.put("/api/v1/reports/" + report_id + "/tests", {{"tests", tests}}).result_int(),
            200);

  // CASE-5: a death needs its date and place.
  auto hc = signed_in("hc-tama");
  r = hc.post("/api/v1/patients/" + patient_id + "/record",
              {{"kind", "status"}, {"status", "dead"}});
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"death_date", "death_place_kind"}));
  r = hc.post("/api/v1/patients/" + patient_id + "/record",
              {{"kind", "status"},
               {"status", "dead"},
               {"death_date", "2026-11-21"},
               {"death_place_kind", "medical_institution"},
               {"death_place", "多摩中央総合病院"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  // Someone who saw an older version is told, not overwritten.
  r = hc.put("/api/v1/patients/" + patient_id + "/medical", {{"icu", true}, {"version", 1}});
  EXPECT_EQ(r.result_int(), 409);

  const auto view = body_of(hc.get("/api/v1/patients/" + patient_id));
  EXPECT_EQ(view["record"]["status"], "dead");
  EXPECT_EQ(view["record"]["death_place"], "多摩中央総合病院");
  EXPECT_EQ(view["tests"].size(), 2u);
  EXPECT_EQ(view["identity"]["name"], "山田 太郎");
  EXPECT_EQ(search(hc, {{"status", "dead"}}).size(), 1u);
  EXPECT_TRUE(search(hc, {{"status", "none"}}).empty());

  const auto history = body_of(hc.get("/api/v1/patients/" + patient_id + "/history"));
  std::vector<std::string> changes;
  for (const auto& v : history["versions"]) changes.push_back(v["change"]);
  EXPECT_EQ(changes, (std::vector<std::string>{"patient.record", "report.tests", "report.reclass",
                                               "report.submit", "patient.create"}));
  // The version before the re-class still holds the suspected class.
  EXPECT_EQ(history["versions"][3]["data"]["diagnosis_class"], "suspected");

  // CASE-8: the processing number is issued once.
  const auto number = body_of(hc.post("/api/v1/patients/" + patient_id + "/tracing-number"));
  EXPECT_EQ(body_of(hc.post("/api/v1/patients/" + patient_id + "/tracing-number")), number);
}

TEST_P(CasesApi, LookAlikesAreOfferedAndALaterReportMakesTheEarlierReadOnly) {
  auto clinic = signed_in("clinic");
  const auto [first_report, patient_id] = file(clinic, complete_report());

  // CASE-7: the same kana and birth date (typed in hiragana) is offered, nothing is written.
  auto again = complete_report();
  again["patient"]["kana"] = "やまだ たろう";
  again["patient"]["phone"] = "080-2345-1111";
  auto r = clinic.post("/api/v1/reports", again);
  ASSERT_EQ(r.result_int(), 409) << r.body();
  // An RFC 9457 problem like every other refusal, with the candidates as an extension member.
  EXPECT_TRUE(
      std::string(r[test::bhttp::field::content_type]).starts_with("application/problem+json"));
  EXPECT_EQ(body_of(r)["code"], "look_alikes");
  EXPECT_EQ(body_of(r)["title"],
            "同じ方と思われる患者が登録されています。既存の患者に紐づけるか、別人として登録して"
            "ください。");
  EXPECT_EQ(body_of(r)["look_alikes"][0]["id"].get<std::int64_t>(), std::stoll(patient_id));
  // The same phone alone is enough too.
  auto same_phone = complete_report();
  same_phone["patient"]["kana"] = "ヤマダ ハナコ";
  same_phone["patient"]["sex"] = "female";
  same_phone["pregnant"] = false;
  EXPECT_EQ(clinic.post("/api/v1/reports", same_phone).result_int(), 409);
  // Confirmed as someone else: a new patient with its own HER-SYS ID.
  same_phone["confirm_new_patient"] = true;
  const auto [other_report, other_patient] = file(clinic, same_phone);
  EXPECT_NE(other_patient, patient_id);

  // 追加登録 (REP-6): a new report for the same patient; the earlier one becomes read-only.
  auto follow = complete_report();
  follow.erase("patient");
  follow["supersedes"] = std::stoll(first_report);
  const auto [second_report, same_patient] = file(clinic, follow);
  EXPECT_EQ(same_patient, patient_id);
  const auto earlier = body_of(clinic.get("/api/v1/reports/" + first_report));
  EXPECT_EQ(earlier["read_only"], true);
  EXPECT_EQ(earlier["may"]["edit"], false);
  auto edit = complete_report();
  edit.erase("submit");
  EXPECT_EQ(clinic.put("/api/v1/reports/" + first_report, edit).result_int(), 409);

  // REP-8: deleting needs an explicit confirmation, then the report is gone for good.
  r = clinic.post("/api/v1/reports/" + second_report + "/delete", json::object());
  EXPECT_EQ(error_fields(r), std::set<std::string>{"confirm"});
  ASSERT_EQ(
      clinic.post("/api/v1/reports/" + second_report + "/delete", {{"confirm", true}}).result_int(),
      200);
  EXPECT_EQ(clinic.get("/api/v1/reports/" + second_report).result_int(), 404);
  EXPECT_EQ(body_of(clinic.get("/api/v1/patients/" + patient_id))["reports"].size(), 1u);

  // A draft (REP-9) with only the name, then submitted once complete.
  r = clinic.post("/api/v1/reports", {{"patient", {{"name", "佐藤 一"}}},
                                      {"risk_factors", {"diabetes"}},
                                      {"confirm_new_patient", true}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto draft = std::to_string(body_of(r)["report_id"].get<std::int64_t>());
  EXPECT_EQ(clinic.post("/api/v1/reports/" + draft + "/submit").result_int(), 422);
  auto complete = complete_report(patient_70());
  complete["patient"]["name"] = "佐藤 一";
  complete["patient"]["kana"] = "サトウ ハジメ";
  complete["patient"]["phone"] = "070-2222-3333";
  complete.erase("submit");
  r = clinic.put("/api/v1/reports/" + draft, complete);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  ASSERT_EQ(clinic.post("/api/v1/reports/" + draft + "/submit").result_int(), 200);
  EXPECT_EQ(clinic.post("/api/v1/reports/" + draft + "/submit").result_int(), 409);
}

// ACL-6: break-glass. An operator grants a support account read access to one institution's
// records for a time; its reads say so in the access log, it may not change anything, and
// once the grant is revoked the records are closed again.
TEST_P(CasesApi, ABreakGlassGrantOpensOneInstitutionsCasesForReadingOnlyAndIsLogged) {
  auto clinic = signed_in("clinic");
  const auto [report_id, patient_id] = file(clinic, complete_report());
  auto support = signed_in("ministry");
  EXPECT_EQ(support.get("/api/v1/patients/" + patient_id).result_int(), 404);

  identity::Administration operators(*db_, clock_);
  const auto grant = operators.grant_support(demo_.at("ministry").account.login_id,
                                             demo_.at("clinic").organisation.code,
                                             std::chrono::hours(2), "問い合わせ対応 #123", "ops");
  auto r = support.get("/api/v1/patients/" + patient_id);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(support.get("/api/v1/reports/" + report_id).result_int(), 200);
  EXPECT_EQ(search(support, {{"name", "ヤマダ"}}).size(), 1u);
  // Reading only: neither the patient nor the report can be changed through the grant.
  EXPECT_EQ(support
                .post("/api/v1/patients/" + patient_id + "/record",
                      {{"kind", "note"}, {"note", "電話で確認"}})
                .result_int(),
            403);
  EXPECT_EQ(support.post("/api/v1/reports/" + report_id + "/confirm").result_int(), 403);
  // Another institution's cases stay closed.
  auto clinic2 = signed_in("clinic2");
  json other = complete_report();
  other["patient"]["name"] = "鈴木 花子";
  other["patient"]["kana"] = "スズキ ハナコ";
  other["patient"]["sex"] = "female";
  other["patient"]["phone"] = "090-8765-4321";
  other["pregnant"] = false;
  const auto [other_report, other_patient] = file(clinic2, other);
  EXPECT_EQ(support.get("/api/v1/patients/" + other_patient).result_int(), 404);

  {
    auto session = db_->read();
    const auto log = audit::list(session, demo_.at("ministry").organisation.id, 0, 50);
    EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.type == "case.read" && rec.event.patient_id == patient_id &&
             rec.event.detail.find("support grant") != std::string::npos;
    }));
  }

  ASSERT_TRUE(operators.revoke_support(grant.id, "ops"));
  EXPECT_EQ(support.get("/api/v1/patients/" + patient_id).result_int(), 404);
  EXPECT_TRUE(search(support, {{"name", "ヤマダ"}}).empty());
}

// What an input method types is read as meant: full-width digits and letters, the era (和暦),
// half-width katakana; the same patient is then found by any of these spellings.
TEST_P(CasesApi, FullWidthInputEraDatesAndHalfWidthKanaAreReadAsMeant) {
  auto clinic = signed_in("clinic");
  auto patient = patient_70();
  patient["kana"] = "ﾔﾏﾀﾞ ﾀﾛｳ";
  patient["birth_date"] = "昭和３１年５月１０日";
  patient["phone"] = "０９０－１２３４－５６７８";
  patient["postal_code"] = "１８３ー００２２";
  patient["email"] = "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ";
  patient["current_postal_code"] = "１８３００５５";  // issue 14 item 18: kept with its hyphen
  patient["nationality"] = "ｊｐ";                    // issue 14 item 8: upper case
  auto report = complete_report(patient);
  report["onset_date"] = "R8.11.18";
  report["diagnosis_date"] = "2026/11/20";
  const auto [report_id, patient_id] = file(clinic, report);

  const auto stored = body_of(clinic.get("/api/v1/patients/" + patient_id))["identity"];
  EXPECT_EQ(stored["kana"], "ヤマダ タロウ");
  EXPECT_EQ(stored["birth_date"], "1956-05-10");
  EXPECT_EQ(stored["phone"], "090-1234-5678");
  EXPECT_EQ(stored["postal_code"], "183-0022");
  EXPECT_EQ(stored["email"], "taro@example.jp");
  EXPECT_EQ(stored["current_postal_code"], "183-0055");
  EXPECT_EQ(stored["nationality"], "JP");
  EXPECT_EQ(body_of(clinic.get("/api/v1/reports/" + report_id))["fields"]["onset_date"],
            "2026-11-18");

  for (const json& filter :
       {json{{"name", "ﾀﾞﾀﾛ"}}, json{{"name", "だ　たろう"}}, json{{"birth_date", "S31.5.10"}},
        json{{"phone", "０９０１２３４５６７８"}}}) {
    const auto r = clinic.post("/api/v1/patients/search", filter);
    ASSERT_EQ(r.result_int(), 200) << r.body();
    ASSERT_EQ(body_of(r)["patients"].size(), 1u) << filter.dump();
    EXPECT_EQ(std::to_string(body_of(r)["patients"][0]["id"].get<std::int64_t>()), patient_id);
  }
  // A date outside its era is not guessed at: the field is named.
  patient["birth_date"] = "平成31年5月1日";
  const auto r = clinic.post("/api/v1/reports", complete_report(patient));
  EXPECT_EQ(r.result_int(), 422);
  EXPECT_TRUE(error_fields(r).count("patient.birth_date")) << r.body();
}

TEST_P(CasesApi, BadInputIsNamedAndNeverA500) {
  auto clinic = signed_in("clinic");
  const auto [report_id, patient_id] = file(clinic, complete_report());
  auto expect_fields = [&](const test::HttpResponse& r, std::set<std::string> fields) {
    EXPECT_EQ(r.result_int(), 422) << r.body();
    EXPECT_EQ(error_fields(r), fields) << r.body();
  };
  expect_fields(clinic.post("/api/v1/reports", json::array()), {"body"});
  expect_fields(clinic.post("/api/v1/reports", {{"patient", "山田"},
                                                {"tests", "PCR"},
                                                {"symptoms", {1}},
                                                {"vaccination_count", "3"},
                                                {"needs_hospitalisation", "no"},
                                                {"diagnosis_class", "sick"}}),
                {"patient", "tests", "symptoms.0", "vaccination_count", "needs_hospitalisation",
                 "diagnosis_class"});
  expect_fields(clinic.post("/api/v1/patients/search", {{"hersys_id", "123456780"},
                                                        {"birth_date", "1956-13-01"},
                                                        {"phone", "12"},
                                                        {"status", "asleep"},
                                                        {"limit", 0}}),
                {"hersys_id", "birth_date", "phone", "status", "limit"});
  expect_fields(
      clinic.put("/api/v1/patients/" + patient_id + "/identity",
                 {{"name", ""}, {"kana", "Yamada"}, {"sex", "male"}, {"birth_date", "1956-05-10"}}),
      {"name", "kana"});
  expect_fields(clinic.put("/api/v1/patients/" + patient_id + "/residences",
                           {{"residences", {{{"kind", "tent"}, {"from", "2026-11-01"}}}}}),
                {"residences.0.kind"});
  expect_fields(clinic.put("/api/v1/reports/" + report_id + "/tests", {{"tests", json::array()}}),
                {"tests"});
  EXPECT_EQ(clinic.get("/api/v1/patients/abc").result_int(), 404);
  EXPECT_EQ(clinic.get("/api/v1/patients/999999").result_int(), 404);
  EXPECT_EQ(clinic.get("/api/v1/reports/999999").result_int(), 404);
  // The live check answers every error and the scope without writing.
  auto young = complete_report();
  young["patient"]["birth_date"] = "1996-05-10";
  young["risk_factors"] = {"none"};
  const auto check = body_of(clinic.post("/api/v1/reports/check", young));
  EXPECT_EQ(check["scope"]["in_scope"], false);
  EXPECT_EQ(check["errors"][0]["field"], "scope");
  EXPECT_EQ(search(clinic, json::object()).size(), 1u);
  // issue 14 item 2 (REP-3): out of scope is its own refusal, not an empty field that the
  // bulk "continue" acknowledges; filing needs the explicit "scope" acknowledgement.
  EXPECT_EQ(check["errors"][0]["code"], "out_of_scope");
  auto skipped = young;
  skipped["acknowledged"] = json::array();
  for (const auto& e : check["errors"]) {
    if (e["code"] == "not_entered") skipped["acknowledged"].push_back(e["field"]);
  }
  skipped["submit"] = true;
  skipped["confirm_new_patient"] = true;
  const auto refused = clinic.post("/api/v1/reports", skipped);
  EXPECT_EQ(refused.result_int(), 422);
  EXPECT_EQ(body_of(refused)["errors"][0]["field"], "scope");
  skipped["acknowledged"].push_back("scope");
  EXPECT_EQ(clinic.post("/api/v1/reports", skipped).result_int(), 201);
  // Personal data stays out of URLs: searching by query string is not a route.
  EXPECT_EQ(clinic.get("/api/v1/patients/search?phone=09012345678").result_int(), 404);
}

// --- issue 19 ---

// The status and body of a refusal without its request id, to compare two answers.
std::pair<unsigned, json> answer(const test::HttpResponse& r) {
  auto body = r.body().empty() ? json() : body_of(r);
  if (body.is_object()) body.erase("request_id");
  return {r.result_int(), body};
}

// issue 19 item 8 (ACL-1..3, ACL-7): another organisation's report or patient and one that
// does not exist answer alike on every route, before anything else is judged, and both
// refusals are in the access log; superseding another organisation's report too.
TEST_P(CasesApi, OutOfScopeAndMissingIdsAnswerAlikeOnEveryRouteAndAreLogged) {
  auto clinic = signed_in("clinic");
  const auto [report_id, patient_id] = file(clinic, complete_report());
  const std::string missing = "987654321";
  auto other = signed_in("clinic2");
  struct Probe {
    const char* verb;
    std::string path;  // after the id
    bool report;
    json body;
  };
  const std::vector<Probe> probes = {
      {"GET", "", true, nullptr},
      {"PUT", "", true, complete_report()},
      {"PUT", "", true, json::object()},
      {"POST", "/submit", true, nullptr},
      {"POST", "/confirm", true, nullptr},
      {"POST", "/reclass", true, json::object()},
      {"PUT", "/tests", true, {{"tests", json::array()}}},
      {"POST", "/delete", true, json::object()},
      {"GET", "", false, nullptr},
      {"PUT", "/identity", false, patient_70()},
      {"POST", "/record", false, {{"kind", "status"}, {"status", "bogus"}}},
      {"GET", "/record", false, nullptr},
      {"PUT", "/health-centers", false, json::object()},
      {"PUT", "/health-centers", false, {{"related_health_center_ids", {"x"}}}},
      {"POST", "/tracing-number", false, nullptr},
      {"GET", "/history", false, nullptr},
  };
  for (const auto& p : probes) {
    const std::string base = p.report ? "/api/v1/reports/" : "/api/v1/patients/";
    const auto send = [&](const std::string& id) {
      const auto target = base + id + p.path;
      if (std::string(p.verb) == "GET") return other.get(target);
      if (std::string(p.verb) == "PUT") return other.put(target, p.body);
      return p.body.is_null() ? other.post(target) : other.post(target, p.body);
    };
    const auto theirs = answer(send(p.report ? report_id : patient_id));
    const auto none = answer(send(missing));
    EXPECT_EQ(theirs.first, 404u) << p.verb << " " << base << p.path;
    EXPECT_EQ(theirs, none) << p.verb << " " << base << p.path;
    EXPECT_EQ(theirs.second["code"], "not_found");
  }
  // 追加登録 of another organisation's report: decided before its state is said.
  auto follow = complete_report();
  follow.erase("patient");
  follow["supersedes"] = std::stoll(report_id);
  const auto theirs = answer(other.post("/api/v1/reports", follow));
  follow["supersedes"] = std::stoll(missing);
  EXPECT_EQ(theirs, answer(other.post("/api/v1/reports", follow)));
  EXPECT_EQ(theirs.first, 404u);

  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("clinic2").organisation.id, 0, 500);
  const auto denied = [&](const std::string& type, const std::string& id) {
    return std::count_if(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.outcome == audit::Outcome::denied && rec.event.resource_type == type &&
             rec.event.resource_id == id;
    });
  };
  EXPECT_EQ(denied("OccurrenceReport", report_id), 9);  // 8 routes and the supersession
  EXPECT_EQ(denied("OccurrenceReport", missing), 9);
  EXPECT_EQ(denied("Patient", patient_id), 8);
  EXPECT_EQ(denied("Patient", missing), 8);
}

// issue 19 item 12 (ACL-5): the related ones alone keep the responsible health center, `{}`
// changes nothing, and the responsible one is not removed without naming another.
TEST_P(CasesApi, SettingTheRelatedHealthCentersKeepsTheResponsibleOne) {
  auto clinic = signed_in("clinic");
  const auto [report_id, patient_id] = file(clinic, complete_report());
  auto hc = signed_in("hc-tama");
  const auto tama = std::stoll(id_of("hc-tama"));
  const auto shinjuku = std::stoll(id_of("hc-shinjuku"));
  const auto path = "/api/v1/patients/" + patient_id + "/health-centers";
  const auto centers = [&] {
    const auto c = body_of(hc.get("/api/v1/patients/" + patient_id));
    return std::make_pair(c["responsible_health_center_id"], c["related_health_center_ids"]);
  };
  ASSERT_EQ(centers().first, tama);
  auto r = hc.put(path, {{"related_health_center_ids", {shinjuku}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(centers(), std::make_pair(json(tama), json::array({shinjuku})));
  r = hc.put(path, json::object());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(centers(), std::make_pair(json(tama), json::array({shinjuku})));
  r = hc.put(path, {{"responsible_health_center_id", nullptr}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(body_of(r)["errors"][0]["code"], "responsible_required");
  EXPECT_EQ(body_of(r)["errors"][0]["field"], "responsible_health_center_id");
  r = hc.put(path, {{"responsible_health_center_id", nullptr},
                    {"related_health_center_ids", json::array()}});
  EXPECT_EQ(r.result_int(), 422);
  EXPECT_EQ(centers(), std::make_pair(json(tama), json::array({shinjuku})));
  r = hc.put(path, {{"related_health_center_ids", json::array()}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(centers(), std::make_pair(json(tama), json::array()));
}

// issue 19 item 22: the form's defaults - the doctor's name the account last filed with, and
// its organisation as the reporting institution; nothing is filled in by the server.
TEST_P(CasesApi, TheReportDefaultsAreTheAccountsDoctorAndItsInstitution) {
  auto clinic = signed_in("clinic");
  auto r = clinic.get("/api/v1/reports/defaults");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto& d = demo_.at("clinic").organisation;
  EXPECT_EQ(body_of(r), (json{{"doctor_name", nullptr},
                              {"institution",
                               {{"id", d.id},
                                {"name", "府中駅前内科クリニック"},
                                {"address", "東京都府中市宮町1-40"},
                                {"phone", "042-364-0001"}}}}));
  file(clinic, complete_report());
  EXPECT_EQ(body_of(clinic.get("/api/v1/reports/defaults"))["doctor_name"], "府中 一郎");
  // Another account of another organisation has its own.
  EXPECT_EQ(body_of(signed_in("clinic2").get("/api/v1/reports/defaults"))["doctor_name"], nullptr);
  // A draft without the name keeps the remembered one and gets none itself.
  r = clinic.post("/api/v1/reports",
                  {{"patient", {{"name", "佐藤 一"}}}, {"confirm_new_patient", true}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto draft = std::to_string(body_of(r)["report_id"].get<std::int64_t>());
  EXPECT_EQ(body_of(clinic.get("/api/v1/reports/" + draft))["fields"]["doctor_name"], "");
  EXPECT_EQ(body_of(clinic.get("/api/v1/reports/defaults"))["doctor_name"], "府中 一郎");
}

// issue 19 item 23 (REP-9, CASE-7): a draft's patient has no HER-SYS ID until the report is
// submitted; the organisation's drafts are listed newest first, and reading them is logged.
TEST_P(CasesApi, ADraftGetsItsHersysIdWhenSubmittedAndIsListedUntilThen) {
  auto clinic = signed_in("clinic");
  auto r =
      clinic.post("/api/v1/reports", {{"patient", {{"name", "佐藤 一"}, {"kana", "サトウ ハジメ"}}},
                                      {"confirm_new_patient", true}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto first = body_of(r);
  clock_.advance(std::chrono::minutes(5));
  r = clinic.post("/api/v1/reports", {{"patient", {{"name", "鈴木 二郎"}}},
                                      {"diagnosis_class", "suspected"},
                                      {"confirm_new_patient", true}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto second = body_of(r);
  const auto report_id = std::to_string(first["report_id"].get<std::int64_t>());
  const auto patient_id = std::to_string(first["patient_id"].get<std::int64_t>());
  EXPECT_EQ(body_of(clinic.get("/api/v1/patients/" + patient_id))["hersys_id"], nullptr);
  EXPECT_EQ(body_of(clinic.get("/api/v1/reports/" + report_id))["patient"]["hersys_id"], nullptr);

  r = clinic.get("/api/v1/reports/drafts");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto drafts = body_of(r);
  EXPECT_EQ(drafts["total"], 2);
  EXPECT_EQ(drafts["page"], 1);
  EXPECT_EQ(drafts["page_size"], 20);
  ASSERT_EQ(drafts["items"].size(), 2u);
  auto newest = drafts["items"][0];
  EXPECT_EQ(newest["id"], second["report_id"]);
  EXPECT_EQ(newest["patient_id"], second["patient_id"]);
  EXPECT_EQ(newest["name"], "鈴木 二郎");
  EXPECT_EQ(newest["kana"], nullptr);
  EXPECT_EQ(newest["diagnosis_class"], "suspected");
  EXPECT_EQ(newest["filed_by"], demo_.at("clinic").account.display_name);
  EXPECT_EQ(drafts["items"][1]["kana"], "サトウ ハジメ");
  EXPECT_EQ(drafts["items"][1]["diagnosis_class"], nullptr);
  EXPECT_TRUE(body_of(clinic.get("/api/v1/reports/drafts?page=2"))["items"].empty());
  EXPECT_EQ(clinic.get("/api/v1/reports/drafts?page=0").result_int(), 422);
  EXPECT_EQ(body_of(signed_in("clinic2").get("/api/v1/reports/drafts"))["total"], 0);
  EXPECT_EQ(body_of(signed_in("hc-tama").get("/api/v1/reports/drafts"))["total"], 0);

  auto complete = complete_report(patient_70());
  complete["patient"]["name"] = "佐藤 一";
  complete["patient"]["kana"] = "サトウ ハジメ";
  complete.erase("submit");
  ASSERT_EQ(clinic.put("/api/v1/reports/" + report_id, complete).result_int(), 200);
  ASSERT_EQ(clinic.post("/api/v1/reports/" + report_id + "/submit").result_int(), 200);
  const auto id = body_of(clinic.get("/api/v1/patients/" + patient_id))["hersys_id"];
  ASSERT_TRUE(id.is_string());
  EXPECT_TRUE(validate_hersys_id(id.get<std::string>(), "id", false).empty());
  // The health center is told the ID it now has.
  const auto mails = mail_to("hc-tama");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].message.body.find(id.get<std::string>()), std::string::npos);
  EXPECT_EQ(body_of(clinic.get("/api/v1/reports/drafts"))["total"], 1);

  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("clinic").organisation.id, 0, 100);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const audit::Record& rec) {
    return rec.event.type == "report.drafts" && rec.event.action == audit::Action::read &&
           rec.event.resource_id.find(patient_id) != std::string::npos;
  }));
}

// issue 19 item 19 (CASE-6): 報告日の新しい順 is by report date, not by registration; the
// answer counts every match in scope.
TEST_P(CasesApi, TheSearchSortsByReportDateAndCountsTheMatches) {
  using namespace std::chrono_literals;
  auto clinic = signed_in("clinic");
  // Registered first as a draft, reported last.
  auto r =
      clinic.post("/api/v1/reports", {{"patient", patient_70()}, {"confirm_new_patient", true}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto late = body_of(r);
  clock_.advance(24h);
  clinic = signed_in("clinic");
  auto other = complete_report();
  other["patient"]["name"] = "山田 一";
  other["patient"]["kana"] = "ヤマダ ハジメ";
  other["patient"]["phone"] = "070-2222-3333";
  other["patient"]["birth_date"] = "1950-01-01";
  const auto [middle_report, middle] = file(clinic, other);
  clock_.advance(24h);
  clinic = signed_in("clinic");
  auto complete = complete_report();
  complete.erase("submit");
  const auto late_report = std::to_string(late["report_id"].get<std::int64_t>());
  ASSERT_EQ(clinic.put("/api/v1/reports/" + late_report, complete).result_int(), 200);
  ASSERT_EQ(clinic.post("/api/v1/reports/" + late_report + "/submit").result_int(), 200);

  r = clinic.post("/api/v1/patients/search", {{"order", "newest"}, {"limit", 1}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto page = body_of(r);
  EXPECT_EQ(page["total"], 2);
  EXPECT_EQ(page["has_more"], true);
  EXPECT_EQ(page["offset"], 0);
  EXPECT_EQ(page["limit"], 1);
  ASSERT_EQ(page["patients"].size(), 1u);
  EXPECT_EQ(page["patients"][0]["id"], late["patient_id"]);
  const auto ids = [&](const json& filter) {
    std::vector<std::string> out;
    for (const auto& p : search(clinic, filter))
      out.push_back(std::to_string(p["id"].get<std::int64_t>()));
    return out;
  };
  const auto late_id = std::to_string(late["patient_id"].get<std::int64_t>());
  EXPECT_EQ(ids(json::object()), (std::vector<std::string>{late_id, middle}));
  EXPECT_EQ(ids({{"order", "oldest"}}), (std::vector<std::string>{middle, late_id}));
  EXPECT_EQ(ids({{"name", "ヤマダ"}}), (std::vector<std::string>{late_id, middle}));
  EXPECT_EQ(ids({{"name", "ヤマダ"}, {"order", "oldest"}}),
            (std::vector<std::string>{middle, late_id}));
  EXPECT_EQ(body_of(clinic.post("/api/v1/patients/search", {{"name", "ハジメ"}}))["total"], 1);
  EXPECT_EQ(body_of(signed_in("clinic2").post("/api/v1/patients/search", json::object()))["total"],
            0);
}

// issue 19 item 21 (NTF-2): nothing sends the health-observation SMS, so the switch is neither
// stored nor shown nor judged: a landline is fine, and an old client's field is ignored.
TEST_P(CasesApi, TheSmsSwitchIsNeitherStoredNorJudged) {
  auto clinic = signed_in("clinic");
  auto body = complete_report();
  body["patient"]["phone"] = "042-123-4567";
  body["patient"]["notify_sms"] = true;
  const auto [report_id, patient_id] = file(clinic, body);
  const auto identity = body_of(clinic.get("/api/v1/patients/" + patient_id))["identity"];
  EXPECT_FALSE(identity.contains("notify_sms"));
  EXPECT_EQ(identity["notify_email"], false);
  auto session = db_->read();
  const auto data =
      session.query_one("SELECT data FROM patients WHERE id = ?", {std::stoll(patient_id)})
          ->text(0);
  EXPECT_EQ(data.find("notify_sms"), std::string::npos);
}

}  // namespace
}  // namespace hersys::cases
