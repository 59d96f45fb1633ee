#pragma once
// HTTP route of the top page's counts (issue 14 item 1). No personal data: numbers only.
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::workbench {

void register_routes(http::Router& router, db::Database& database, const Clock& clock);

}  // namespace hersys::workbench
