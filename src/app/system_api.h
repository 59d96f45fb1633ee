#pragma once
// Routes about the system itself: health, version, the API document.
#include "app/context.h"
#include "platform/http/router.h"

namespace hersys::app {

void register_system_routes(http::Router& router, Context& context);

}  // namespace hersys::app
