#pragma once
// Public: the top page's counts of daily reports (src/workbench, issue 14 item 1), each one
// indexed query read when asked.
#include <cstdint>
#include <optional>

#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::daily {

// The organisations of the caller's area (a health center's, a prefecture's) that file daily
// reports and have not filed today's (DAY-5), as the area page lists them; nullopt when the
// caller may not read an area's sums, or is a whole country's (the ministry).
std::optional<std::int64_t> missing_today(db::Session& session, const identity::Caller& caller,
                                          Clock::time_point now);
// Whether the caller's organisation has filed today's daily report (DAY-1); nullopt when it
// files none.
std::optional<bool> filed_today(db::Session& session, const identity::Caller& caller,
                                Clock::time_point now);

}  // namespace hersys::daily
