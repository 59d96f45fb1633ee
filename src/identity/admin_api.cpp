// The issuers' routes (SPEC ORG-2, AUTH-3, ACL-7): the organisation directory, creating
// organisations, issuing, unlocking and resetting accounts, and the own organisation's log.
#include <fmt/format.h>

#include "audit/log.h"
#include "audit/model.h"
#include "identity/account_import.h"
#include "identity/administration.h"
#include "identity/api.h"
#include "identity/api_json.h"
#include "identity/auth.h"
#include "identity/rules.h"
#include "platform/csv/csv.h"
#include "platform/http/body.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/time/format.h"
#include "platform/validation/field_errors.h"

namespace hersys::identity {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using http::Status;
using nlohmann::json;

json record_json(const audit::Listed& listed) {
  const auto& r = listed.record;
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
  j["account_name"] = e.account_id ? json(listed.account_name) : json(nullptr);
  j["organisation_id"] = e.organisation_id ? json(*e.organisation_id) : json(nullptr);
  j["organisation_name"] = e.organisation_id ? json(listed.organisation_name) : json(nullptr);
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
  filter.include_retired = request.query_value("include_retired").value_or("") == "true";
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
  input.phone = body.code("phone", 60, false);
  input.contact_person = body.text("contact_person", 400, false);
  input.city_health_center = body.boolean("city_health_center");
  input.files_daily_reports = body.boolean("files_daily_reports");
  input.public_health_institute = body.boolean("public_health_institute");
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

// Issue 14 item 1: the issuer edits what it registered; `version` as read (409 when stale).
Response update_child_organisation(Administration& admin, Request& request) {
  BodyReader body(request.json);
  OrganisationEdit edit;
  edit.name = body.text("name", 400, false);
  edit.address = body.text("address", 800, false);
  edit.email = body.code("email", 400, false);
  edit.phone = body.code("phone", 60, false);
  edit.contact_person = body.text("contact_person", 400, false);
  edit.files_daily_reports = body.boolean("files_daily_reports");
  edit.public_health_institute = body.optional_boolean("public_health_institute");
  if (request.json.is_object() && request.json.contains("municipality_code")) {
    edit.municipality_code = body.code("municipality_code", 30, false);
  }
  edit.version = body.integer("version", 1);
  body.check();
  return Response::json(Status::ok,
                        admin.update_organisation(caller_of(request), http::id_param(request), edit,
                                                  origin_of(request)));
}

Response retire_organisation(Administration& admin, Request& request) {
  return Response::json(Status::ok, admin.set_retired(caller_of(request), http::id_param(request),
                                                      true, origin_of(request)));
}

Response reinstate_organisation(Administration& admin, Request& request) {
  return Response::json(Status::ok, admin.set_retired(caller_of(request), http::id_param(request),
                                                      false, origin_of(request)));
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

// --- Accounts in bulk (issue 14 item 3, ORG-2) ---

// {csv, organisation_id?}: the file as text (the screen decodes Shift_JIS), and the organisation
// a row without an organisation code is for. The file's reader is the CLI's (account_import.h).
ImportFile import_rows(Administration& admin, Request& request) {
  BodyReader body(request.json);
  const auto csv = body.multiline("csv", kMaxImportBytes);
  const auto organisation_id = body.optional_integer("organisation_id", 1, INT64_MAX);
  body.check();
  std::string default_code;
  if (organisation_id) {
    default_code =
        admin.organisation(caller_of(request), *organisation_id, origin_of(request)).code;
  }
  auto file = read_account_csv(csv, default_code);
  if (file.unreadable()) throw Problem::invalid(std::move(file.errors));
  return file;  // the rows' own problems are named with the database's (issue 14 item 3)
}

json imported_json(const ImportedAccount& a) {
  json j = {{"row", a.row.row},
            {"organisation_id", a.organisation.id},
            {"organisation_code", a.organisation.code},
            {"organisation_name", a.organisation.name},
            {"login_id", a.issued ? a.issued->account.login_id : a.row.account.login_id},
            {"display_name", a.row.account.display_name},
            {"role", name_of(a.row.account.role)}};
  // Shown once, never stored.
  j["initial_password"] = a.issued ? json(a.issued->initial_password) : json(nullptr);
  j["id"] = a.issued ? json(a.issued->account.id) : json(nullptr);
  return j;
}

Response import_accounts(Administration& admin, Request& request, bool commit) {
  auto file = import_rows(admin, request);
  json accounts = json::array();
  for (const auto& a : admin.import_accounts(caller_of(request), file.rows, commit,
                                             origin_of(request), std::move(file.errors))) {
    accounts.push_back(imported_json(a));
  }
  return Response::json(commit ? Status::created : Status::ok,
                        {{"accounts", accounts}, {"issued", commit}});
}

Response check_account_import(Administration& admin, Request& request) {
  return import_accounts(admin, request, false);
}

Response issue_account_import(Administration& admin, Request& request) {
  return import_accounts(admin, request, true);
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

Response read_account_tokens(Administration& admin, Request& request) {
  json tokens = json::array();
  for (const auto& t :
       admin.tokens(caller_of(request), http::id_param(request), origin_of(request))) {
    tokens.push_back(token_json(t));
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

// --- An organisation's access log (issue 19 item 24, ACL-7) ---

// A day of the filter (YYYY-MM-DD, a day in Japan) as the UTC time it begins: from 2026-11-29
// is from 2026-11-28T15:00:00.000Z; to 2026-11-29 is until the next day begins.
std::string japan_day_start(Request& request, const std::string& name, int days_later) {
  if (const auto text = request.query_value(name); !text || text->empty()) return {};
  const auto day = http::date_query(request, name);  // the one date rule (bounded, named)
  const auto start =
      std::chrono::sys_days(*day) + std::chrono::days(days_later) - std::chrono::hours(9);
  return iso8601_utc(std::chrono::time_point_cast<Clock::time_point::duration>(start));
}

template <typename Enum>
std::optional<Enum> choice_query(Request& request, const std::string& name) {
  const auto text = request.query_value(name);
  if (!text || text->empty()) return std::nullopt;
  const auto value = parse_name<Enum>(*text);
  if (!value) throw Problem::invalid({field_errors::invalid_choice(name)});
  return value;
}

// The filter of GET /api/v1/audit-events and its CSV export: period, event, account,
// organisation, kind of record, outcome; paging by offset (or the older `before` id).
audit::Filter access_log_filter(Request& request) {
  audit::Filter f;
  f.organisation_id = http::int_query(request, "organisation_id", 1, INT64_MAX).value_or(0);
  f.from = japan_day_start(request, "from", 0);
  f.until = japan_day_start(request, "to", 1);
  f.type = choice_query<audit::EventType>(request, "event");
  f.account_id = http::int_query(request, "account_id", 1, INT64_MAX);
  f.resource_type = choice_query<audit::ResourceType>(request, "resource_type");
  f.outcome = choice_query<audit::Outcome>(request, "outcome");
  f.before_id = http::int_query(request, "before", 1, INT64_MAX).value_or(0);
  f.offset = http::int_query(request, "offset", 0, INT64_MAX).value_or(0);
  f.limit = static_cast<int>(http::int_query(request, "limit", 1, 500).value_or(100));
  return f;
}

Response read_access_log(Administration& admin, Request& request) {
  const auto filter = access_log_filter(request);
  const auto page = admin.access_log(caller_of(request), filter, origin_of(request));
  json records = json::array();
  for (const auto& r : page.records) records.push_back(record_json(r));
  return Response::json(Status::ok, {{"events", records},
                                     {"total", page.total},
                                     {"offset", filter.offset},
                                     {"limit", filter.limit}});
}

// A CSV field that a spreadsheet shows as text, never runs as a formula.
std::string cell(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    return csv::quote("'" + std::string(text));
  }
  return csv::quote(text);
}

// A stored time as people in Japan read it: 2026-11-29 16:39:02.
std::string japan_time(const std::string& recorded_at) {
  const auto at = parse_iso8601_utc(recorded_at);
  if (!at) return recorded_at;
  const auto local = std::chrono::floor<std::chrono::seconds>(*at + std::chrono::hours(9));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time(local - day);
  return fmt::format("{} {:02}:{:02}:{:02}", iso_date(std::chrono::year_month_day(day)),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

template <typename Enum>
std::string label(const std::string& code, Language language) {
  const auto value = parse_name<Enum>(code);
  return value ? audit::label_of(*value).in(language) : code;
}

// Every record the filter matches (up to kCsvRows, newest first) as CSV, UTF-8 with a
// byte-order mark for Excel, headed in the request's language. The export is logged as
// audit.export.
constexpr int kCsvRows = 50000;

Response export_access_log(Administration& admin, Request& request) {
  auto filter = access_log_filter(request);
  filter.offset = 0;
  filter.before_id = 0;
  filter.limit = kCsvRows;
  const auto page = admin.access_log(caller_of(request), filter, origin_of(request), true);
  const auto ja = request.language == Language::ja;
  const std::vector<std::string> header =
      ja ? std::vector<std::string>{"番号",         "日時（日本時間）", "日時（UTC）",
                                    "イベント",     "イベントコード",   "結果",
                                    "アカウントID", "アカウント名",     "機関ID",
                                    "機関名",       "対象の種類",       "対象ID",
                                    "患者ID",       "接続元",           "リクエストID",
                                    "詳細"}
         : std::vector<std::string>{"No.",
                                    "Time (Japan)",
                                    "Time (UTC)",
                                    "Event",
                                    "Event code",
                                    "Outcome",
                                    "Account ID",
                                    "Account name",
                                    "Organisation ID",
                                    "Organisation name",
                                    "Kind of record",
                                    "Record ID",
                                    "Patient ID",
                                    "Client address",
                                    "Request ID",
                                    "Detail"};
  std::string out = "\xEF\xBB\xBF";
  const auto line = [&out](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + cell(fields[i]);
    out += "\r\n";
  };
  line(header);
  const auto outcome_label = [ja](audit::Outcome o) -> std::string {
    switch (o) {
      case audit::Outcome::success: return ja ? "成功" : "Success";
      case audit::Outcome::denied: return ja ? "拒否" : "Denied";
      case audit::Outcome::failure: return ja ? "失敗" : "Failure";
    }
    return {};
  };
  const auto id = [](const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
  };
  for (const auto& listed : page.records) {
    const auto& r = listed.record;
    const auto& e = r.event;
    line({std::to_string(r.id), japan_time(r.recorded_at), r.recorded_at,
          label<audit::EventType>(e.type, request.language), e.type, outcome_label(e.outcome),
          id(e.account_id), listed.account_name, id(e.organisation_id), listed.organisation_name,
          label<audit::ResourceType>(e.resource_type, request.language), e.resource_id,
          e.patient_id, e.client_address, e.request_id, e.detail});
  }
  auto response = Response::text(Status::ok, std::move(out), "text/csv; charset=utf-8");
  response.headers.set("Content-Disposition", "attachment; filename=\"access-log.csv\"");
  response.headers.set("X-Total-Count", std::to_string(page.total));
  return response;
}

// --- Registration ---

void add_organisation_routes(http::Router& router, std::shared_ptr<Administration> admin) {
  using V = http::Verb;
  router.add(V::get, "/api/v1/organisations", http::on(admin, read_directory));
  router.add(V::post, "/api/v1/organisations", http::on(admin, create_child_organisation));
  router.add(V::get, "/api/v1/organisations/{id}", http::on(admin, read_organisation));
  router.add(V::put, "/api/v1/organisations/{id}", http::on(admin, update_child_organisation));
  router.add(V::post, "/api/v1/organisations/{id}/retire", http::on(admin, retire_organisation),
             http::kNoBody);
  router.add(V::post, "/api/v1/organisations/{id}/reinstate",
             http::on(admin, reinstate_organisation), http::kNoBody);
}

void add_account_routes(http::Router& router, std::shared_ptr<Administration> admin) {
  using V = http::Verb;
  router.add(V::get, "/api/v1/organisations/{id}/accounts", http::on(admin, read_accounts));
  router.add(V::post, "/api/v1/organisations/{id}/accounts", http::on(admin, issue_new_account));
  router.add(V::post, "/api/v1/accounts/import/check", http::on(admin, check_account_import));
  router.add(V::post, "/api/v1/accounts/import", http::on(admin, issue_account_import));
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

void register_admin_routes(http::Router& router, db::Database& database, const Clock& clock,
                           const AdministrationHooks& hooks) {
  auto admin = std::make_shared<Administration>(database, clock, hooks);
  add_organisation_routes(router, admin);
  add_account_routes(router, admin);
  router.add(http::Verb::get, "/api/v1/audit-events", http::on(admin, read_access_log));
  router.add(http::Verb::get, "/api/v1/audit-events.csv", http::on(admin, export_access_log));
}

}  // namespace hersys::identity
