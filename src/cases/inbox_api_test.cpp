// The health center's inbox of reports to confirm and the top page's counts, over real HTTP
// with the demo organisations, on both databases (issue 14 items 1-3; SPEC REP-5, REP-3,
// CASE-5, DAY-5, ACL-2, ACL-3, ACL-7): the clinic files three reports, the health center sees
// "3" on its top page, reads them in its inbox, confirms two at once (each logged on its own),
// sees "1"; a stale version, an unknown id and another area's report are refused per item; the
// prefecture's 地方衛生研究所 checks a confirmed report.
#include <gtest/gtest.h>

#include "audit/log.h"
#include "demo_server.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

json report_for(int n) {
  const std::string names[] = {"山田 一郎", "佐藤 花子", "鈴木 次郎", "高橋 三郎"};
  const std::string kana[] = {"ヤマダ イチロウ", "サトウ ハナコ", "スズキ ジロウ",
                              "タカハシ サブロウ"};
  return test::complete_report({{"name", names[n]},
                                {"kana", kana[n]},
                                {"sex", n == 1 ? "female" : "male"},
                                {"birth_date", "1950-0" + std::to_string(n + 1) + "-10"},
                                {"phone", "090-1234-567" + std::to_string(n)},
                                {"email", "patient@example.jp"},
                                {"postal_code", "183-0022"},
                                {"address", "東京都府中市宮西町1-1"},
                                {"nationality", "JP"}});
}

class InboxApi : public test::DemoServer {
 protected:
  std::int64_t file(test::Browser& b, int n) {
    const auto r = b.post("/api/v1/reports", report_for(n));
    EXPECT_EQ(r.result_int(), 201) << r.body();
    clock_.advance(std::chrono::minutes(1));
    return r.result_int() == 201 ? body_of(r)["report_id"].get<std::int64_t>() : 0;
  }

  // The top page's counts of `b` by kind.
  std::map<std::string, std::int64_t> counts(test::Browser& b) {
    const auto r = b.get("/api/v1/workbench");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::map<std::string, std::int64_t> by_kind;
    const auto body = body_of(r);
    for (const auto& c : body["counts"]) by_kind[c["kind"]] = c["count"];
    return by_kind;
  }

  std::int64_t logged(const std::string& key, const std::string& type, audit::Outcome outcome) {
    auto session = db_->read();
    const auto log = audit::list(session, demo_.at(key).organisation.id, 0, 500);
    return std::count_if(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.type == type && rec.event.outcome == outcome;
    });
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, InboxApi, test::kBothDatabases, test::database_test_name);

