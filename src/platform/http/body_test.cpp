#include "platform/http/body.h"

#include <gtest/gtest.h>

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

}  // namespace hersys::http
