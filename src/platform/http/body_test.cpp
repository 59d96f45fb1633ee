#include "platform/http/body.h"

#include <gtest/gtest.h>

#include "platform/http/params.h"
#include "platform/http/problem.h"

namespace hersys::http {

TEST(BodyReader, ReadsTextAndCollectsEveryError) {
  auto body = nlohmann::json::parse(R"({"a":"x","b":"","c":5,"d":"toolong"})");
  BodyReader reader(body);
  EXPECT_EQ(reader.text("a"), "x");
  reader.text("b");
  reader.text("c");
  reader.text("d", 3);
  reader.text("missing");
  EXPECT_EQ(reader.text("optional", 10, false), "");
  try {
    reader.check();
    FAIL();
  } catch (const Problem& p) {
    ASSERT_EQ(p.errors().size(), 4u);
    EXPECT_EQ(p.kind(), ProblemKind::invalid);
    EXPECT_EQ(p.errors()[0].field, "b");
    EXPECT_EQ(p.errors()[0].code, "required");
    EXPECT_EQ(p.errors()[1].code, "not_text");
    EXPECT_EQ(p.errors()[2].code, "too_long");
    EXPECT_EQ(p.errors()[3].field, "missing");
  }
}

TEST(BodyReader, ANonObjectBodyIsOneError) {
  auto body = nlohmann::json::parse("[1,2]");
  BodyReader reader(body);
  EXPECT_EQ(reader.text("a"), "");
  EXPECT_THROW(reader.check(), Problem);
}

// issue 19 item 11: control characters are refused where input is read, with a named error; a
// text area's free text may hold tabs and line breaks.
TEST(BodyReader, RefusesControlCharacters) {
  nlohmann::json body = {{"name", std::string("山田\0太郎", 13)},
                         {"address", "東京都\t府中市"},
                         {"postal", "183\x01"},
                         {"note", "一行目\r\n二行目\tタブ"},
                         {"bad_note", "a\x1b[31m"},
                         {"list", {"ok", "b\x7f"}}};
  BodyReader reader(body);
  EXPECT_EQ(reader.text("name"), "");
  EXPECT_EQ(reader.text("address"), "");
  EXPECT_EQ(reader.code("postal"), "");
  EXPECT_EQ(reader.multiline("note", 200), "一行目\r\n二行目\tタブ");
  EXPECT_EQ(reader.multiline("bad_note"), "");
  EXPECT_EQ(reader.texts("list", 5), std::vector<std::string>{"ok"});
  const auto& errors = reader.errors();
  ASSERT_EQ(errors.size(), 5u);
  const std::vector<std::string> fields = {"name", "address", "postal", "bad_note", "list.1"};
  for (size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].field, fields[i]);
    EXPECT_EQ(errors[i].code, "control_character");
    EXPECT_FALSE(errors[i].message.ja.empty());
    EXPECT_FALSE(errors[i].message.en.empty());
  }
}

// issue 19 item 11: a query date follows the rule of a body date.
TEST(DateQuery, RefusesDatesOutOfRangeByName) {
  Request request;
  EXPECT_EQ(date_query(request, "date"), std::nullopt);
  request.query.emplace("date", "2026-11-29");
  EXPECT_EQ(date_query(request, "date"), Day{std::chrono::year{2026} / 11 / 29});
  for (const auto& [text, code] :
       std::vector<std::pair<std::string, std::string>>{{"0000-01-01", "date_out_of_range"},
                                                        {"2101-01-01", "date_out_of_range"},
                                                        {"2026-02-30", "invalid_date"},
                                                        {"yesterday", "invalid_date"}}) {
    Request r;
    r.query.emplace("from", text);
    try {
      date_query(r, "from");
      ADD_FAILURE() << text;
    } catch (const Problem& p) {
      EXPECT_EQ(p.kind(), ProblemKind::invalid);
      ASSERT_EQ(p.errors().size(), 1u);
      EXPECT_EQ(p.errors()[0].field, "from");
      EXPECT_EQ(p.errors()[0].code, code) << text;
    }
  }
}

}  // namespace hersys::http
