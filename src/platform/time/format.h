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

}  // namespace hersys
