#include "workbench/api.h"

#include "identity/auth.h"
#include "workbench/json.h"
#include "workbench/service.h"

namespace hersys::workbench {
namespace {
using http::Request;
using http::Response;

Response read_counts(Workbench& workbench, Request& request) {
  return Response::json(http::Status::ok, workbench.counts(identity::caller_of(request)));
}

}  // namespace

void register_routes(http::Router& router, db::Database& database, const Clock& clock) {
  auto workbench = std::make_shared<Workbench>(database, clock);
  router.add(http::Verb::get, "/api/v1/workbench", http::on(workbench, read_counts), http::kNoBody);
}

}  // namespace hersys::workbench
