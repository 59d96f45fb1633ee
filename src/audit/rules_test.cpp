#include "audit/rules.h"

#include <gtest/gtest.h>

namespace hersys::audit {
namespace {

Record sample() {
  Record r;
  r.id = 7;
  r.recorded_at = "2026-11-21T10:00:00.000Z";
  r.event = {Action::read, "case.read",    12, 3, "Patient", "99", "123456782", Outcome::success,
             "192.0.2.1",  "req-00000001", ""};
  r.previous_hash = kGenesisHash;
  return r;
}

}  // namespace

TEST(ChainHash, ChangesWithEveryField) {
  const auto base = chain_hash(sample());
  EXPECT_EQ(base, chain_hash(sample()));  // deterministic
  std::vector<std::function<void(Record&)>> edits = {
      [](Record& r) { r.id = 8; },
      [](Record& r) { r.recorded_at = "2026-11-21T10:00:00.001Z"; },
      [](Record& r) { r.event.action = Action::update; },
      [](Record& r) { r.event.type = "case.update"; },
      [](Record& r) { r.event.account_id = 13; },
      [](Record& r) { r.event.account_id = std::nullopt; },
      [](Record& r) { r.event.organisation_id = 4; },
      [](Record& r) { r.event.resource_type = "Report"; },
      [](Record& r) { r.event.resource_id = "98"; },
      [](Record& r) { r.event.patient_id = "123456790"; },
      [](Record& r) { r.event.outcome = Outcome::denied; },
      [](Record& r) { r.event.client_address = "192.0.2.2"; },
      [](Record& r) { r.event.request_id = "req-00000002"; },
      [](Record& r) { r.event.detail = "x"; },
      [](Record& r) { r.previous_hash = std::string(64, '1'); },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    auto r = sample();
    edits[i](r);
    EXPECT_NE(chain_hash(r), base) << "edit " << i;
  }
}

TEST(ChainHash, FieldBoundariesCannotBeShifted) {
  auto a = sample(), b = sample();
  a.event.resource_type = "Patient9";
  a.event.resource_id = "9";
  b.event.resource_type = "Patient";
  b.event.resource_id = "99";
  EXPECT_NE(chain_hash(a), chain_hash(b));
}

TEST(Codes, RoundTrip) {
  for (auto a : {Action::create, Action::read, Action::update, Action::remove, Action::execute}) {
    EXPECT_EQ(parse_name<Action>(name_of(a)), a);
  }
  for (auto o : {Outcome::success, Outcome::denied, Outcome::failure}) {
    EXPECT_EQ(parse_name<Outcome>(name_of(o)), o);
  }
  EXPECT_EQ(parse_name<Action>("X"), std::nullopt);
}

// issue 19 item 24: what the history shows as changed.
TEST(ChangesBetween, NamesEachChangedFieldWithItsValueBeforeAndAfter) {
  const auto changes = changes_between(
      R"({"identity": {"name": "山田", "phone": "090"}, "tests": [1], "state": "draft"})",
      R"({"identity": {"name": "山田", "phone": "080"}, "tests": [1, 2], "note": "x"})");
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].field, "identity.phone");  // nested objects are followed
  EXPECT_EQ(changes[0].before, R"("090")");
  EXPECT_EQ(changes[0].after, R"("080")");
  EXPECT_EQ(changes[1].field, "note");  // new: before null
  EXPECT_EQ(changes[1].before, "null");
  EXPECT_EQ(changes[2].field, "state");  // gone: after null
  EXPECT_EQ(changes[2].after, "null");
  EXPECT_EQ(changes[3].field, "tests");  // a list is one field, compared whole
  EXPECT_EQ(changes[3].before, "[1]");
  EXPECT_EQ(changes[3].after, "[1,2]");
}

TEST(ChangesBetween, AFirstVersionListsTheFieldsThatHaveAValue) {
  const auto changes = changes_between(
      "", R"({"a": "", "b": null, "c": [], "d": false, "e": 0, "f": true, "g": {"h": "x"}})");
  std::vector<std::string> fields;
  for (const auto& c : changes) fields.push_back(c.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"e", "f", "g.h"}));
  EXPECT_EQ(changes[0].before, "null");
}

TEST(ChangesBetween, NothingChangedIsNothingListedAndBadJsonIsNoField) {
  EXPECT_TRUE(changes_between(R"({"a": {"b": 1}})", R"({"a": {"b": 1}})").empty());
  EXPECT_TRUE(changes_between("not json", "[]").empty());
}

TEST(EventNames, EveryEventAndKindOfRecordHasAJapaneseAndAnEnglishName) {
  for (auto type : all_values<EventType>()) {
    EXPECT_FALSE(label_of(type).ja.empty()) << name_of(type);
    EXPECT_FALSE(label_of(type).en.empty()) << name_of(type);
  }
  for (auto kind : all_values<ResourceType>()) EXPECT_FALSE(label_of(kind).ja.empty());
  EXPECT_EQ(label_of(EventType::audit_export).ja, "アクセスログのCSV出力");
}

}  // namespace hersys::audit
