#pragma once
// HTTP routes of cases and occurrence reports (SPEC CASE-1..8, REP-1..9). Personal data goes
// in bodies only: searches are POSTed, and paths carry internal ids, never a name or an ID.
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::cases {

void register_routes(http::Router& router, db::Database& database, const Clock& clock);
// 移管 (issue 14): transfer_api.cpp.
void register_transfer_routes(http::Router& router, db::Database& database, const Clock& clock);

}  // namespace hersys::cases
