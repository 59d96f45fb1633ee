// 報告機関 means one thing (issue 14 item 5 of the organisations helper; SPEC CASE-6, REP-8),
// over real HTTP on both databases: the institution that filed the patient's first submitted
// occurrence report. The search's filter and column and the case header agree, also when the
// patient was entered by one organisation (a clinic's draft) and the report was filed by
// another (the health center, on its behalf).
#include <gtest/gtest.h>

#include "demo_server.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

json report_of(const std::string& name, const std::string& kana, const std::string& phone) {
  return test::complete_report({{"name", name},
                                {"kana", kana},
                                {"sex", "male"},
                                {"birth_date", "1950-03-03"},
                                {"phone", phone},
                                {"email", "x@example.jp"},
                                {"postal_code", "183-0022"},
                                {"address", "東京都府中市宮西町1-1"},
                                {"nationality", "JP"}});
}

class ReportingInstitutionApi : public test::DemoServer {
 protected:
  // The search's lines for `filter`: name -> reporter id and name.
  std::map<std::string, std::pair<std::int64_t, std::string>> found(test::Browser& b,
                                                                    const json& filter) {
    const auto r = b.post("/api/v1/patients/search", filter);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::map<std::string, std::pair<std::int64_t, std::string>> out;
    const auto body = body_of(r);
    for (const auto& p : body["patients"]) {
      out[p["name"]] = {p["reporter_id"].get<std::int64_t>(), p["reporter_name"]};
    }
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ReportingInstitutionApi, test::kBothDatabases,
                         test::database_test_name);

// issue 14 item 5, CASE-6: the clinic saves a draft (entering the patient), the health center
// files the report on its behalf: the health center is the reporting institution in the
// header, the search's column and its filter; a report the clinic files itself stays the
// clinic's everywhere.
TEST_P(ReportingInstitutionApi, TheFilerOfTheFirstSubmittedReportIsTheReportingInstitution) {
  const auto clinic_id = demo_.at("clinic").organisation.id;
  const auto hc_id = demo_.at("hc-tama").organisation.id;
  auto clinic = signed_in("clinic");
  auto draft = report_of("代理 太郎", "ダイリ タロウ", "090-3333-4441");
  draft["submit"] = false;
  auto r = clinic.post("/api/v1/reports", draft);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto patient = body_of(r)["patient_id"].get<std::int64_t>();
  r = clinic.post("/api/v1/reports", report_of("直接 次郎", "チョクセツ ジロウ", "090-3333-4442"));
  ASSERT_EQ(r.result_int(), 201) << r.body();

  auto hc = signed_in("hc-tama");
  auto on_behalf = report_of("代理 太郎", "ダイリ タロウ", "090-3333-4441");
  on_behalf["patient_id"] = patient;
  r = hc.post("/api/v1/reports", on_behalf);
  ASSERT_EQ(r.result_int(), 201) << r.body();

  const auto kase = body_of(hc.get("/api/v1/patients/" + std::to_string(patient)));
  EXPECT_EQ(kase["reporting_institution"]["id"], hc_id);
  EXPECT_EQ(kase["reporting_institution"]["name"], "東京都多摩府中保健所");

  const auto all = found(hc, json::object());
  ASSERT_EQ(all.count("代理 太郎"), 1u);
  EXPECT_EQ(all.at("代理 太郎").first, hc_id);
  EXPECT_EQ(all.at("代理 太郎").second, "東京都多摩府中保健所");
  EXPECT_EQ(all.at("直接 次郎").first, clinic_id);
  const auto by_hc = found(hc, {{"reporter_id", hc_id}});
  EXPECT_EQ(by_hc.size(), 1u);
  EXPECT_EQ(by_hc.count("代理 太郎"), 1u);
  const auto by_clinic = found(hc, {{"reporter_id", clinic_id}});
  EXPECT_EQ(by_clinic.size(), 1u);
  EXPECT_EQ(by_clinic.count("直接 次郎"), 1u);
}

}  // namespace
}  // namespace hersys::cases
