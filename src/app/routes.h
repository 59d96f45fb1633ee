#pragma once
// The application's routes: every module's API registered on one router. The server, the
// OpenAPI coverage test and the benchmarks all build their router here.
#include "app/context.h"
#include "platform/http/router.h"

namespace hersys::app {

void register_routes(http::Router& router, Context& context);

}  // namespace hersys::app