// issue 14 items 1, 2 (REP-5): three new reports, two confirmed at once, the count drops.
TEST_P(InboxApi, TheHealthCenterSeesThreeNewReportsAndConfirmsTwoAtOnce) {
  auto clinic = signed_in("clinic");
  const auto first = file(clinic, 0);
  const auto second = file(clinic, 1);
  const auto third = file(clinic, 2);

  auto hc = signed_in("hc-tama");
  auto before = counts(hc);
  EXPECT_EQ(before["reports_to_confirm"], 3);
  EXPECT_EQ(before["cases_without_status"], 3);   // CASE-5: the responsible health center's
  EXPECT_EQ(before["daily_reports_missing"], 3);  // DAY-5: hospital, clinic, follow-up center
  EXPECT_EQ(before["drafts"], 0);
  EXPECT_EQ(before.count("reports_to_check"), 0u);
  EXPECT_EQ(before.count("daily_report_due"), 0u);

  // Newest first, with the reporting institution, the class and the scope judgement.
  auto r = hc.get("/api/v1/reports/inbox");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto inbox = body_of(r);
  EXPECT_EQ(inbox["filter"], "unconfirmed");
  EXPECT_EQ(inbox["total"], 3);
  EXPECT_EQ(inbox["more"], false);
  ASSERT_EQ(inbox["items"].size(), 3u);
  const auto top = inbox["items"][0];
  EXPECT_EQ(top["id"], third);
  EXPECT_EQ(inbox["items"][2]["id"], first);
  EXPECT_EQ(top["reporter"]["name"], demo_.at("clinic").organisation.name);
  EXPECT_EQ(top["diagnosis_class"], "confirmed");
  EXPECT_EQ(top["patient"]["name"], "鈴木 次郎");
  EXPECT_EQ(top["scope"]["decided"], true);
  EXPECT_EQ(top["scope"]["in_scope"], true);  // 65 or older (REP-3)
  EXPECT_FALSE(top["scope"]["reasons"].empty());
  EXPECT_EQ(top["may"]["confirm"], true);
  EXPECT_EQ(top["confirmed_by"], nullptr);
  EXPECT_TRUE(top["submitted_at"].is_string());
  EXPECT_EQ(logged("hc-tama", "report.inbox", audit::Outcome::success), 1);

  // Two at once: each confirmed and logged on its own.
  r = hc.post("/api/v1/reports/confirm",
              {{"reports",
                {{{"id", third}, {"version", inbox["items"][0]["version"]}},
                 {{"id", second}, {"version", inbox["items"][1]["version"]}}}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto result = body_of(r);
  EXPECT_EQ(result["confirmed"], 2);
  EXPECT_EQ(result["results"][0]["id"], third);
  EXPECT_EQ(result["results"][0]["confirmed"], true);
  EXPECT_EQ(result["results"][1]["confirmed"], true);
  EXPECT_EQ(logged("hc-tama", "report.confirm", audit::Outcome::success), 2);
  EXPECT_EQ(counts(hc)["reports_to_confirm"], 1);

  // Who confirmed and when, on the report.
  const auto read = body_of(hc.get("/api/v1/reports/" + std::to_string(second)));
  EXPECT_EQ(read["state"], "confirmed");
  EXPECT_EQ(read["confirmed_by"], demo_.at("hc-tama").account.display_name);
  EXPECT_FALSE(read["confirmed_at"].get<std::string>().empty());
  EXPECT_EQ(read["may"]["confirm"], false);
  EXPECT_EQ(read["checked_at"], nullptr);

  // The confirmed list, newest first, without a total.
  inbox = body_of(hc.get("/api/v1/reports/inbox?filter=confirmed"));
  EXPECT_EQ(inbox["filter"], "confirmed");
  EXPECT_EQ(inbox["total"], nullptr);
  ASSERT_EQ(inbox["items"].size(), 2u);
  EXPECT_EQ(inbox["items"][0]["confirmed_by"], demo_.at("hc-tama").account.display_name);
  EXPECT_EQ(inbox["items"][0]["may"]["confirm"], false);

  // The single route stays.
  ASSERT_EQ(hc.post("/api/v1/reports/" + std::to_string(first) + "/confirm").result_int(), 200);
  EXPECT_EQ(counts(hc)["reports_to_confirm"], 0);
  EXPECT_TRUE(body_of(hc.get("/api/v1/reports/inbox"))["items"].empty());

  // The clinic's top page: its drafts and today's daily report (DAY-1).
  auto clinic_counts = counts(clinic);
  EXPECT_EQ(clinic_counts["drafts"], 0);
  EXPECT_EQ(clinic_counts["daily_report_due"], 1);
  EXPECT_EQ(clinic_counts.count("reports_to_confirm"), 0u);
}

// issue 14 item 2: per-item results. A stale version, an unknown id, a report already
// confirmed and another area's report each get their own answer; the rest is confirmed.
TEST_P(InboxApi, EachReportOfABulkConfirmationGetsItsOwnAnswer) {
  auto clinic = signed_in("clinic");
  const auto a = file(clinic, 0);
  const auto b = file(clinic, 1);
  auto shinjuku_clinic = signed_in("clinic2");
  const auto theirs = file(shinjuku_clinic, 3);
  auto hc = signed_in("hc-tama");
  // The clinic edits `a` after the list was read: its version moved on.
  const auto shown = body_of(hc.get("/api/v1/reports/inbox"))["items"];
  ASSERT_EQ(shown.size(), 2u);
  auto edit = report_for(0);
  edit.erase("submit");
  edit.erase("confirm_new_patient");
  edit["occupation"] = "会社員";
  ASSERT_EQ(clinic.put("/api/v1/reports/" + std::to_string(a), edit).result_int(), 200);

  auto r = hc.post("/api/v1/reports/confirm", {{"reports",
                                                {{{"id", a}, {"version", shown[1]["version"]}},
                                                 {{"id", 999999}, {"version", 1}},
                                                 {{"id", theirs}, {"version", 1}},
                                                 {{"id", b}, {"version", shown[0]["version"]}}}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto result = body_of(r);
  EXPECT_EQ(result["confirmed"], 1);
  const auto& items = result["results"];
  EXPECT_EQ(items[0]["code"], "stale");
  EXPECT_EQ(items[0]["status"], 409);
  EXPECT_FALSE(items[0]["title"].get<std::string>().empty());
  EXPECT_EQ(items[1]["code"], "not_found");
  EXPECT_EQ(items[1]["status"], 404);
  // Another area's report answers as an unknown one, and the refusal is logged.
  EXPECT_EQ(items[2]["code"], "not_found");
  EXPECT_EQ(items[2]["status"], 404);
  EXPECT_EQ(items[3]["confirmed"], true);
  EXPECT_EQ(logged("hc-tama", "access.confirm_report", audit::Outcome::denied), 2);
  // Again (a double click, a colleague): "already confirmed", whatever version the list had
  // (issue 14 item 4), on the bulk route and the single one.
  r = hc.post("/api/v1/reports/confirm", {{"reports", {{{"id", b}, {"version", 2}}}}});
  EXPECT_EQ(body_of(r)["results"][0]["code"], "already_confirmed");
  r = hc.post("/api/v1/reports/confirm",
              {{"reports", {{{"id", b}, {"version", shown[0]["version"]}}}}});
  EXPECT_EQ(body_of(r)["results"][0]["code"], "already_confirmed");
  EXPECT_EQ(body_of(r)["results"][0]["status"], 409);
  r = hc.post("/api/v1/reports/" + std::to_string(b) + "/confirm");
  EXPECT_EQ(r.result_int(), 409);
  EXPECT_EQ(body_of(r)["code"], "already_confirmed");
  EXPECT_EQ(counts(hc)["reports_to_confirm"], 1);
  // Shinjuku's inbox has its own report only.
  auto shinjuku = signed_in("hc-shinjuku");
  const auto their_inbox = body_of(shinjuku.get("/api/v1/reports/inbox"))["items"];
  ASSERT_EQ(their_inbox.size(), 1u);
  EXPECT_EQ(their_inbox[0]["id"], theirs);
}

// issue 14 item 2: bad input is named field by field, never a 500; a clinic has no inbox.
TEST_P(InboxApi, BadInputIsNamedAndAClinicHasNoInbox) {
  auto hc = signed_in("hc-tama");
  const auto fields = [](const test::HttpResponse& r) {
    std::set<std::string> found;
    const auto body = body_of(r);
    for (const auto& e : body["errors"]) found.insert(e["field"].get<std::string>());
    return found;
  };
  auto r = hc.post("/api/v1/reports/confirm", {{"reports", json::array()}});
  EXPECT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(fields(r), std::set<std::string>{"reports"});
  r = hc.post("/api/v1/reports/confirm", json::object());
  EXPECT_EQ(fields(r), std::set<std::string>{"reports"});
  r = hc.post("/api/v1/reports/confirm", {{"reports", {{{"id", "x"}}, {{"version", 0}}}}});
  EXPECT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(fields(r), (std::set<std::string>{"reports.0.id", "reports.0.version", "reports.1.id",
                                              "reports.1.version"}));
  r = hc.post("/api/v1/reports/confirm", {{"reports", "all"}});
  EXPECT_EQ(r.result_int(), 422) << r.body();
  json many = json::array();
  for (int i = 1; i <= 101; ++i) many.push_back({{"id", i}, {"version", 1}});
  EXPECT_EQ(fields(hc.post("/api/v1/reports/confirm", {{"reports", many}})),
            std::set<std::string>{"reports"});
  r = hc.get("/api/v1/reports/inbox?filter=everything");
  EXPECT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(fields(r), std::set<std::string>{"filter"});
  EXPECT_EQ(hc.get("/api/v1/reports/inbox?page=0").result_int(), 422);

  // A clinic may not confirm: its inbox and a bulk confirmation are refused, and logged.
  auto clinic = signed_in("clinic");
  const auto id = file(clinic, 0);
  EXPECT_EQ(clinic.get("/api/v1/reports/inbox").result_int(), 403);
  r = clinic.post("/api/v1/reports/confirm", {{"reports", {{{"id", id}, {"version", 1}}}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["results"][0]["status"], 403);
  EXPECT_EQ(logged("clinic", "access.confirm_report", audit::Outcome::denied), 2);
}

// issue 14 (ACL-5, REP-5): a case transferred in is the receiving health center's to confirm:
// its reports filed in another area are in the receiver's inbox and count beside its own
// area's, newest first; the area's health center keeps them too; a health center that is
// neither (Kanagawa's) does not see them; handed back, they leave the receiver's inbox.
TEST_P(InboxApi, ACaseTransferredInIsInTheReceiversInbox) {
  auto clinic = signed_in("clinic");
  auto r = clinic.post("/api/v1/reports", report_for(0));
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto moved = body_of(r)["report_id"].get<std::int64_t>();
  const auto patient = std::to_string(body_of(r)["patient_id"].get<std::int64_t>());
  clock_.advance(std::chrono::minutes(1));
  const auto stays = file(clinic, 1);

  auto tama = signed_in("hc-tama");
  const auto transfer = [&](test::Browser& b, const std::string& to) {
    const auto version = body_of(b.get("/api/v1/patients/" + patient))["version"];
    const auto t = b.post("/api/v1/patients/" + patient + "/transfer",
                          {{"to_health_center_id", std::stoll(id_of(to))},
                           {"keep_related", true},
                           {"reason", "転居のため"},
                           {"version", version}});
    EXPECT_EQ(t.result_int(), 201) << t.body();
  };
  transfer(tama, "hc-shinjuku");
  // Shinjuku's own area files one later: both in its inbox, newest first.
  auto clinic2 = signed_in("clinic2");
  const auto own = file(clinic2, 2);

  auto shinjuku = signed_in("hc-shinjuku");
  EXPECT_EQ(counts(shinjuku)["reports_to_confirm"], 2);
  auto inbox = body_of(shinjuku.get("/api/v1/reports/inbox"));
  EXPECT_EQ(inbox["total"], 2);
  ASSERT_EQ(inbox["items"].size(), 2u);
  EXPECT_EQ(inbox["items"][0]["id"], own);
  EXPECT_EQ(inbox["items"][1]["id"], moved);
  EXPECT_EQ(inbox["items"][1]["patient"]["name"], "山田 一郎");
  EXPECT_EQ(inbox["items"][1]["reporter"]["name"], demo_.at("clinic").organisation.name);
  EXPECT_EQ(inbox["items"][1]["may"]["confirm"], true);
  // The area's health center still has both of its area's reports.
  EXPECT_EQ(counts(tama)["reports_to_confirm"], 2);
  // Neither area nor responsible: nothing of it, in the list nor in the count.
  auto hiratsuka = signed_in("hc-hiratsuka");
  EXPECT_EQ(counts(hiratsuka)["reports_to_confirm"], 0);
  EXPECT_TRUE(body_of(hiratsuka.get("/api/v1/reports/inbox"))["items"].empty());

  // Shinjuku confirms it from its inbox; it moves to its confirmed list (and Tama's).
  r = shinjuku.post("/api/v1/reports/confirm",
                    {{"reports", {{{"id", moved}, {"version", inbox["items"][1]["version"]}}}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_of(r)["results"][0]["confirmed"], true);
  EXPECT_EQ(logged("hc-shinjuku", "report.confirm", audit::Outcome::success), 1);
  EXPECT_EQ(counts(shinjuku)["reports_to_confirm"], 1);
  inbox = body_of(shinjuku.get("/api/v1/reports/inbox?filter=confirmed"));
  ASSERT_EQ(inbox["items"].size(), 1u);
  EXPECT_EQ(inbox["items"][0]["id"], moved);
  EXPECT_EQ(inbox["items"][0]["confirmed_by"], demo_.at("hc-shinjuku").account.display_name);
  EXPECT_EQ(counts(tama)["reports_to_confirm"], 1);
  inbox = body_of(tama.get("/api/v1/reports/inbox"));
  ASSERT_EQ(inbox["items"].size(), 1u);
  EXPECT_EQ(inbox["items"][0]["id"], stays);

  // Handed back to Tama, the area's own: no longer in Shinjuku's lists.
  transfer(shinjuku, "hc-tama");
  inbox = body_of(shinjuku.get("/api/v1/reports/inbox?filter=confirmed"));
  EXPECT_TRUE(inbox["items"].empty());
  EXPECT_EQ(counts(shinjuku)["reports_to_confirm"], 1);  // its own area's
  EXPECT_EQ(body_of(tama.get("/api/v1/reports/inbox?filter=confirmed"))["items"].size(), 1u);
}

// issue 14 items 1, 3 (seeds Q19, ACL-3): the prefecture sees its counts; its 地方衛生研究所
// sees the confirmed reports of the prefecture and marks one as checked.
TEST_P(InboxApi, ThePublicHealthInstituteChecksAConfirmedReport) {
  auto clinic = signed_in("clinic");
  const auto a = file(clinic, 0);
  const auto b = file(clinic, 1);
  auto hc = signed_in("hc-tama");
  ASSERT_EQ(hc.post("/api/v1/reports/" + std::to_string(a) + "/confirm").result_int(), 200);

  auto tokyo = signed_in("tokyo");
  auto prefecture = counts(tokyo);
  EXPECT_EQ(prefecture["reports_to_confirm"], 1);
  EXPECT_EQ(prefecture["cases_without_status"], 2);
  EXPECT_EQ(prefecture["daily_reports_missing"], 4);  // hospital, two clinics, follow-up
  EXPECT_EQ(prefecture.count("drafts"), 0u);
  // Its inbox is the prefecture's, read only.
  const auto listed = body_of(tokyo.get("/api/v1/reports/inbox"))["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["may"]["confirm"], false);

  auto phi = signed_in("phi");
  const auto me = body_of(phi.get("/api/v1/auth/me"));
  EXPECT_EQ(me["may"]["check_reports"], true);
  EXPECT_EQ(me["may"]["confirm_reports"], true);
  EXPECT_EQ(me["organisation"]["public_health_institute"], true);
  auto institute = counts(phi);
  EXPECT_EQ(institute["reports_to_check"], 1);
  EXPECT_EQ(institute.count("reports_to_confirm"), 0u);
  auto inbox = body_of(phi.get("/api/v1/reports/inbox"));
  EXPECT_EQ(inbox["filter"], "unchecked");
  ASSERT_EQ(inbox["items"].size(), 1u);
  EXPECT_EQ(inbox["items"][0]["id"], a);
  EXPECT_EQ(inbox["items"][0]["may"]["check"], true);
  EXPECT_EQ(inbox["items"][0]["may"]["confirm"], false);
  const auto unconfirmed_list = body_of(phi.get("/api/v1/reports/inbox?filter=unconfirmed"));
  ASSERT_EQ(unconfirmed_list["items"].size(), 1u);
  EXPECT_EQ(unconfirmed_list["items"][0]["may"]["confirm"], false);
  const auto path = "/api/v1/reports/" + std::to_string(a);
  EXPECT_EQ(body_of(phi.get(path))["may"]["check"], true);
  EXPECT_EQ(body_of(phi.get(path))["may"]["edit"], false);

  ASSERT_EQ(phi.post(path + "/data-check").result_int(), 200);
  const auto read = body_of(phi.get(path));
  EXPECT_EQ(read["checked_by"], demo_.at("phi").account.display_name);
  EXPECT_TRUE(read["checked_at"].is_string());
  EXPECT_EQ(read["may"]["check"], false);
  EXPECT_EQ(logged("phi", "report.check", audit::Outcome::success), 1);
  EXPECT_EQ(counts(phi)["reports_to_check"], 0);
  EXPECT_EQ(body_of(phi.get("/api/v1/reports/inbox?filter=checked"))["items"].size(), 1u);
  // The health center sees who checked it.
  EXPECT_EQ(body_of(hc.get(path))["checked_by"], demo_.at("phi").account.display_name);

  // Twice, or before 保健所確認: a conflict. The institute may not confirm nor edit.
  auto r = phi.post(path + "/data-check");
  EXPECT_EQ(r.result_int(), 409);
  EXPECT_EQ(body_of(r)["code"], "not_checkable");
  const auto unconfirmed = "/api/v1/reports/" + std::to_string(b);
  EXPECT_EQ(phi.post(unconfirmed + "/data-check").result_int(), 409);
  EXPECT_EQ(phi.post(unconfirmed + "/confirm").result_int(), 403);
  // A health center may read the report but not check it; the clinic may not know of the check
  // route either; each refusal is logged.
  EXPECT_EQ(hc.post(path + "/data-check").result_int(), 403);
  EXPECT_EQ(logged("hc-tama", "access.check_report", audit::Outcome::denied), 1);
  EXPECT_EQ(clinic.post(path + "/data-check").result_int(), 403);
  EXPECT_EQ(signed_in("clinic2").post(path + "/data-check").result_int(), 404);
  EXPECT_EQ(phi.post("/api/v1/reports/999999/data-check").result_int(), 404);
  // Another prefecture's institute would not reach it: Kanagawa's health center does not.
  EXPECT_EQ(signed_in("hc-hiratsuka").post(path + "/data-check").result_int(), 404);
}

}  // namespace
}  // namespace hersys::cases
