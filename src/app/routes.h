#pragma once
// The application's routes: every module's API registered on one router. The server, the
// OpenAPI coverage test and the benchmarks all build their router here.
#include "app/context.h"
#include "identity/administration.h"
#include "platform/http/router.h"

namespace hersys::app {

void register_routes(http::Router& router, Context& context);

// What cases keeps in step with identity's organisations (issue 14 items 1-2): identity includes
// no feature, so the application connects them here, for the routes and the operator's CLI.
identity::AdministrationHooks administration_hooks();

}  // namespace hersys::app
