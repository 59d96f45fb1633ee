// Daily reports as a new user meets them, over real HTTP with the demo organisations, on both
// databases (SPEC DAY-1..5): the clinic opens the form, files, sees "done" and its history; a
// second filing is refused, also when many arrive at once; the form keeps the date it was
// opened on across midnight; the health center enters a report taken by FAX and sees its
// area's sums and who has not reported; the wrong organisations are refused and logged.
#include <gtest/gtest.h>

#include <future>

#include "audit/log.h"
#include "daily/rules.h"
#include "demo_server.h"
#include "identity/store.h"

namespace hersys::daily {
namespace {
using namespace std::chrono_literals;
using nlohmann::json;
using test::body_of;

json counts(std::int64_t twenties = 0, std::int64_t seventies = 0) {
  json c = json::object();
  for (auto b : kBrackets) c[std::string(name_of(b))] = 0;
  c["age_20s"] = twenties;
  c["age_70s"] = seventies;
  return c;
}

std::set<std::string> error_fields(const test::HttpResponse& r) {
  std::set<std::string> fields;
  const auto body = body_of(r);
  for (const auto& e : body["errors"]) fields.insert(e["field"].get<std::string>());
  return fields;
}

class DailyApi : public test::DemoServer {
 protected:
  json open(test::Browser& b, json body = json::object()) {
    const auto r = b.post("/api/v1/daily-reports/open", body);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return r.result_int() == 200 ? body_of(r) : json::object();
  }
  static std::string submit_path(const json& opened) {
    return "/api/v1/daily-reports/" + std::to_string(opened.value("id", 0)) + "/submit";
  }
  // Moves the clock to hh:mm in Tokyo on the demo's day plus `days`.
  void tokyo_time(int days, int hour, int minute) {
    const auto target = std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} +
                        std::chrono::days(days) + std::chrono::hours(hour - 9) +
                        std::chrono::minutes(minute);
    clock_.advance(target - clock_.now());
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, DailyApi, test::kBothDatabases, test::database_test_name);

// The document says the body of /open is optional (a clinic opens its own form): it may be
// left out altogether, as an integrator's generated client does.
TEST_P(DailyApi, TheFormOpensWithoutABody) {
  auto clinic = signed_in("clinic");
  const auto r = test::send(server_->port(), test::bhttp::verb::post, "/api/v1/daily-reports/open",
                            {}, {}, {{"Cookie", clinic.cookie}, {"X-CSRF-Token", clinic.csrf}});
  EXPECT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["state"], "draft");
}

// issue 19 item 13 (DAY-1): "no body" as generated clients send it - a Content-Type and no bytes,
// or no Content-Type and `Content-Length: 0` - opens the form too, not 400 invalid_json.
TEST_P(DailyApi, TheFormOpensWithAnEmptyBodyWhateverItsContentType) {
  auto clinic = signed_in("clinic");
  const std::vector<std::pair<std::string, std::string>> session = {{"Cookie", clinic.cookie},
                                                                    {"X-CSRF-Token", clinic.csrf}};
  for (const std::string type : {"application/json", "application/json; charset=utf-8"}) {
    const auto r = test::send(server_->port(), test::bhttp::verb::post,
                              "/api/v1/daily-reports/open", {}, type, session);
    EXPECT_EQ(r.result_int(), 200) << type << ": " << r.body();
    EXPECT_EQ(body_of(r)["state"], "draft");
  }
  // A body that is there is still read as JSON: a broken one is 400, another type 415.
  auto r = test::send(server_->port(), test::bhttp::verb::post, "/api/v1/daily-reports/open", "{",
                      "application/json", session);
  EXPECT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(body_of(r)["code"], "invalid_json");
  r = test::send(server_->port(), test::bhttp::verb::post, "/api/v1/daily-reports/open", "x=1",
                 "application/x-www-form-urlencoded", session);
  EXPECT_EQ(r.result_int(), 415) << r.body();
}

TEST_P(DailyApi, TheClinicFilesOnceSeesDoneAndItsHistory) {
  auto clinic = signed_in("clinic");
  auto opened = open(clinic);
  EXPECT_EQ(opened["state"], "draft");
  EXPECT_EQ(opened["report_date"], "2026-11-21");
  EXPECT_EQ(opened["organisation"]["code"], "MI13-00002");
  EXPECT_EQ(opened["brackets"].size(), kBracketCount);

  auto r = clinic.post(submit_path(opened), {{"counts", counts(3, 2)}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["total"], 5);  // computed, never typed
  EXPECT_EQ(body_of(r)["channel"], "online");

  // Opening the form again says today's report is done; a second filing is refused.
  auto again = open(clinic);
  EXPECT_EQ(again["state"], "submitted");
  EXPECT_EQ(again["id"], opened["id"]);
  r = clinic.post(submit_path(opened), {{"counts", counts(1)}});
  EXPECT_EQ(r.result_int(), 409);
  EXPECT_EQ(body_of(r)["code"], "already_filed");
  EXPECT_NE(body_of(r)["title"].get<std::string>().find("2026/11/21"), std::string::npos);

  r = clinic.get("/api/v1/daily-reports/history");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto history = body_of(r);
  EXPECT_TRUE(history["done_today"]);
  ASSERT_EQ(history["reports"].size(), 1u);
  EXPECT_EQ(history["reports"][0]["counts"]["age_20s"], 3);
  EXPECT_EQ(history["reports"][0]["total"], 5);
}

TEST_P(DailyApi, ConcurrentSubmissionsOfOneFormLandExactlyOnce) {
  auto clinic = signed_in("clinic");
  const auto opened = open(clinic);
  std::vector<std::future<int>> results;
  for (int i = 0; i < 8; ++i) {
    results.push_back(std::async(std::launch::async, [&, i, b = clinic]() mutable -> int {
      return static_cast<int>(
          b.post(submit_path(opened), {{"counts", counts(i + 1)}}).result_int());
    }));
  }
  int ok = 0, refused = 0;
  for (auto& f : results) {
    const int status = f.get();
    (status == 200 ? ok : refused)++;
    EXPECT_TRUE(status == 200 || status == 409) << status;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(refused, 7);
  const auto history = body_of(clinic.get("/api/v1/daily-reports/history"));
  ASSERT_EQ(history["reports"].size(), 1u);
}

TEST_P(DailyApi, BadCountsAreNamedAndNothingIsFiled) {
  auto clinic = signed_in("clinic");
  const auto opened = open(clinic);
  const auto path = submit_path(opened);
  auto c = counts();
  c.erase("age_0");
  c["age_1_4"] = -1;
  c["age_5_9"] = kMaxCount + 1;
  c["age_10s"] = "三";
  c["age_30s"] = 2.5;
  c["age_100s"] = 1;
  auto r = clinic.post(path, {{"counts", c}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(error_fields(r),
            (std::set<std::string>{"counts.age_0", "counts.age_1_4", "counts.age_5_9",
                                   "counts.age_10s", "counts.age_30s", "counts.age_100s"}));
  // Each bracket that is no number is named once, with its label, as the range rule names it.
  for (const auto& e : body_of(r)["errors"]) {
    if (e["field"] == "counts.age_10s") {
      EXPECT_EQ(e["code"], "not_integer");
      EXPECT_EQ(e["message"], "10代の人数は 0 から 99999 までの整数で入力してください。");
    }
  }
  EXPECT_EQ(body_of(r)["errors"].size(), 6u);
  const auto english = body_of(clinic.post(path, {{"counts", "many"}}));
  EXPECT_EQ(english["errors"][0]["field"], "counts");
  EXPECT_EQ(clinic.post(path, json::array()).result_int(), 422);
  EXPECT_EQ(clinic.post(path, {{"counts", counts()}, {"channel", "fax"}}).result_int(), 422);
  EXPECT_EQ(clinic.post("/api/v1/daily-reports/999999/submit", {{"counts", counts()}}).result_int(),
            404);
  EXPECT_EQ(clinic.get("/api/v1/daily-reports/area?date=2026-02-30").result_int(), 422);

  EXPECT_FALSE(body_of(clinic.get("/api/v1/daily-reports/history"))["done_today"]);
  EXPECT_EQ(clinic.post(path, {{"counts", counts()}}).result_int(), 200);  // zeros are a report
}

// DAY-3: the date is fixed when the form is opened, even if midnight passes while typing.
TEST_P(DailyApi, AFormOpenedBeforeMidnightCountsForThatDay) {
  tokyo_time(0, 23, 58);
  auto clinic = signed_in("clinic");
  const auto opened = open(clinic);
  EXPECT_EQ(opened["report_date"], "2026-11-21");
  tokyo_time(1, 0, 3);
  auto r = clinic.post(submit_path(opened), {{"counts", counts(4)}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["report_date"], "2026-11-21");
  // The new day's form is a new report.
  const auto today = open(clinic);
  EXPECT_EQ(today["report_date"], "2026-11-22");
  EXPECT_EQ(today["state"], "draft");

  // A form left open for days is refused: open it again for today.
  tokyo_time(3, 9, 0);
  auto late = signed_in("clinic");
  r = late.post(submit_path(today), {{"counts", counts(1)}});
  EXPECT_EQ(r.result_int(), 409);
  EXPECT_EQ(body_of(r)["code"], "form_expired");
}

TEST_P(DailyApi, HistoryShowsTheLastSevenDays) {
  for (int day = 0; day < 9; ++day) {
    tokyo_time(day, 18, 0);
    auto clinic = signed_in("clinic");
    const auto opened = open(clinic);
    ASSERT_EQ(clinic.post(submit_path(opened), {{"counts", counts(day)}}).result_int(), 200);
  }
  auto clinic = signed_in("clinic");
  const auto history = body_of(clinic.get("/api/v1/daily-reports/history"));
  ASSERT_EQ(history["reports"].size(), 7u);
  EXPECT_EQ(history["reports"][0]["report_date"], "2026-11-29");
  EXPECT_EQ(history["reports"][6]["report_date"], "2026-11-23");
}

// issue 19 item 11: a date out of range is named (the area view counted back from 0000-01-01 and
// answered -001-12-26), with the same rule as a date in a body.
TEST_P(DailyApi, TheAreaViewRefusesDatesOutOfRange) {
  auto hc = signed_in("hc-tama");
  for (const char* date : {"0000-01-01", "9999-12-31", "1800-01-01"}) {
    auto r = hc.get(std::string("/api/v1/daily-reports/area?date=") + date);
    ASSERT_EQ(r.result_int(), 422) << date << " " << r.body();
    EXPECT_EQ(body_of(r)["errors"][0]["field"], "date");
    EXPECT_EQ(body_of(r)["errors"][0]["code"], "date_out_of_range");
  }
  EXPECT_EQ(body_of(hc.get("/api/v1/daily-reports/area?date=2026-02-30"))["errors"][0]["code"],
            "invalid_date");
  EXPECT_EQ(hc.get("/api/v1/daily-reports/area?date=2026-11-20").result_int(), 200);
}

TEST_P(DailyApi, TheHealthCenterEntersAFaxedReportAndSeesItsAreaAndWhoIsMissing) {
  auto clinic = signed_in("clinic");
  ASSERT_EQ(clinic.post(submit_path(open(clinic)), {{"counts", counts(3, 2)}}).result_int(), 200);

  // DAY-5: the clinic's figures are in the area's sums; the follow-up center has not reported.
  auto hc = signed_in("hc-tama");
  auto r = hc.get("/api/v1/daily-reports/area");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto area = body_of(r);
  EXPECT_EQ(area["area"], "health_center");
  ASSERT_EQ(area["days"].size(), 7u);  // every day of the week, the quiet ones as zeros
  EXPECT_EQ(area["days"][0]["date"], "2026-11-21");
  EXPECT_EQ(area["days"][1]["date"], "2026-11-20");
  EXPECT_EQ(area["days"][1]["total"], 0);
  EXPECT_EQ(area["days"][0]["total"], 5);
  EXPECT_EQ(area["days"][0]["counts"]["age_70s"], 2);
  EXPECT_EQ(area["reporters"], 3);  // the clinic, the hospital's fever clinic, follow-up
  ASSERT_EQ(area["missing"].size(), 2u);
  EXPECT_EQ(area["missing"][0]["code"], "FU13-00001");
  EXPECT_EQ(area["missing"][1]["code"], "MI13-00001");

  // DAY-1: the follow-up center phoned its figures in; the health center enters them.
  const auto followup = std::stoll(id_of("followup"));
  const auto opened = open(hc, {{"organisation_id", followup}});
  EXPECT_EQ(opened["organisation"]["code"], "FU13-00001");
  r = hc.post(submit_path(opened), {{"counts", counts(7)}});
  EXPECT_EQ(error_fields(r), std::set<std::string>{"channel"});
  r = hc.post(submit_path(opened), {{"counts", counts(7)}, {"channel", "phone"}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["channel"], "phone");
  EXPECT_EQ(body_of(r)["filed_by_organisation_id"], std::stoll(id_of("hc-tama")));
  area = body_of(hc.get("/api/v1/daily-reports/area"));
  EXPECT_EQ(area["days"][0]["total"], 12);
  EXPECT_EQ(area["days"][0]["reports"], 2);
  ASSERT_EQ(area["missing"].size(), 1u);
  EXPECT_EQ(area["missing"][0]["code"], "MI13-00001");
  // The follow-up center sees the entered report as its own.
  auto fu = signed_in("followup");
  EXPECT_TRUE(body_of(fu.get("/api/v1/daily-reports/history"))["done_today"]);

  // The prefecture sees every health center's area; the other clinic has not reported.
  auto tokyo = signed_in("tokyo");
  area = body_of(tokyo.get("/api/v1/daily-reports/area"));
  EXPECT_EQ(area["area"], "prefecture");
  EXPECT_EQ(area["days"][0]["total"], 12);
  ASSERT_EQ(area["missing"].size(), 2u);
  EXPECT_EQ(area["missing"][0]["code"], "MI13-00001");
  EXPECT_EQ(area["missing"][1]["code"], "MI13-00003");
  auto ministry = signed_in("ministry");
  area = body_of(ministry.get("/api/v1/daily-reports/area?days=3"));
  EXPECT_EQ(area["area"], "national");
  EXPECT_EQ(area["from"], "2026-11-19");
  EXPECT_EQ(area["days"][0]["total"], 12);
  EXPECT_EQ(area["missing_count"], 2);
}

// issue 14 (walk item 14), DAY-5: an institution is missing on a day only if it was
// registered on or before that day (Asia/Tokyo) and not retired before its end; the top page's
// number agrees with the area's.
TEST_P(DailyApi, AnInstitutionIsMissingOnlyOnTheDaysItExisted) {
  tokyo_time(2, 8, 30);  // 2026-11-23 08:30 in Tokyo (23:30 UTC the day before)
  identity::Organisation fresh;
  fresh.code = "MI13-00098";
  fresh.name = "多摩新設クリニック";
  fresh.prefecture_code = "13";
  fresh.files_daily_reports = true;
  fresh.parent_id = demo_.at("hc-tama").organisation.id;
  {
    auto tx = db_->write();
    fresh.id = identity::create_organisation(tx, fresh, clock_.now());
    tx.commit();
  }
  const auto missing_on = [&](test::Browser& hc, const std::string& date) {
    const auto r = hc.get("/api/v1/daily-reports/area?date=" + date);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::map<std::string, std::set<std::string>> days;
    const auto body = body_of(r);  // kept: the loop reads into it
    for (const auto& d : body["missing_by_day"]) {
      auto& codes = days[d["date"].get<std::string>()];
      for (const auto& o : d["missing"]) codes.insert(o["code"].get<std::string>());
      EXPECT_EQ(d["missing_count"].get<std::size_t>(), codes.size());
    }
    return days;
  };
  const auto top_page = [&](test::Browser& hc) {
    const auto body = body_of(hc.get("/api/v1/workbench"));
    for (const auto& c : body["counts"]) {
      if (c["kind"] == "daily_reports_missing") return c["count"].get<std::int64_t>();
    }
    return std::int64_t{-1};
  };
  auto hc = signed_in("hc-tama");
  auto days = missing_on(hc, "2026-11-23");
  EXPECT_EQ(days["2026-11-23"].count("MI13-00098"), 1u);  // registered that morning
  EXPECT_EQ(days["2026-11-22"].count("MI13-00098"), 0u);  // before it existed
  EXPECT_EQ(days["2026-11-17"].count("MI13-00098"), 0u);
  EXPECT_EQ(days["2026-11-22"].size(), 3u);  // the demo's reporters existed then
  EXPECT_EQ(top_page(hc), 4);                // the same as the area's count today
  EXPECT_EQ(body_of(hc.get("/api/v1/daily-reports/area"))["missing_count"], 4);

  // Retired on the 24th: still missing on the 23rd, not on the 24th nor after.
  tokyo_time(3, 17, 0);
  auto admin = signed_in("hc-tama");
  ASSERT_EQ(
      admin.post("/api/v1/organisations/" + std::to_string(fresh.id) + "/retire").result_int(),
      200);
  tokyo_time(4, 9, 0);
  auto later = signed_in("hc-tama");
  days = missing_on(later, "2026-11-25");
  EXPECT_EQ(days["2026-11-23"].count("MI13-00098"), 1u);
  EXPECT_EQ(days["2026-11-24"].count("MI13-00098"), 0u);
  EXPECT_EQ(days["2026-11-25"].count("MI13-00098"), 0u);
  EXPECT_EQ(top_page(later), 3);
}

TEST_P(DailyApi, TheWrongOrganisationsAreRefusedAndLogged) {
  const auto clinic_id = std::stoll(id_of("clinic"));
  auto shinjuku = signed_in("hc-shinjuku");  // not the clinic's health center
  EXPECT_EQ(
      shinjuku.post("/api/v1/daily-reports/open", {{"organisation_id", clinic_id}}).result_int(),
      403);
  EXPECT_EQ(
      shinjuku.get("/api/v1/daily-reports/history?organisation_id=" + id_of("clinic")).result_int(),
      403);
  auto clinic2 = signed_in("clinic2");
  EXPECT_EQ(
      clinic2.post("/api/v1/daily-reports/open", {{"organisation_id", clinic_id}}).result_int(),
      403);
  EXPECT_EQ(clinic2.get("/api/v1/daily-reports/area").result_int(), 403);
  auto clinic = signed_in("clinic");
  const auto opened = open(clinic);
  EXPECT_EQ(clinic2.post(submit_path(opened), {{"counts", counts()}}).result_int(), 404);
  // An institution without an outpatient fever clinic files no daily report; the ministry
  // files nothing.
  identity::Organisation ward;
  ward.code = "MI13-00099";
  ward.name = "多摩療養病院";
  ward.prefecture_code = "13";
  ward.parent_id = demo_.at("hc-tama").organisation.id;
  {
    auto tx = db_->write();
    ward.id = identity::create_organisation(tx, ward, clock_.now());
    tx.commit();
  }
  auto hc = signed_in("hc-tama");
  auto r = hc.post("/api/v1/daily-reports/open", {{"organisation_id", ward.id}});
  EXPECT_EQ(r.result_int(), 409);
  EXPECT_EQ(body_of(r)["code"], "not_a_daily_reporter");
  EXPECT_EQ(signed_in("ministry").post("/api/v1/daily-reports/open").result_int(), 403);
  EXPECT_EQ(shinjuku.post("/api/v1/daily-reports/open", {{"organisation_id", 999999}}).result_int(),
            404);

  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("hc-shinjuku").organisation.id, 0, 50);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const audit::Record& rec) {
    return rec.event.outcome == audit::Outcome::denied &&
           rec.event.type == "access.file_daily_report" &&
           rec.event.resource_id == std::to_string(clinic_id);
  }));
}

// issue 19 item 8 (ACL-7): another organisation's daily report and one that does not exist
// answer alike, whatever the body, and both refusals are in the access log.
TEST_P(DailyApi, AnotherOrganisationsReportAndAMissingOneAnswerAlikeAndAreLogged) {
  auto clinic = signed_in("clinic");
  const auto opened = open(clinic);
  const auto theirs = std::to_string(opened.value("id", 0));
  const std::string missing = "987654321";
  auto clinic2 = signed_in("clinic2");
  for (const json& body : {json{{"counts", counts()}}, json{{"counts", "x"}}, json::object()}) {
    auto a = clinic2.post("/api/v1/daily-reports/" + theirs + "/submit", body);
    auto b = clinic2.post("/api/v1/daily-reports/" + missing + "/submit", body);
    EXPECT_EQ(a.result_int(), 404) << a.body();
    auto ja = body_of(a), jb = body_of(b);
    ja.erase("request_id");
    jb.erase("request_id");
    EXPECT_EQ(a.result_int(), b.result_int());
    EXPECT_EQ(ja, jb);
  }
  auto session = db_->read();
  const auto log = audit::list(session, demo_.at("clinic2").organisation.id, 0, 50);
  for (const auto& id : {theirs, missing}) {
    EXPECT_EQ(std::count_if(log.begin(), log.end(),
                            [&](const audit::Record& rec) {
                              return rec.event.outcome == audit::Outcome::denied &&
                                     rec.event.resource_type == "DailyReport" &&
                                     rec.event.resource_id == id;
                            }),
              3)
        << id;
  }
}

}  // namespace
}  // namespace hersys::daily
