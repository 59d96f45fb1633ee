// A case's change history as its readers meet it (issue 19 item 24, SPEC ACL-7, REP-6), over
// real HTTP on both databases: per version who (account and organisation names), when, and
// what changed as before -> after per field, newest first, in pages with a total.
#include <gtest/gtest.h>

#include "demo_server.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

json a_report() {
  auto r = test::complete_report({{"name", "山田 太郎"},
                                  {"kana", "ヤマダ タロウ"},
                                  {"sex", "male"},
                                  {"birth_date", "1956-05-10"},
                                  {"phone", "090-1234-5678"},
                                  {"email", "taro@example.jp"},
                                  {"postal_code", "183-0022"},
                                  {"address", "東京都府中市宮西町1-1"},
                                  {"nationality", "JP"}});
  r["needs_drugs_or_oxygen"] = true;
  r["vaccination_count"] = 4;
  r.erase("pregnant");
  r.erase("confirm_new_patient");
  return r;
}

class CaseHistoryApi : public test::DemoServer {};

INSTANTIATE_TEST_SUITE_P(Backends, CaseHistoryApi, test::kBothDatabases, test::database_test_name);

const json* change_of(const json& version, const std::string& field) {
  for (const auto& c : version["changes"]) {
    if (c["field"] == field) return &c;
  }
  return nullptr;
}

// issue 19 item 24: who, when and what changed, per field, in pages.
TEST_P(CaseHistoryApi, EachVersionNamesWhoAndWhatChangedBeforeAndAfter) {
  auto clinic = signed_in("clinic");
  auto r = clinic.post("/api/v1/reports", a_report());
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto patient = std::to_string(body_of(r)["patient_id"].get<std::int64_t>());
  const auto history = "/api/v1/patients/" + patient + "/history";

  auto hc = signed_in("hc-tama");
  r = hc.post("/api/v1/patients/" + patient + "/record", {{"kind", "status"},
                                                          {"status", "dead"},
                                                          {"death_date", "2026-11-21"},
                                                          {"death_place_kind", "home"},
                                                          {"death_place", "自宅"}});
  ASSERT_EQ(r.result_int(), 201) << r.body();

  r = hc.get(history + "?limit=2");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto first = body_of(r);
  EXPECT_EQ(first["total"], 3);  // patient.create, report.submit, patient.record
  EXPECT_EQ(first["offset"], 0);
  EXPECT_EQ(first["limit"], 2);
  ASSERT_EQ(first["versions"].size(), 2u);
  const auto& newest = first["versions"][0];
  EXPECT_EQ(newest["change"], "patient.record");
  EXPECT_EQ(newest["account_name"], "感染症対策係");
  EXPECT_EQ(newest["organisation_name"], "東京都多摩府中保健所");
  EXPECT_EQ(newest["organisation_id"], demo_.at("hc-tama").organisation.id);
  // Only what changed, as before -> after.
  const auto* status = change_of(newest, "record.status");
  ASSERT_NE(status, nullptr) << newest["changes"].dump();
  EXPECT_NE((*status)["before"], (*status)["after"]);
  EXPECT_EQ((*status)["after"], "dead");
  const auto* place = change_of(newest, "record.death_place");
  ASSERT_NE(place, nullptr);
  EXPECT_EQ((*place)["before"], "");
  EXPECT_EQ((*place)["after"], "自宅");
  EXPECT_EQ(change_of(newest, "identity.name"), nullptr);
  EXPECT_LE(newest["changes"].size(), 5u) << newest["changes"].dump();

  const auto second = body_of(hc.get(history + "?limit=2&offset=2"));
  ASSERT_EQ(second["versions"].size(), 1u);
  const auto& created = second["versions"][0];
  EXPECT_EQ(created["change"], "patient.create");
  EXPECT_EQ(created["account_name"], "受付1");
  EXPECT_EQ(created["organisation_name"], "府中駅前内科クリニック");
  // A first version lists what it was created with.
  const auto* name = change_of(created, "identity.name");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE((*name)["before"].is_null());
  EXPECT_EQ((*name)["after"], "山田 太郎");

  // The report's first version, between them.
  const auto report = body_of(hc.get(history + "?offset=1&limit=1"))["versions"][0];
  EXPECT_EQ(report["change"], "report.submit");
  ASSERT_NE(change_of(report, "diagnosis_class"), nullptr);
  EXPECT_EQ((*change_of(report, "diagnosis_class"))["after"], "confirmed");

  EXPECT_EQ(hc.get(history + "?limit=0").result_int(), 422);
  EXPECT_EQ(hc.get(history + "?offset=-1").result_int(), 422);
  EXPECT_EQ(signed_in("clinic2").get(history).result_int(),
            404);  // not yours = not there (issue 19 item 8)
}

}  // namespace
}  // namespace hersys::cases
