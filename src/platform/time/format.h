#pragma once
// Times as they are stored and sent: ISO 8601 in UTC with milliseconds, e.g.
// "2026-11-21T10:05:00.123Z". Lexical order is time order.
#include <optional>
#include <string>
#include <string_view>

#include "platform/time/clock.h"

namespace hersys {

std::string iso8601_utc(Clock::time_point t);

// The inverse of iso8601_utc (exactly that form); nullopt for anything else.
std::optional<Clock::time_point> parse_iso8601_utc(std::string_view text);

// The dates the system accepts (issue 19 item 11): from the first day of 明治 (the earliest
// date normalise_date reads in an era) to 2100-12-31. A year 0000 or 9999 is a typing mistake
// or a probe, and days counted back from it are no dates at all (-001-12-26).
inline constexpr std::chrono::year_month_day kFirstDate{std::chrono::year{1868} / 10 / 23};
inline constexpr std::chrono::year_month_day kLastDate{std::chrono::year{2100} / 12 / 31};

// Calendar dates as the API and the database carry them: "2026-11-21".
std::string iso_date(std::chrono::year_month_day day);
// The inverse of iso_date (exactly that form, a real calendar date from kFirstDate to
// kLastDate); nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);
// True for exactly the form of iso_date and a real calendar date, outside kFirstDate..kLastDate
// (for naming the error: field_errors::bad_date).
bool iso_date_out_of_range(std::string_view text);

// A date as people type it, as YYYY-MM-DD: "2026-11-29", "2026/11/29", "2026.11.29",
// "20261129", "2026年11月29日" and the Japanese era (和暦) in kanji or by its initial —
// "令和8年11月29日", "R8.11.29", "平成元年4月1日", "S30/4/1" (明治 M, 大正 T, 昭和 S, 平成 H,
// 令和 R), a date outside its era refused. Digits may be full-width (text::half_width runs
// first). Anything it cannot read is returned as typed, for the rules to name as invalid; a
// date it reads outside kFirstDate..kLastDate is returned as YYYY-MM-DD, which parse_iso_date
// refuses and field_errors::bad_date names as out of range.
std::string normalise_date(std::string_view typed);

}  // namespace hersys
