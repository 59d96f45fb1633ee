// The access log as its readers meet it (issue 19 item 24, SPEC ACL-7, SEC-2), over real HTTP
// with the demo organisations on both databases: filters, paging with a total, account and
// organisation names beside their ids, the CSV export (UTF-8 with a BOM, the same filters)
// logged as an export, a caller without read_access_log refused, and the chain intact.
#include <gtest/gtest.h>

#include "audit/model.h"
#include "audit/store.h"
#include "demo_server.h"

namespace hersys::identity {
namespace {
using nlohmann::json;
using test::body_of;

class AccessLogApi : public test::DemoServer {
 protected:
  // A few records of the clinic: its sign-in, its accounts listed, a refusal.
  test::Browser clinic_with_records() {
    auto clinic = signed_in("clinic");
    EXPECT_EQ(clinic.get("/api/v1/organisations/" + id_of("clinic") + "/accounts").result_int(),
              200);
    EXPECT_EQ(clinic.get("/api/v1/organisations/" + id_of("clinic2") + "/accounts").result_int(),
              404);  // not yours = not there (issue 19 item 8)
    return clinic;
  }

  json page(test::Browser& b, const std::string& query) {
    const auto r = b.get("/api/v1/audit-events" + query);
    EXPECT_EQ(r.result_int(), 200) << query << " " << r.body();
    return body_of(r);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, AccessLogApi, test::kBothDatabases, test::database_test_name);

// issue 19 item 24, ACL-7: names beside ids, paging with a total.
TEST_P(AccessLogApi, RecordsNameTheAccountAndOrganisationAndPageWithATotal) {
  auto clinic = clinic_with_records();
  const auto& me = demo_.at("clinic");
  const auto first = page(clinic, "?limit=2");
  EXPECT_EQ(first["limit"], 2);
  EXPECT_EQ(first["offset"], 0);
  ASSERT_EQ(first["events"].size(), 2u);
  const auto total = first["total"].get<int>();
  EXPECT_GE(total, 4);  // sign-in, second factor, accounts listed, the refusal
  const auto& newest = first["events"][0];
  EXPECT_EQ(newest["account_id"], me.account.id);
  EXPECT_EQ(newest["account_name"], "受付1");
  EXPECT_EQ(newest["organisation_id"], me.organisation.id);
  EXPECT_EQ(newest["organisation_name"], "府中駅前内科クリニック");

  // Reading the log is logged too: the next pages stay put when they are anchored below the
  // first page's newest record, while the unanchored total has grown by the read.
  const auto anchor = std::to_string(newest["id"].get<int>() + 1);
  const auto second = page(clinic, "?limit=2&offset=2&before=" + anchor);
  ASSERT_FALSE(second["events"].empty());
  EXPECT_EQ(second["total"], total);
  EXPECT_LT(second["events"][0]["id"].get<int>(), first["events"][1]["id"].get<int>());
  EXPECT_EQ(page(clinic, "?limit=1")["total"].get<int>(), total + 2);

  // Every type the features recorded is a named event (the screens and the CSV name them).
  for (const auto& e : page(clinic, "?limit=500")["events"]) {
    EXPECT_TRUE(parse_name<audit::EventType>(e["type"].get<std::string>())) << e.dump();
    const std::string kind = e["resource_type"];
    EXPECT_TRUE(kind.empty() || parse_name<audit::ResourceType>(kind)) << e.dump();
  }
  EXPECT_TRUE(audit::verify(*db_).intact());
}

// issue 19 item 24: every filter narrows, and bad values are named.
TEST_P(AccessLogApi, FiltersNarrowByPeriodEventAccountKindAndOutcome) {
  auto clinic = clinic_with_records();
  const auto& me = demo_.at("clinic");

  auto denied = page(clinic, "?outcome=denied");
  ASSERT_EQ(denied["total"], 1) << denied.dump(1);
  EXPECT_EQ(denied["events"][0]["type"], "access.manage_accounts");
  EXPECT_EQ(denied["events"][0]["resource_id"], id_of("clinic2"));

  const auto listed = page(clinic, "?event=account.list");
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["events"][0]["type"], "account.list");

  const auto organisations = page(clinic, "?resource_type=Organization");
  ASSERT_EQ(organisations["total"], 2);  // the list and the refusal
  for (const auto& e : organisations["events"]) EXPECT_EQ(e["resource_type"], "Organization");

  const auto mine = page(clinic, "?account_id=" + std::to_string(me.account.id));
  EXPECT_GE(mine["total"], 4);
  for (const auto& e : mine["events"]) EXPECT_EQ(e["account_id"], me.account.id);
  EXPECT_EQ(page(clinic, "?account_id=999999")["total"], 0);

