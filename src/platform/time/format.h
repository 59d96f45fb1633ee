#pragma once
// Times as they are stored and sent: ISO 8601 in UTC with milliseconds, e.g.
// "2026-11-21T10:05:00.123Z". Lexical order is time order.
#include <string>

#include "platform/time/clock.h"

namespace hersys {

std::string iso8601_utc(Clock::time_point t);

}  // namespace hersys
