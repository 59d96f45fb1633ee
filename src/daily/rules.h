#pragma once
// The rules of the daily report, as pure functions (SPEC DAY-1..5): bracket names, count
// limits and the computed total, which date a form belongs to and until when it can be
// submitted, and the history window.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "daily/model.h"
#include "platform/errors.h"
#include "platform/time/clock.h"

namespace hersys::daily {

// The label of each bracket on the form (its stored and sent name is name_of, model.h).
const Text& label_of(Bracket bracket);
inline constexpr Bracket kBrackets[kBracketCount] = {
    Bracket::age_0,       Bracket::age_1_4,   Bracket::age_5_9, Bracket::age_10s,
    Bracket::age_20s,     Bracket::age_30s,   Bracket::age_40s, Bracket::age_50s,
    Bracket::age_60_64,   Bracket::age_65_69, Bracket::age_70s, Bracket::age_80s,
    Bracket::age_90_plus, Bracket::unknown};

// No clinic sees more positives in a day in one bracket; a larger number is a typo (an extra
// zero, a phone number in the wrong field), not a count.
inline constexpr std::int64_t kMaxCount = 99'999;

// The form's counts, each a whole number 0..kMaxCount: a missing bracket is "required" (the
// form starts every field at 0, so a missing one is a mistake, not a zero).
FieldErrors validate_counts(const std::array<std::optional<std::int64_t>, kBracketCount>& counts);

// A count that is not a whole number from 0 to kMaxCount, named by its bracket ("not_integer"
// when it is no number at all, "out_of_range" otherwise).
FieldError count_error(Bracket bracket, std::string code);

// The total of the brackets: computed, never typed.
std::int64_t total_of(const Counts& counts);

// The date a form opened at `now` reports for: the day in Tokyo when it was opened (DAY-3).
Day report_date_at(Clock::time_point now);

// A form may be submitted until the end of the day after its date (Tokyo): typing across
// midnight still counts for the day it was opened, but a form left open for days does not
// file a stale date — the organisation opens it again for today.
Clock::time_point submit_deadline(Day report_date);

// The history tab's window: the seven days ending `today` (DAY-4).
inline constexpr int kHistoryDays = 7;
Day history_from(Day today);

// The area view's rows (DAY-5): one per day from `to` back to `from`, newest first; a day
// nobody reported on is a row of zeros, so a quiet day is seen, not skipped. `sums` are the
// days that have reports, in any order.
std::vector<DaySums> every_day(Day from, Day to, std::vector<DaySums> sums);

}  // namespace hersys::daily
