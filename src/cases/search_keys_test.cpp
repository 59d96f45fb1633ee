// Search keys of names and readings (SPEC CASE-6, CASE-7).
#include "cases/search_keys.h"

#include <gtest/gtest.h>

#include "cases/scope.h"
#include "platform/time/format.h"

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

// issue 14 (CASE-6): an age range is a birth-date range that agrees with age_on, 29 February
// included.
TEST(SearchKeys, AgeRangeIsTheBirthDateRangeThatAgeOnAgrees) {
  using namespace std::chrono;
  const auto day = [](int y, unsigned m, unsigned d) {
    return Day{year{y}, month{m}, std::chrono::day{d}};
  };
  EXPECT_EQ(born_on_or_before_for_age(65, day(2026, 11, 29)), day(1961, 11, 29));
  EXPECT_EQ(born_on_or_before_for_age(0, day(2026, 11, 29)), day(2026, 11, 29));
  EXPECT_EQ(born_on_or_before_for_age(1, day(2028, 2, 29)), day(2027, 2, 28));
  for (const auto today :
       {day(2026, 11, 29), day(2028, 2, 29), day(2025, 2, 28), day(2025, 3, 1)}) {
    for (int age : {0, 1, 17, 18, 65}) {
      const auto limit = born_on_or_before_for_age(age, today);
      for (int shift : {-1, 0, 1}) {
        const Day birth{sys_days{limit} + days{shift}};
        EXPECT_EQ(age_on(birth, today) >= age, shift <= 0) << iso_date(birth) << " " << age;
      }
      const Day leap_birth = day(static_cast<int>(today.year()) - age, 2, 29);
      if (leap_birth.ok()) {
        EXPECT_EQ(age_on(leap_birth, today) >= age, leap_birth <= limit);
      }
    }
  }
}

}  // namespace
}  // namespace hersys::cases