  // The clock stands at 2026-11-21 10:00 in Japan: days are Japan's.
  EXPECT_GE(page(clinic, "?from=2026-11-21&to=2026-11-21")["total"], 4);
  EXPECT_EQ(page(clinic, "?from=2026-11-22")["total"], 0);
  EXPECT_EQ(page(clinic, "?to=2026-11-20")["total"], 0);
  EXPECT_EQ(page(clinic, "?event=auth.sign-in&outcome=success&from=2026-11-21")["total"], 1);

  for (const auto* bad : {"?event=nope", "?outcome=ok", "?resource_type=patient",
                          "?from=2026-13-01", "?to=yesterday", "?offset=-1", "?limit=501"}) {
    const auto r = clinic.get(std::string("/api/v1/audit-events") + bad);
    EXPECT_EQ(r.result_int(), 422) << bad;
  }
}

// issue 19 item 24: the CSV has the filter's records with Japanese names and is itself logged.
TEST_P(AccessLogApi, TheCsvExportKeepsTheFiltersOpensInExcelAndIsLoggedAsAnExport) {
  auto clinic = clinic_with_records();
  const auto r = clinic.get("/api/v1/audit-events.csv?outcome=denied");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(r[boost::beast::http::field::content_type], "text/csv; charset=utf-8");
  EXPECT_NE(std::string(r[boost::beast::http::field::content_disposition]).find("attachment"),
            std::string::npos);
  const auto& csv = r.body();
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF")) << "a BOM for Excel";
  EXPECT_TRUE(
      csv.substr(3).starts_with("番号,日時（日本時間）,日時（UTC）,イベント,イベントコード,結果,"
                                "アカウントID,アカウント名,機関ID,機関名,対象の種類,対象ID,"
                                "患者ID,接続元,リクエストID,詳細\r\n"))
      << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2) << csv;  // the header and the refusal
  EXPECT_NE(csv.find(",2026-11-21 10:00:"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",拒否：アカウント管理,access.manage_accounts,拒否,"), std::string::npos);
  EXPECT_NE(csv.find(",受付1,"), std::string::npos);
  EXPECT_NE(csv.find(",府中駅前内科クリニック,機関,"), std::string::npos);

  const auto exports = page(clinic, "?event=audit.export");
  ASSERT_EQ(exports["total"], 1);
  const auto& e = exports["events"][0];
  EXPECT_EQ(e["action"], "E");
  EXPECT_EQ(e["resource_type"], "AuditEvent");
  EXPECT_EQ(e["account_name"], "受付1");
  EXPECT_NE(e["detail"].get<std::string>().find("outcome denied; 1 rows"), std::string::npos)
      << e.dump();

  // In English when the browser asks for it.
  const auto en = test::send(server_->port(), boost::beast::http::verb::get,
                             "/api/v1/audit-events.csv?event=account.list", {}, {},
                             {{"Cookie", clinic.cookie}, {"Accept-Language", "en"}});
  ASSERT_EQ(en.result_int(), 200);
  EXPECT_TRUE(en.body().substr(3).starts_with("No.,Time (Japan),Time (UTC),Event,"));
  EXPECT_NE(en.body().find(",Accounts listed,account.list,Success,"), std::string::npos);
  EXPECT_TRUE(audit::verify(*db_).intact());
}

// issue 19 item 24, ACL-7: only administrators read (or export) the log, only their own.
TEST_P(AccessLogApi, ACallerWithoutTheCapabilityIsRefusedAndTheRefusalLogged) {
  auto clinic = signed_in("clinic");
  EXPECT_EQ(clinic.get("/api/v1/audit-events?organisation_id=" + id_of("clinic2")).result_int(),
            403);
  EXPECT_EQ(clinic.get("/api/v1/audit-events.csv?organisation_id=" + id_of("hc-tama")).result_int(),
            403);
  EXPECT_EQ(clinic.get("/api/v1/audit-events?organisation_id=999999").result_int(), 403);

  {  // The clinic's reception becomes a staff account.
    auto tx = db_->write();
    tx.execute("UPDATE accounts SET role = 'staff' WHERE id = ?", {demo_.at("clinic").account.id});
    tx.commit();
  }
  auto staff = signed_in("clinic");
  EXPECT_EQ(staff.get("/api/v1/audit-events").result_int(), 403);
  EXPECT_EQ(staff.get("/api/v1/audit-events.csv").result_int(), 403);
  auto hc = signed_in("hc-tama");
  EXPECT_EQ(hc.get("/api/v1/audit-events?organisation_id=" + id_of("clinic")).result_int(), 403);

  auto session = db_->read();
  int refusals = 0;
  for (const auto& r : audit::list(session, demo_.at("clinic").organisation.id, 0, 100)) {
    if (r.event.type == "access.read_access_log") {
      EXPECT_EQ(r.event.outcome, audit::Outcome::denied);
      ++refusals;
    }
  }
  EXPECT_EQ(refusals, 5);
}

}  // namespace
}  // namespace hersys::identity
