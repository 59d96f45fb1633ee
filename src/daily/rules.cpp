#include "daily/rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "platform/time/format.h"

namespace hersys::daily {
namespace {

// In the order of Bracket.
const Text kBracketLabels[kBracketCount] = {
    {"0歳", "0"},         {"1-4歳", "1-4"},     {"5-9歳", "5-9"},  {"10代", "10-19"},
    {"20代", "20-29"},    {"30代", "30-39"},    {"40代", "40-49"}, {"50代", "50-59"},
    {"60-64歳", "60-64"}, {"65-69歳", "65-69"}, {"70代", "70-79"}, {"80代", "80-89"},
    {"90歳以上", "90+"},  {"不明", "unknown"},
};

}  // namespace

const Text& label_of(Bracket bracket) { return kBracketLabels[static_cast<size_t>(bracket)]; }

FieldError count_error(Bracket bracket, std::string code) {
  const auto& label = label_of(bracket);
  return {
      fmt::format("counts.{}", name_of(bracket)),
      std::move(code),
      {fmt::format("{}の人数は 0 から {} までの整数で入力してください。", label.ja, kMaxCount),
       fmt::format("The count for {} must be a whole number from 0 to {}.", label.en, kMaxCount)}};
}

FieldErrors validate_counts(const std::array<std::optional<std::int64_t>, kBracketCount>& counts) {
  FieldErrors errors;
  for (auto bracket : kBrackets) {
    const auto& count = counts[static_cast<size_t>(bracket)];
    const auto field = fmt::format("counts.{}", name_of(bracket));
    const auto& label = label_of(bracket);
    if (!count) {
      errors.push_back({field,
                        "required",
                        {fmt::format("{}の人数を入力してください（いない場合は 0）。", label.ja),
                         fmt::format("Enter the count for {} (0 if none).", label.en)}});
    } else if (*count < 0 || *count > kMaxCount) {
      errors.push_back(count_error(bracket, "out_of_range"));
    }
  }
  return errors;
}

std::int64_t total_of(const Counts& counts) {
  std::int64_t total = 0;
  for (auto c : counts) total += c;
  return total;
}

Day report_date_at(Clock::time_point now) { return tokyo_date(now); }

Clock::time_point submit_deadline(Day report_date) {
  // Midnight in Tokyo two days later, as a UTC time point.
  return std::chrono::sys_days(report_date) + std::chrono::days(2) - kTokyoOffset;
}

Day history_from(Day today) {
  return Day(std::chrono::sys_days(today) - std::chrono::days(kHistoryDays - 1));
}

std::vector<DaySums> every_day(Day from, Day to, std::vector<DaySums> sums) {
  std::vector<DaySums> days;
  for (auto day = std::chrono::sys_days(to); day >= std::chrono::sys_days(from);
       day -= std::chrono::days(1)) {
    const auto date = iso_date(Day(day));
    const auto found =
        std::find_if(sums.begin(), sums.end(), [&](const DaySums& s) { return s.date == date; });
    days.push_back(found != sums.end() ? std::move(*found) : DaySums{date});
  }
  return days;
}

}  // namespace hersys::daily
