#include "app/system_api.h"

#include <spdlog/spdlog.h>

#include "platform/embedded.h"
#include "platform/http/problem.h"

namespace hersys::app {
using http::Request;
using http::Response;
using http::Status;

namespace {
const http::RouteOptions kPublic{.access = http::Access::public_access};
}  // namespace

void register_system_routes(http::Router& router, Context& context) {
  // Liveness plus a database round trip: a load balancer takes the instance out when either
  // fails.
  router.add(
      http::Verb::get, "/healthz",
      [&context](Request& request) {
        try {
          auto row = context.database.read().query_one(
              "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
          return Response::json(
              Status::ok,
              {{"status", "ok"},
               {"database",
                context.database.dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"},
               {"schema_version", row->integer(0)}});
        } catch (const std::exception& e) {
          spdlog::error("request {} health check: database failed: {}", request.request_id,
                        e.what());
          throw Problem::unavailable();
        }
      },
      kPublic);

  router.add(http::Verb::get, "/api/v1/version",
             [](Request&) {
               return Response::json(Status::ok, {{"name", "hersys"}, {"version", HERSYS_VERSION}});
             },
             {.execution = http::Execution::io_thread, .access = http::Access::public_access});

  router.add(http::Verb::get, "/api/v1/openapi.yaml",
             [](Request&) {
               return Response::text(Status::ok, std::string(*embedded_file("openapi.yaml")),
                                     "application/yaml; charset=utf-8");
             },
             {.execution = http::Execution::io_thread, .access = http::Access::public_access});
}

}  // namespace hersys::app
