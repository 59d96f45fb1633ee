#pragma once
// A case the demo's Shinjuku health center transferred to the Tama one (移管, issue 14), waiting
// in Tama's list of received transfers after `hersys demo`.
#include <cstdint>

#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::app {

// Files a case in Shinjuku's area and transfers it to Tama through the transfer service
// (history, access log and e-mail as a nurse's transfer leaves them); nothing when Tama has
// received a transfer already. Returns the number added (0 or 1).
std::int64_t seed_demo_transfer(db::Database& database, const Clock& clock);

}  // namespace hersys::app
