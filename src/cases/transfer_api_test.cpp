// 移管 over real HTTP with the demo organisations, on both databases (issue 14, SPEC ACL-5,
// REP-4): the Tama health center hands a case to Shinjuku, which is told by e-mail (and, being
// a city health center, so is Tokyo), finds it in its received transfers and marks it
// received; the hand-over is in the case's history; the case header's names; and every wrong
// input and every other organisation refused, the refusals logged.
#include <gtest/gtest.h>

#include <set>

#include "audit/log.h"
#include "cases/transfers.h"
#include "demo_server.h"
#include "notify/store.h"
#include "report_body.h"

namespace hersys::cases {
namespace {
using nlohmann::json;
using test::body_of;

json report_of(const std::string& name, const std::string& kana) {
  return test::complete_report({{"name", name},
                                {"kana", kana},
                                {"sex", "female"},
                                {"birth_date", "1950-04-01"},
                                {"phone", "090-1234-5678"},
                                {"email", "hanako@example.jp"},
                                {"postal_code", "183-0022"},
                                {"address", "東京都府中市宮西町1-1"},
                                {"nationality", "JP"}});
}

std::set<std::string> error_fields(const test::HttpResponse& r) {
  std::set<std::string> fields;
  const auto body = body_of(r);
  for (const auto& e : body["errors"]) fields.insert(e["field"].get<std::string>());
  return fields;
}

class TransferApi : public test::DemoServer {
 protected:
  // A case filed by the Tama clinic: its patient id.
  std::string file_case(const std::string& name = "移管 花子",
                        const std::string& kana = "イカン ハナコ") {
    auto clinic = signed_in("clinic");
    const auto r = clinic.post("/api/v1/reports", report_of(name, kana));
    EXPECT_EQ(r.result_int(), 201) << r.body();
    return std::to_string(body_of(r)["patient_id"].get<std::int64_t>());
  }

  std::vector<notify::StoredMessage> mail_to(const std::string& key) {
    auto session = db_->read();
    std::vector<notify::StoredMessage> found;
    for (auto& m : notify::list(session, std::nullopt, 200)) {
      if (m.message.recipient == key + "@demo.hersys.invalid") found.push_back(m);
    }
    return found;
  }

  std::int64_t version(test::Browser& b, const std::string& patient_id) {
    return body_of(b.get("/api/v1/patients/" + patient_id))["version"].get<std::int64_t>();
  }

  std::int64_t id(const std::string& key) { return std::stoll(id_of(key)); }

  // The top page's number of `kind` for `b`, -1 when its role has none.
  std::int64_t workbench_count(test::Browser& b, const std::string& kind) {
    const auto body = body_of(b.get("/api/v1/workbench"));
    for (const auto& c : body["counts"]) {
      if (c["kind"] == kind) return c["count"].get<std::int64_t>();
    }
    return -1;
  }

