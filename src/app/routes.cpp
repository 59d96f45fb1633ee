#include "app/routes.h"

#include "app/system_api.h"

namespace hersys::app {

void register_routes(http::Router& router, Context& context) {
  register_system_routes(router, context);
}

}  // namespace hersys::app
