// Search keys of names and readings (SPEC CASE-6, CASE-7).
#include "cases/search_keys.h"

#include <gtest/gtest.h>

namespace hersys::cases {
namespace {

TEST(SearchKeys, KanaIsKatakanaWithoutSpacesAndBigramsAreCharacters) {
  EXPECT_EQ(kana_key("やまだ　たろう"), "ヤマダタロウ");
  EXPECT_EQ(kana_key("ヤマダ タロウ"), "ヤマダタロウ");
  EXPECT_EQ(kana_key("スミス・ジョン"), "スミス・ジョン");
  EXPECT_FALSE(kana_key("山田"));
  EXPECT_FALSE(kana_key("yamada"));
  EXPECT_EQ(name_key("山田　太郎 "), "山田太郎");
  EXPECT_EQ(bigrams("ヤマダ"), (std::vector<std::string>{"マダ", "ヤマ"}));
  EXPECT_TRUE(bigrams("ヤ").empty());
}

// A reading is found however it was typed: katakana, hiragana, half-width katakana (with its
// separate voiced marks), with full- or half-width spaces, for stored keys and queries alike.
TEST(SearchKeys, KanaKeysFoldEveryWayAReadingIsTyped) {
  const auto key = kana_key("ヤマダ タロウ");
  EXPECT_EQ(kana_key("やまだ たろう"), key);
  EXPECT_EQ(kana_key("ﾔﾏﾀﾞ ﾀﾛｳ"), key);
  EXPECT_EQ(kana_key("ﾔﾏﾀﾞ　ﾀﾛｳ"), key);
  EXPECT_EQ(kana_key("ヤマダタロウ"), key);
  EXPECT_EQ(kana_key("ｼﾞｮﾝ･ｽﾐｽ"), "ジョン・スミス");
  EXPECT_EQ(kana_key("ﾊﾟﾊﾟ"), "パパ");
  EXPECT_FALSE(kana_key("ﾔﾏﾀﾞ1"));
  EXPECT_EQ(kana_key("いすゞ"), "イスヾ");
  EXPECT_EQ(bigrams(*kana_key("ﾀﾞﾛ")), bigrams("ダロ"));
}

}  // namespace
}  // namespace hersys::cases
