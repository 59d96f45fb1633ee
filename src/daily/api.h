#pragma once
// HTTP routes of daily reports (SPEC DAY-1..5). No personal data: counts and organisations.
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/time/clock.h"

namespace hersys::daily {

void register_routes(http::Router& router, db::Database& database, const Clock& clock);

}  // namespace hersys::daily
