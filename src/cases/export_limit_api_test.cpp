// The search's CSV export has a limit (issue 14 item 4 of the organisations helper; SPEC
// CASE-6), over real HTTP on both databases: the matches are counted first, and more than
// 20,000 are refused with 422 too_many_rows (asking, in Japanese and English, to narrow the
// filters) before any row is read; nothing is logged as exported; a narrower search exports.
#include <gtest/gtest.h>

#include "audit/log.h"
#include "cases/access.h"
#include "cases/json.h"
#include "cases/patients.h"
#include "cases/store.h"
#include "demo_server.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

class ExportLimitApi : public test::DemoServer {
 protected:
  // `n` patients of the Tama health center's area, written straight into the tables (what a
  // year of filing would leave), reached by the health center as area and responsible.
  void bulk_patients(int n) {
    const auto hc = demo_.at("hc-tama").organisation.id;
    const auto clinic = demo_.at("clinic").organisation.id;
    auto tx = db_->write();
    tx.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO patients (hersys_id, name_key, kana_key, birth_date, phone_key, status, "
        "reported_on, created_by, reported_by, area_health_center_id, "
        "responsible_health_center_id, data, version, created_at, updated_at) SELECT "
        "CAST(800000000 + i AS TEXT), 'バルク', 'バルク', '1970-01-01', '', NULL, '2026-11-20', ?, "
        "?, "
        "?, ?, ?, 1, '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z' FROM n",
        {std::int64_t{n}, clinic, clinic, hc, hc, document()});
    tx.execute(
        "INSERT INTO patient_access (organisation_id, patient_id, relations) SELECT ?, id, ? "
        "FROM patients WHERE kana_key = 'バルク'",
        {hc,
         relation_bit(identity::Relation::area) | relation_bit(identity::Relation::responsible)});
    tx.commit();
  }

  // The stored document of a bulk patient (what the search reads of each line).
  static std::string document() {
    Patient p;
    p.identity.name = "バルク 太郎";
    p.identity.kana = "バルク タロウ";
    p.identity.birth_date = "1970-01-01";
    return patient_document(p);
  }

  long exports_logged() {
    auto session = db_->read();
    const auto log = audit::list(session, demo_.at("hc-tama").organisation.id, 0, 500);
    return std::count_if(log.begin(), log.end(),
                         [](const audit::Record& r) { return r.event.type == "case.export"; });
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ExportLimitApi, test::kBothDatabases, test::database_test_name);

// issue 14 item 4, CASE-6: 20,001 matches are refused (422, the limit and the count); a search
// narrowed to one patient exports it; the search's total stops at 10,000.
TEST_P(ExportLimitApi, MoreThanTwentyThousandRowsAreRefusedBeforeAnyIsRead) {
  auto clinic = signed_in("clinic");
  auto filed = test::complete_report({{"name", "絞込 花子"},
                                      {"kana", "シボリコミ ハナコ"},
                                      {"sex", "female"},
                                      {"birth_date", "1950-02-02"},
                                      {"phone", "090-1111-2222"},
                                      {"email", "x@example.jp"},
                                      {"postal_code", "183-0022"},
                                      {"address", "東京都府中市宮西町1-1"},
                                      {"nationality", "JP"}});
  ASSERT_EQ(clinic.post("/api/v1/reports", filed).result_int(), 201);
  bulk_patients(kExportRows);

  auto hc = signed_in("hc-tama");
  auto r = hc.post("/api/v1/patients/search.csv", json::object());
  ASSERT_EQ(r.result_int(), 422) << r.body().substr(0, 300);
  const auto problem = body_of(r);
  EXPECT_EQ(problem["code"], "too_many_rows");
  EXPECT_EQ(problem["limit"], kExportRows);
  EXPECT_EQ(problem["total"], kExportRows + 1);
  EXPECT_NE(problem["title"].get<std::string>().find("条件を絞って"), std::string::npos);
  EXPECT_EQ(exports_logged(), 0);

  // Narrowed to the one filed by name: exported, logged.
  r = hc.post("/api/v1/patients/search.csv", {{"name", "絞込"}});
  ASSERT_EQ(r.result_int(), 200) << r.body().substr(0, 300);
  EXPECT_NE(r.body().find("絞込 花子"), std::string::npos);
  EXPECT_EQ(exports_logged(), 1);

  // The search's total stops at 10,000 and says so (全10000件以上); a narrow one is exact.
  r = hc.post("/api/v1/patients/search", {{"limit", 20}});
  ASSERT_EQ(r.result_int(), 200) << r.body().substr(0, 300);
  auto page = body_of(r);
  EXPECT_EQ(page["total"], kSearchTotalCap);
  EXPECT_EQ(page["total_capped"], true);
  EXPECT_EQ(page["patients"].size(), 20u);
  r = hc.post("/api/v1/patients/search", {{"name", "絞込"}});
  page = body_of(r);
  EXPECT_EQ(page["total"], 1);
  EXPECT_EQ(page["total_capped"], false);
}

}  // namespace
}  // namespace hersys::cases