  // The organisation's refusals in the access log of `type` about `resource_id`.
  long denied(const std::string& key, const std::string& type, const std::string& resource_id) {
    auto session = db_->read();
    const auto log = audit::list(session, demo_.at(key).organisation.id, 0, 500);
    return std::count_if(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.outcome == audit::Outcome::denied && rec.event.type == type &&
             rec.event.resource_id == resource_id;
    });
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, TransferApi, test::kBothDatabases, test::database_test_name);

// issue 14 items 1-2, ACL-5, REP-4.
TEST_P(TransferApi, TamaTransfersToShinjukuWhichIsToldSeesItAndReceivesIt) {
  const auto patient_id = file_case();
  auto tama = signed_in("hc-tama");
  auto kase = body_of(tama.get("/api/v1/patients/" + patient_id));
  // The case header's names (item 1).
  EXPECT_EQ(kase["responsible_health_center_name"], "東京都多摩府中保健所");
  EXPECT_EQ(kase["related_health_centers"], json::array());
  EXPECT_EQ(kase["reporting_institution"]["name"], "府中駅前内科クリニック");
  const auto hersys_id = kase["hersys_id"].get<std::string>();

  const auto path = "/api/v1/patients/" + patient_id + "/transfer";
  const auto reason = "府中市から新宿区へ転居したため（移管 花子さん）";
  auto r = tama.post(path, {{"to_health_center_id", id("hc-shinjuku")},
                            {"keep_related", true},
                            {"reason", reason},
                            {"version", kase["version"]}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto transfer_id = std::to_string(body_of(r)["transfer_id"].get<std::int64_t>());

  kase = body_of(tama.get("/api/v1/patients/" + patient_id));  // still related: still readable
  // Related, Tama may not take the case away from Shinjuku (transfer_case): 403, logged.
  EXPECT_EQ(kase["may"]["transfer"], false);
  EXPECT_EQ(tama.post(path, {{"to_health_center_id", id("hc-hiratsuka")},
                             {"reason", "誤り"},
                             {"version", kase["version"]}})
                .result_int(),
            403);
  EXPECT_EQ(denied("hc-tama", "access.transfer_case", patient_id), 1);
  EXPECT_EQ(kase["responsible_health_center_id"], id("hc-shinjuku"));
  EXPECT_EQ(kase["responsible_health_center_name"], "新宿区保健所");
  EXPECT_EQ(kase["related_health_center_ids"], json::array({id("hc-tama")}));
  EXPECT_EQ(kase["related_health_centers"][0]["name"], "東京都多摩府中保健所");

  // The receiver and, for a city health center, its prefecture are told: the HER-SYS ID only.
  for (const auto* key : {"hc-shinjuku", "tokyo"}) {
    const auto mails = mail_to(key);
    ASSERT_EQ(mails.size(), 1u) << key;
    const auto& m = mails[0].message;
    EXPECT_NE(m.subject.find("移管"), std::string::npos);
    EXPECT_NE(m.body.find(hersys_id), std::string::npos);
    // issue 14 item 18: where to find it, not a relative link that no mail reader can open.
    EXPECT_NE(m.body.find("移管の受付"), std::string::npos);
    EXPECT_EQ(m.body.find(": /transfers"), std::string::npos);
    for (const auto& text : {m.subject, m.body}) {
      EXPECT_EQ(text.find("花子"), std::string::npos);
      EXPECT_EQ(text.find("転居"), std::string::npos);  // the reason stays in the system
    }
  }

  // Shinjuku sees it arrive, with the name (it is responsible now), and receives it.
  auto shinjuku = signed_in("hc-shinjuku");
  r = shinjuku.get("/api/v1/transfers/received");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto page = body_of(r);
  EXPECT_EQ(page["unread"], 1);
  EXPECT_EQ(page["total"], 1);
  ASSERT_EQ(page["items"].size(), 1u);
  const auto item = page["items"][0];
  EXPECT_EQ(item["patient_id"], std::stoll(patient_id));
  EXPECT_EQ(item["hersys_id"], hersys_id);
  EXPECT_EQ(item["name"], "移管 花子");
  EXPECT_EQ(item["kana"], "イカン ハナコ");
  EXPECT_EQ(item["from_health_center_name"], "東京都多摩府中保健所");
  EXPECT_EQ(item["reason"], reason);
  EXPECT_EQ(item["keep_related"], true);
  EXPECT_EQ(item["received_at"], nullptr);
  EXPECT_FALSE(item["transferred_by"].get<std::string>().empty());
  // The top page's number (issue 14 item 1) counts it for the receiver only.
  EXPECT_EQ(workbench_count(shinjuku, "transfers_to_receive"), 1);
  EXPECT_EQ(workbench_count(tama, "transfers_to_receive"), 0);
  EXPECT_EQ(body_of(tama.get("/api/v1/transfers/received"))["total"], 0);

  r = shinjuku.post("/api/v1/transfers/" + transfer_id + "/receive");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  page = body_of(shinjuku.get("/api/v1/transfers/received"));
  EXPECT_EQ(page["unread"], 0);
  EXPECT_EQ(page["total"], 1);
  EXPECT_NE(page["items"][0]["received_at"], nullptr);
  EXPECT_EQ(body_of(shinjuku.get("/api/v1/transfers/received?unread=true"))["items"].size(), 0u);
  EXPECT_EQ(workbench_count(shinjuku, "transfers_to_receive"), 0);
  // Again (a second click): nothing changes.
  EXPECT_EQ(shinjuku.post("/api/v1/transfers/" + transfer_id + "/receive").result_int(), 200);

  // The history: who transferred from where to where, and why.
  const auto history = body_of(shinjuku.get("/api/v1/patients/" + patient_id + "/history"));
  const auto& newest = history["versions"][0];
  EXPECT_EQ(newest["resource_type"], "transfer");
  EXPECT_EQ(newest["change"], "patient.transfer");
  EXPECT_EQ(newest["organisation_name"], "東京都多摩府中保健所");
  std::map<std::string, json> changes;
  for (const auto& c : newest["changes"]) changes[c["field"].get<std::string>()] = c["after"];
  EXPECT_EQ(changes["transfer.from"], "東京都多摩府中保健所");
  EXPECT_EQ(changes["transfer.to"], "新宿区保健所");
  EXPECT_EQ(changes["transfer.reason"], reason);
  EXPECT_EQ(changes["transfer.keep_related"], true);

  // The access log: the transfer, the list (a read of the patient), the receipt.
  auto session = db_->read();
  const auto logged = [&](const std::string& key, const std::string& type) {
    const auto log = audit::list(session, demo_.at(key).organisation.id, 0, 200);
    return std::count_if(log.begin(), log.end(), [&](const audit::Record& rec) {
      return rec.event.type == type && rec.event.outcome == audit::Outcome::success;
    });
  };
  EXPECT_EQ(logged("hc-tama", "patient.transfer"), 1);
  EXPECT_GE(logged("hc-shinjuku", "transfer.list"), 3);
  EXPECT_EQ(logged("hc-shinjuku", "transfer.receive"), 1);
}

// issue 14 item 2: without keep_related the old health center is no longer related; a
// prefectural health center's prefecture is not told (only a city one's is).
TEST_P(TransferApi, WithoutKeepingRelatedTheOldHealthCenterLeavesTheCase) {
  const auto patient_id = file_case();
  auto tama = signed_in("hc-tama");
  auto r = tama.put("/api/v1/patients/" + patient_id + "/health-centers",
                    {{"related_health_center_ids", {id("hc-hiratsuka")}}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto before_kanagawa = mail_to("kanagawa").size();
  const auto before_hiratsuka = mail_to("hc-hiratsuka").size();
  // To Kanagawa's health center, already related: it becomes responsible, no longer related.
  r = tama.post("/api/v1/patients/" + patient_id + "/transfer",
                {{"to_health_center_id", id("hc-hiratsuka")},
                 {"reason", "神奈川県へ転居"},
                 {"version", version(tama, patient_id)}});
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto hiratsuka = signed_in("hc-hiratsuka");
  const auto kase = body_of(hiratsuka.get("/api/v1/patients/" + patient_id));
  EXPECT_EQ(kase["responsible_health_center_id"], id("hc-hiratsuka"));
  EXPECT_EQ(kase["related_health_center_ids"], json::array());
  EXPECT_EQ(mail_to("hc-hiratsuka").size(), before_hiratsuka + 1);
  EXPECT_EQ(mail_to("kanagawa").size(), before_kanagawa);
  EXPECT_EQ(body_of(hiratsuka.get("/api/v1/transfers/received"))["unread"], 1);
}

// issue 14 item 2: bad input is named field by field and changes nothing.
TEST_P(TransferApi, BadInputIsNamedAndChangesNothing) {
  const auto patient_id = file_case();
  auto tama = signed_in("hc-tama");
  const auto path = "/api/v1/patients/" + patient_id + "/transfer";
  const auto v = version(tama, patient_id);

  auto r = tama.post(path, json::object());
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"to_health_center_id", "reason", "version"}))
      << r.body();
  r = tama.post(
      path,
      {{"to_health_center_id", "x"}, {"keep_related", "yes"}, {"reason", "   "}, {"version", 0}});
  ASSERT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(error_fields(r),
            (std::set<std::string>{"to_health_center_id", "keep_related", "reason", "version"}));
  const auto code_for = [&](std::int64_t to) {
    const auto answer =
        tama.post(path, {{"to_health_center_id", to}, {"reason", "理由"}, {"version", v}});
    EXPECT_EQ(answer.result_int(), 422) << answer.body();
    EXPECT_EQ(error_fields(answer), std::set<std::string>{"to_health_center_id"});
    return body_of(answer)["errors"][0]["code"].get<std::string>();
  };
  EXPECT_EQ(code_for(id("hc-tama")), "same_health_center");  // to oneself
  EXPECT_EQ(code_for(id("clinic")), "not_health_center");
  EXPECT_EQ(code_for(id("tokyo")), "not_health_center");
  EXPECT_EQ(code_for(99'999'999), "not_health_center");  // unknown
  // issue 14 item 7: a 地方衛生研究所 is refused with a message of its own.
  EXPECT_EQ(code_for(id("phi")), "not_health_center");
  const auto phi =
      tama.post(path, {{"to_health_center_id", id("phi")}, {"reason", "理由"}, {"version", v}});
  EXPECT_NE(body_of(phi)["errors"][0]["message"].get<std::string>().find("地方衛生研究所"),
            std::string::npos);

  // A stale version: someone changed the case since.
  r = tama.post(path, {{"to_health_center_id", id("hc-shinjuku")},
                       {"reason", "転居"},
                       {"version", v - 1 > 0 ? v - 1 : v + 1}});
  EXPECT_EQ(r.result_int(), 409) << r.body();
  EXPECT_EQ(body_of(r)["code"], "changed_meanwhile");

  const auto kase = body_of(tama.get("/api/v1/patients/" + patient_id));
  EXPECT_EQ(kase["responsible_health_center_id"], id("hc-tama"));
  EXPECT_EQ(kase["version"], v);
  EXPECT_TRUE(mail_to("hc-shinjuku").empty());

  // Received list: a page or filter that is not one.
  EXPECT_EQ(tama.get("/api/v1/transfers/received?page=0").result_int(), 422);
  EXPECT_EQ(tama.get("/api/v1/transfers/received?unread=maybe").result_int(), 422);
  EXPECT_EQ(tama.post("/api/v1/transfers/x/receive").result_int(), 404);
}

// issue 14 item 2, ACL-5: only a health center with the case transfers it, only the receiver
// lists and receives; every refusal is logged and nothing is learnt.
TEST_P(TransferApi, OtherOrganisationsAreRefusedAndLogged) {
  const auto patient_id = file_case();
  const auto path = "/api/v1/patients/" + patient_id + "/transfer";
  auto tama = signed_in("hc-tama");
  const json body = {{"to_health_center_id", id("hc-shinjuku")},
                     {"reason", "転居"},
                     {"version", version(tama, patient_id)}};

  // The clinic that filed it reads the case but may not transfer it: 403. Others do not even
  // learn that it exists: 404 like a missing patient. The body is not judged before.
  auto clinic = signed_in("clinic");
  EXPECT_EQ(clinic.post(path, body).result_int(), 403);
  EXPECT_EQ(clinic.post(path, json::object()).result_int(), 403);
  for (const auto* key : {"clinic2", "followup", "hc-shinjuku", "ministry"}) {
    auto other = signed_in(key);
    EXPECT_EQ(other.post(path, body).result_int(), 404) << key;
  }
  EXPECT_EQ(denied("clinic", "access.transfer_case", patient_id), 2);
  EXPECT_EQ(denied("hc-shinjuku", "access.transfer_case", patient_id), 1);
  EXPECT_EQ(denied("followup", "access.transfer_case", patient_id), 1);

  // Only health centers have a list of received transfers.
  for (const auto* key : {"clinic", "followup", "tokyo"}) {
    auto other = signed_in(key);
    EXPECT_EQ(other.get("/api/v1/transfers/received").result_int(), 403) << key;
    EXPECT_EQ(denied(key, "access.transfer_case", ""), 1) << key;
  }

  // The transfer is Shinjuku's to receive: Tama (which sent it) and Hiratsuka get 404, logged.
  auto r = tama.post(path, body);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto transfer_id = std::to_string(body_of(r)["transfer_id"].get<std::int64_t>());
  EXPECT_EQ(tama.post("/api/v1/transfers/" + transfer_id + "/receive").result_int(), 404);
  EXPECT_EQ(tama.post("/api/v1/transfers/99999999/receive").result_int(), 404);
  auto hiratsuka = signed_in("hc-hiratsuka");
  EXPECT_EQ(hiratsuka.post("/api/v1/transfers/" + transfer_id + "/receive").result_int(), 404);
  EXPECT_EQ(denied("hc-hiratsuka", "access.transfer_case", patient_id), 1);
  EXPECT_EQ(body_of(hiratsuka.get("/api/v1/transfers/received"))["total"], 0);
  auto shinjuku = signed_in("hc-shinjuku");
  EXPECT_EQ(body_of(shinjuku.get("/api/v1/transfers/received"))["unread"], 1);
  // The new responsible health center may hand it back: a transfer like any other.
  r = shinjuku.post(path, {{"to_health_center_id", id("hc-tama")},
                           {"reason", "誤って移管されたため戻します"},
                           {"version", version(shinjuku, patient_id)}});
  EXPECT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(body_of(tama.get("/api/v1/transfers/received"))["unread"], 1);
}

}  // namespace
}  // namespace hersys::cases
