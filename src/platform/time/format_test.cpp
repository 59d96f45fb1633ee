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
  EXPECT_EQ(parse_iso_date("0999-01-05")->year(), year{999});
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-1-01", "2024/01/01", "２０２４-01-01",
                          "2024-01-01T", "", "abcd-ef-gh", "2024-00-10", "2024-01-32"}) {
    EXPECT_FALSE(parse_iso_date(bad)) << bad;
  }
}
}  // namespace hersys
