#include "app/routes.h"

#include "app/system_api.h"
#include "cases/access.h"
#include "cases/api.h"
#include "daily/api.h"
#include "identity/api.h"
#include "workbench/api.h"

namespace hersys::app {

identity::AdministrationHooks administration_hooks() {
  return {.institute_changed = cases::keep_institute_reach, .open_cases_of = cases::open_cases_of};
}

void register_routes(http::Router& router, Context& context) {
  register_system_routes(router, context);
  identity::register_routes(router, context.database, context.clock, {}, administration_hooks());
  cases::register_routes(router, context.database, context.clock);
  daily::register_routes(router, context.database, context.clock);
  workbench::register_routes(router, context.database, context.clock);
}

}  // namespace hersys::app
