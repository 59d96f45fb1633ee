#include "app/routes.h"

#include "app/system_api.h"
#include "cases/api.h"
#include "daily/api.h"
#include "identity/api.h"
#include "workbench/api.h"

namespace hersys::app {

void register_routes(http::Router& router, Context& context) {
  register_system_routes(router, context);
  identity::register_routes(router, context.database, context.clock);
  cases::register_routes(router, context.database, context.clock);
  daily::register_routes(router, context.database, context.clock);
  workbench::register_routes(router, context.database, context.clock);
}

}  // namespace hersys::app
