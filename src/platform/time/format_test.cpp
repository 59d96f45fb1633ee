#include "platform/time/format.h"

#include <gtest/gtest.h>

namespace hersys {

TEST(Iso8601Utc, MillisecondsAndZulu) {
  using namespace std::chrono;
  const auto t =
      sys_days{year{2026} / 11 / 21} + hours{23} + minutes{59} + seconds{58} + milliseconds{7};
  EXPECT_EQ(iso8601_utc(t), "2026-11-21T23:59:58.007Z");
  EXPECT_EQ(iso8601_utc(sys_days{year{2026} / 1 / 1}), "2026-01-01T00:00:00.000Z");
  // Tokyo's business day already turned: 23:59 UTC is 08:59 the next day in Japan.
  EXPECT_EQ(tokyo_date(t), year_month_day{year{2026} / 11 / 22});
}

TEST(ParseIso8601Utc, InverseOfTheFormatAndNothingElse) {
  using namespace std::chrono;
  const auto t = sys_days{year{2026} / 2 / 28} + hours{1} + milliseconds{1};
  EXPECT_EQ(parse_iso8601_utc(iso8601_utc(t)), t);
  EXPECT_EQ(parse_iso8601_utc("2026-02-30T00:00:00.000Z"), std::nullopt);
  EXPECT_EQ(parse_iso8601_utc("2026-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_iso8601_utc("garbage"), std::nullopt);
}

}  // namespace hersys

namespace hersys {
TEST(IsoDate, RoundTripAndRejects) {
  using namespace std::chrono;
  const year_month_day day{year{2024} / 2 / 29};
  EXPECT_EQ(iso_date(day), "2024-02-29");
  EXPECT_EQ(parse_iso_date("2024-02-29"), day);
  EXPECT_EQ(parse_iso_date("1999-01-05")->year(), year{1999});
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-1-01", "2024/01/01", "２０２４-01-01",
                          "2024-01-01T", "", "abcd-ef-gh", "2024-00-10", "2024-01-32"}) {
    EXPECT_FALSE(parse_iso_date(bad)) << bad;
  }
}
// issue 19 item 11: dates are bounded (the daily area view took 0000-01-01 and answered
// -001-12-26); a real date outside the range is told apart from no date.
TEST(IsoDate, BoundedFromMeijiTo2100) {
  EXPECT_TRUE(parse_iso_date("1868-10-23"));
  EXPECT_TRUE(parse_iso_date("2100-12-31"));
  for (const char* outside :
       {"0000-01-01", "0999-01-05", "1868-10-22", "2101-01-01", "9999-12-31"}) {
    EXPECT_FALSE(parse_iso_date(outside)) << outside;
    EXPECT_TRUE(iso_date_out_of_range(outside)) << outside;
  }
  for (const char* not_a_date : {"2026-02-30", "0000-00-00", "x", ""}) {
    EXPECT_FALSE(iso_date_out_of_range(not_a_date)) << not_a_date;
  }
  // The normaliser reads them, and leaves the refusal to the rule that names it.
  EXPECT_EQ(normalise_date("0000-01-01"), "0000-01-01");
  EXPECT_EQ(normalise_date("1500/1/2"), "1500-01-02");
  EXPECT_EQ(normalise_date("令和99年1月1日"), "2117-01-01");
  EXPECT_FALSE(parse_iso_date(normalise_date("令和99年1月1日")));
}

TEST(NormaliseDate, WhatPeopleTypeBecomesIso) {
  EXPECT_EQ(normalise_date("2026-11-29"), "2026-11-29");
  EXPECT_EQ(normalise_date("2026/11/29"), "2026-11-29");
  EXPECT_EQ(normalise_date("2026/1/9"), "2026-01-09");
  EXPECT_EQ(normalise_date("2026.11.29"), "2026-11-29");
  EXPECT_EQ(normalise_date("20261129"), "2026-11-29");
  EXPECT_EQ(normalise_date("2026年11月29日"), "2026-11-29");
  EXPECT_EQ(normalise_date("２０２６／１１／２９"), "2026-11-29");
  EXPECT_EQ(normalise_date(" 2026-11-29　"), "2026-11-29");
}

TEST(NormaliseDate, JapaneseEras) {
  EXPECT_EQ(normalise_date("令和8年11月29日"), "2026-11-29");
  EXPECT_EQ(normalise_date("R8.11.29"), "2026-11-29");
  EXPECT_EQ(normalise_date("r8/11/29"), "2026-11-29");
  EXPECT_EQ(normalise_date("令和元年5月1日"), "2019-05-01");
  EXPECT_EQ(normalise_date("平成31年4月30日"), "2019-04-30");
  EXPECT_EQ(normalise_date("平成元年1月8日"), "1989-01-08");
  EXPECT_EQ(normalise_date("S30.4.1"), "1955-04-01");
  EXPECT_EQ(normalise_date("昭和６４年１月７日"), "1989-01-07");
  EXPECT_EQ(normalise_date("T15.12.24"), "1926-12-24");
  EXPECT_EQ(normalise_date("M45.7.29"), "1912-07-29");
  // The day an emperor died ended one era and began the next: both names are that day.
  EXPECT_EQ(normalise_date("大正15年12月25日"), "1926-12-25");
  EXPECT_EQ(normalise_date("昭和元年12月25日"), "1926-12-25");
  EXPECT_EQ(normalise_date("明治45年7月30日"), "1912-07-30");
  EXPECT_EQ(normalise_date("大正元年7月30日"), "1912-07-30");
}

TEST(NormaliseDate, WhatItCannotReadIsLeftForTheRules) {
  EXPECT_EQ(normalise_date("平成31年5月1日"), "平成31年5月1日");  // 令和 by then
  EXPECT_EQ(normalise_date("昭和64年1月8日"), "昭和64年1月8日");  // 平成 by then
  EXPECT_EQ(normalise_date("令和0年1月1日"), "令和0年1月1日");
  EXPECT_EQ(normalise_date("2026-02-30"), "2026-02-30");
  EXPECT_EQ(normalise_date("26/11/29"), "26/11/29");
  EXPECT_EQ(normalise_date("2026/11"), "2026/11");
  EXPECT_EQ(normalise_date("tomorrow"), "tomorrow");
  EXPECT_EQ(normalise_date("67562/11/29"), "67562/11/29");  // no year wraps round
  EXPECT_EQ(normalise_date("S65562.1.1"), "S65562.1.1");
  EXPECT_EQ(normalise_date("大正16年1月1日"), "大正16年1月1日");
  EXPECT_EQ(normalise_date(""), "");
}

}  // namespace hersys
