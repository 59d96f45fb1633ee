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

}  // namespace hersys
