// The issuers' routes (SPEC ORG-2, AUTH-3, ACL-7): the organisation directory, creating
// organisations, issuing, unlocking and resetting accounts, and the own organisation's log.
#include "audit/model.h"
#include "identity/administration.h"
#include "identity/api.h"
#include "identity/api_json.h"
#include "identity/auth.h"
#include "identity/rules.h"
#include "platform/http/body.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"

namespace hersys::identity {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using http::Status;
using nlohmann::json;

json record_json(const audit::Record& r) {
  const auto& e = r.event;
  json j = {{"id", r.id},
            {"recorded_at", r.recorded_at},
            {"action", audit::name_of(e.action)},
            {"type", e.type},
            {"outcome", audit::name_of(e.outcome)},
            {"resource_type", e.resource_type},
            {"resource_id", e.resource_id},
            {"patient_id", e.patient_id},
            {"client_address", e.client_address},
            {"request_id", e.request_id},
            {"detail", e.detail}};
  j["account_id"] = e.account_id ? json(*e.account_id) : json(nullptr);
  return j;
}

json issued_json(const IssuedAccount& issued) {
  json j = issued.account;
  j["initial_password"] = issued.initial_password;  // shown once, never stored
  return j;
}

Problem invalid_kind() {
  return Problem::invalid({{"kind",
                            "invalid_choice",
                            {"機関の種別を選んでください。", "Choose the kind of organisation."}}});
}

// --- Organisations ---

Response read_directory(Administration& admin, Request& request) {
  OrganisationFilter filter;
  if (auto kind = request.query_value("kind")) {
    filter.kind = parse_name<OrganisationKind>(*kind);
    if (!filter.kind) throw invalid_kind();
  }
  filter.prefecture_code = request.query_value("prefecture_code").value_or("");
  filter.parent_id = http::int_query(request, "parent_id", 1, INT64_MAX);
  const auto limit = http::int_query(request, "limit", 1, 500).value_or(100);
  json organisations = admin.directory(caller_of(request), filter, static_cast<int>(limit));
  return Response::json(Status::ok, {{"organisations", organisations}});
}

Response create_child_organisation(Administration& admin, Request& request) {
  BodyReader body(request.json);
  Organisation input;
  const auto kind = parse_name<OrganisationKind>(body.text("kind", 40));
  // Presence and length are the rules' (validate_organisation), so every problem shows at once.
  input.name = body.text("name", 400, false);
  input.address = body.text("address", 800, false);
  input.email = body.code("email", 400, false);
  input.municipality_code = body.code("municipality_code", 30, false);
  input.city_health_center = body.boolean("city_health_center");
  input.files_daily_reports = body.boolean("files_daily_reports");
  if (kind) {
    input.kind = *kind;
    input.prefecture_code = caller_of(request).organisation.prefecture_code;
    body.add(validate_organisation(input));
  } else {
    body.add(invalid_kind().errors());
  }
  body.check();
  auto created = admin.create_organisation(caller_of(request), input, origin_of(request));
  return Response::json(Status::created, created);
}

Response read_organisation(Administration& admin, Request& request) {
  return Response::json(Status::ok, admin.organisation(caller_of(request), http::id_param(request),
                                                       origin_of(request)));
}

// --- Accounts ---

Response read_accounts(Administration& admin, Request& request) {
  json accounts = admin.accounts(caller_of(request), http::id_param(request), origin_of(request));
  return Response::json(Status::ok, {{"accounts", accounts}});
}

Response issue_new_account(Administration& admin, Request& request) {
  BodyReader body(request.json);
  NewAccount input;
  input.login_id = body.code("login_id", 200, false);
  input.display_name = body.text("display_name", 400, false);
  const auto role_name = body.text("role", 20, false);
  const auto role = parse_name<Role>(role_name.empty() ? "staff" : role_name);
  if (!role) {
    body.add({{"role",
               "invalid_choice",
               {"権限は staff か admin にしてください。", "The role is staff or admin."}}});
  }
  body.add(Administration::check(input, ""));
  body.check();
  input.role = *role;
  auto issued = admin.issue(caller_of(request), http::id_param(request), input, origin_of(request));
  return Response::json(Status::created, issued_json(issued));
}

Response unlock_account(Administration& admin, Request& request) {
  admin.unlock(caller_of(request), http::id_param(request), origin_of(request));
  return Response::json(Status::ok, {{"unlocked", true}});
}

Response reset_account_credentials(Administration& admin, Request& request) {
  auto reset = admin.reset(caller_of(request), http::id_param(request), origin_of(request));
  return Response::json(Status::ok, issued_json(reset));
}

// --- An account's API tokens and disabling it, by its issuer (issue 19 item 1) ---

json managed_token_json(const ApiToken& t) {
  json j = {{"id", t.id},
            {"name", t.name},
            {"created_at", t.created_at},
            {"expires_at", t.expires_at},
            {"revoked", t.revoked}};
  j["last_used_at"] = t.last_used_at ? json(*t.last_used_at) : json(nullptr);
  return j;
}

Response read_account_tokens(Administration& admin, Request& request) {
  json tokens = json::array();
  for (const auto& t :
       admin.tokens(caller_of(request), http::id_param(request), origin_of(request))) {
    tokens.push_back(managed_token_json(t));
  }
  return Response::json(Status::ok, {{"tokens", tokens}});
}

Response revoke_account_token(Administration& admin, Request& request) {
  if (!admin.revoke_token(caller_of(request), http::id_param(request),
                          http::id_param(request, "token_id"), origin_of(request))) {
    throw Problem::not_found();
  }
  return Response::json(Status::ok, {{"revoked", true}});
}

Response disable_account(Administration& admin, Request& request) {
  return Response::json(Status::ok, admin.set_disabled(caller_of(request), http::id_param(request),
                                                       true, origin_of(request)));
}

Response enable_account(Administration& admin, Request& request) {
  return Response::json(Status::ok, admin.set_disabled(caller_of(request), http::id_param(request),
                                                       false, origin_of(request)));
}

// --- The own organisation's access log ---

Response read_access_log(Administration& admin, Request& request) {
  const auto before = http::int_query(request, "before", 1, INT64_MAX).value_or(0);
  const auto limit = http::int_query(request, "limit", 1, 500).value_or(100);
  json records = json::array();
  for (const auto& r :
       admin.access_log(caller_of(request), before, static_cast<int>(limit), origin_of(request))) {
    records.push_back(record_json(r));
  }
  return Response::json(Status::ok, {{"events", records}});
}

// --- Registration ---

void add_organisation_routes(http::Router& router, std::shared_ptr<Administration> admin) {
  using V = http::Verb;
  router.add(V::get, "/api/v1/organisations", http::on(admin, read_directory));
  router.add(V::post, "/api/v1/organisations", http::on(admin, create_child_organisation));
  router.add(V::get, "/api/v1/organisations/{id}", http::on(admin, read_organisation));
}

void add_account_routes(http::Router& router, std::shared_ptr<Administration> admin) {
  using V = http::Verb;
  router.add(V::get, "/api/v1/organisations/{id}/accounts", http::on(admin, read_accounts));
  router.add(V::post, "/api/v1/organisations/{id}/accounts", http::on(admin, issue_new_account));
  router.add(V::post, "/api/v1/accounts/{id}/unlock", http::on(admin, unlock_account),
             http::kNoBody);
  router.add(V::post, "/api/v1/accounts/{id}/reset", http::on(admin, reset_account_credentials),
             http::kNoBody);
  router.add(V::post, "/api/v1/accounts/{id}/disable", http::on(admin, disable_account),
             http::kNoBody);
  router.add(V::post, "/api/v1/accounts/{id}/enable", http::on(admin, enable_account),
             http::kNoBody);
  router.add(V::get, "/api/v1/accounts/{id}/tokens", http::on(admin, read_account_tokens));
  router.add(V::delete_, "/api/v1/accounts/{id}/tokens/{token_id}",
             http::on(admin, revoke_account_token));
}

}  // namespace

void register_admin_routes(http::Router& router, db::Database& database, const Clock& clock) {
  auto admin = std::make_shared<Administration>(database, clock);
  add_organisation_routes(router, admin);
  add_account_routes(router, admin);
  router.add(http::Verb::get, "/api/v1/audit-events", http::on(admin, read_access_log));
}

}  // namespace hersys::identity
