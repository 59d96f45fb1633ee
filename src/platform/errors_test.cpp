#include "platform/errors.h"

#include <gtest/gtest.h>

namespace hersys {

TEST(NegotiateLanguage, JapaneseByDefault) {
  EXPECT_EQ(negotiate_language(""), Language::ja);
  EXPECT_EQ(negotiate_language("fr-FR, de"), Language::ja);
  EXPECT_EQ(negotiate_language("garbage;;;q=x,,"), Language::ja);
}

TEST(NegotiateLanguage, PicksTheHigherQuality) {
  EXPECT_EQ(negotiate_language("en"), Language::en);
  EXPECT_EQ(negotiate_language("en-US,en;q=0.9"), Language::en);
  EXPECT_EQ(negotiate_language("ja,en;q=0.8"), Language::ja);
  EXPECT_EQ(negotiate_language("ja;q=0.5, EN-gb;q=0.7"), Language::en);
  EXPECT_EQ(negotiate_language("en;q=0, ja;q=0.1"), Language::ja);
}

TEST(NegotiateLanguage, TagsMatchWholeSubtagsOnly) {
  EXPECT_EQ(negotiate_language("eng"), Language::ja);       // not "en"
  EXPECT_EQ(negotiate_language("en;q=1.5"), Language::ja);  // invalid quality is ignored
}

}  // namespace hersys
