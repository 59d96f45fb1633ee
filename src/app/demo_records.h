#pragma once
// A few dated 記録 entries on demo cases (issue 14, CASE-5), so that the 記録 tab shows a log
// after `hersys demo`: status changes and notes on different days, by the Tama health center
// and the reporting institution.
#include <cstdint>

#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::app {

// Adds entries to up to `cases` demo patients of the Tama health center (the latest reported);
// none when the health center has written entries already. Returns the number of patients
// given entries.
std::int64_t seed_demo_record_entries(db::Database& database, const Clock& clock, int cases = 5);

}  // namespace hersys::app
