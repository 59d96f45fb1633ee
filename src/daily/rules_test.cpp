// The daily report's rules (SPEC DAY-1..4): brackets, limits and totals, the date a form
// belongs to across midnight in Tokyo, its deadline, and the history window.
#include "daily/rules.h"

#include <gtest/gtest.h>

#include <set>

#include "platform/time/format.h"

namespace hersys::daily {
namespace {
using namespace std::chrono;
using Counts14 = std::array<std::optional<std::int64_t>, kBracketCount>;

Counts14 zeros() {
  Counts14 c;
  c.fill(std::int64_t{0});
  return c;
}

Clock::time_point utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return sys_days(year{y} / m / d) + hours(hour) + minutes(minute);
}

TEST(DailyRules, FourteenBracketsInTheFormsOrderWithDistinctNamesAndLabels) {
  std::set<std::string_view> names;
  std::set<std::string> labels;
  for (auto b : kBrackets) {
    names.insert(name_of(b));
    labels.insert(label_of(b).ja);
  }
  EXPECT_EQ(names.size(), kBracketCount);
  EXPECT_EQ(labels.size(), kBracketCount);
  EXPECT_EQ(name_of(kBrackets[0]), "age_0");
  EXPECT_EQ(label_of(Bracket::age_60_64).ja, "60-64歳");
  EXPECT_EQ(label_of(Bracket::age_90_plus).ja, "90歳以上");
  EXPECT_EQ(name_of(kBrackets[kBracketCount - 1]), "unknown");
}

TEST(DailyRules, EveryBracketIsAWholeNumberFromZeroToTheMaximum) {
  EXPECT_TRUE(validate_counts(zeros()).empty());
  auto counts = zeros();
  counts[static_cast<size_t>(Bracket::age_20s)] = kMaxCount;
  EXPECT_TRUE(validate_counts(counts).empty());
  for (auto b : kBrackets) {
    for (std::optional<std::int64_t> bad :
         {std::optional<std::int64_t>{-1}, std::optional<std::int64_t>{kMaxCount + 1},
          std::optional<std::int64_t>{}}) {
      auto c = zeros();
      c[static_cast<size_t>(b)] = bad;
      const auto errors = validate_counts(c);
      ASSERT_EQ(errors.size(), 1u) << name_of(b);
      EXPECT_EQ(errors[0].field, "counts." + std::string(name_of(b)));
      EXPECT_EQ(errors[0].code, bad ? "out_of_range" : "required");
      EXPECT_NE(errors[0].message.ja.find(label_of(b).ja), std::string::npos);
      EXPECT_FALSE(errors[0].message.en.empty());
    }
  }
}

TEST(DailyRules, TheTotalIsTheSumOfTheBrackets) {
  Counts c{};
  EXPECT_EQ(total_of(c), 0);
  c = {0, 0, 0, 10000, 2, 2, 2, 3, 0, 0, 7, 1, 0, 100};  // the seed's confirmation screen
  EXPECT_EQ(total_of(c), 10117);
  c.fill(kMaxCount);
  EXPECT_EQ(total_of(c), kMaxCount * static_cast<std::int64_t>(kBracketCount));
}

// DAY-3: the date is Tokyo's when the form is opened; 23:59 JST is 14:59 UTC.
TEST(DailyRules, AFormOpenedBeforeMidnightInTokyoReportsForThatDay) {
  EXPECT_EQ(iso_date(report_date_at(utc(2026, 11, 21, 14, 59))), "2026-11-21");
  EXPECT_EQ(iso_date(report_date_at(utc(2026, 11, 21, 15, 0))), "2026-11-22");
  EXPECT_EQ(iso_date(report_date_at(utc(2026, 11, 20, 15, 0))), "2026-11-21");
}

TEST(DailyRules, AFormCanBeSubmittedUntilTheEndOfTheNextDayInTokyo) {
  const auto date = year{2026} / 11 / 21;
  EXPECT_EQ(submit_deadline(date), utc(2026, 11, 22, 15, 0));  // 2026-11-23 00:00 JST
  EXPECT_LT(utc(2026, 11, 21, 15, 5), submit_deadline(date));  // just after midnight
}

TEST(DailyRules, HistoryCoversTheSevenDaysEndingToday) {
  EXPECT_EQ(iso_date(history_from(year{2026} / 11 / 21)), "2026-11-15");
  EXPECT_EQ(iso_date(history_from(year{2026} / 3 / 3)), "2026-02-25");
}

TEST(DailyRules, TheAreaViewHasARowForEveryDayNewestFirstWithZerosOnQuietDays) {
  DaySums reported{"2026-11-20", {}, 5, 2};
  reported.counts[0] = 5;
  const auto days = every_day(year{2026} / 11 / 18, year{2026} / 11 / 21, {reported});
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[0].date, "2026-11-21");
  EXPECT_EQ(days[0].total, 0);
  EXPECT_EQ(days[0].reports, 0);
  EXPECT_EQ(days[1].date, "2026-11-20");
  EXPECT_EQ(days[1].total, 5);
  EXPECT_EQ(days[1].counts[0], 5);
  EXPECT_EQ(days[3].date, "2026-11-18");
  EXPECT_EQ(every_day(year{2026} / 3 / 1, year{2026} / 3 / 1, {}).size(), 1u);
}

TEST(DailyRules, ChannelsAndStatesHaveStableNames) {
  EXPECT_EQ(parse_name<Channel>("fax"), Channel::fax);
  EXPECT_EQ(parse_name<Channel>("FAX"), std::nullopt);
  EXPECT_EQ(name_of(Channel::phone), "phone");
  EXPECT_EQ(parse_name<State>(name_of(State::submitted)), State::submitted);
}

}  // namespace
}  // namespace hersys::daily
