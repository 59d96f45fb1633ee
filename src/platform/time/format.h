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

// Calendar dates as the API and the database carry them: "2026-11-21".
std::string iso_date(std::chrono::year_month_day day);
// The inverse of iso_date (exactly that form, a real calendar date); nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

// A date as people type it, as YYYY-MM-DD: "2026-11-29", "2026/11/29", "2026.11.29",
// "20261129", "2026年11月29日" and the Japanese era (和暦) in kanji or by its initial —
// "令和8年11月29日", "R8.11.29", "平成元年4月1日", "S30/4/1" (明治 M, 大正 T, 昭和 S, 平成 H,
// 令和 R), a date outside its era refused. Digits may be full-width (text::half_width runs
// first). Anything it cannot read is returned as typed, for the rules to name as invalid.
std::string normalise_date(std::string_view typed);

}  // namespace hersys
