#include "cases/api.h"

#include "cases/export.h"
#include "cases/hersys_id.h"
#include "cases/json.h"
#include "cases/patients.h"
#include "cases/record_log.h"
#include "cases/reports.h"
#include "cases/validation.h"
#include "identity/auth.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/phone/phone.h"
#include "platform/time/format.h"
#include "platform/validation/field_errors.h"

namespace hersys::cases {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using HttpStatus = http::Status;
using identity::caller_of;
using identity::origin_of;
using nlohmann::json;

// --- Reading request bodies ---

// The report form's body: the report's fields at the top level, the patient under "patient".
std::optional<Identity> read_patient(BodyReader& body, const json& request) {
  if (!request.is_object() || !request.contains("patient") || request["patient"].is_null()) {
    return std::nullopt;
  }
  BodyReader patient(request["patient"], "patient");
  auto identity = read_identity(patient);
  body.add(patient.errors());
  return identity;
}

std::optional<std::int64_t> read_id(BodyReader& body, const std::string& field) {
  return body.optional_integer(field, 1, INT64_MAX);
}

constexpr int kMaxAge = 130;  // the search's age range, in whole years

// A date that must be one (a search bound): as typed is not kept.
std::string read_date(BodyReader& body, const std::string& field) {
  auto text = body.date(field);
  if (!text.empty() && !parse_iso_date(text)) {
    body.add({field_errors::bad_date(field, text)});
    return {};
  }
  return text;
}

SearchFilter read_filter(BodyReader& b) {
  SearchFilter f;
  f.hersys_id = b.code("hersys_id", 60, false);
  if (!f.hersys_id.empty()) b.add(validate_hersys_id(f.hersys_id, "hersys_id", true));
  f.name = b.text("name", 200, false);
  f.birth_date = read_date(b, "birth_date");
  f.phone = b.code("phone", 120, false);
  if (!f.phone.empty() && !phone::parse(f.phone)) b.add({field_errors::invalid_phone("phone")});
  f.reported_from = read_date(b, "reported_from");
  f.reported_to = read_date(b, "reported_to");
  const auto status = b.text("status", 40, false);
  if (status == "none") {
    f.without_status = true;
  } else if (!status.empty()) {
    f.status = parse_name<Status>(status);
    if (!f.status) b.add({field_errors::invalid_choice("status")});
  }
  f.health_center_id = read_id(b, "health_center_id");
  // issue 14: the reporting institution, 保健所確認, an age range, still open.
  f.reporter_id = read_id(b, "reporter_id");
  f.confirmation = read_choice<Confirmation>(b, "confirmation");
  const auto age = [&b](const char* field) -> std::optional<int> {
    const auto years = b.optional_integer(field, 0, kMaxAge);
    return years ? std::optional<int>(static_cast<int>(*years)) : std::nullopt;
  };
  f.age_from = age("age_from");
  f.age_to = age("age_to");
  if (f.age_from && f.age_to && *f.age_from > *f.age_to) {
    b.add({{"age_to",
            "order",
            {"年齢（まで）が年齢（から）より小さくなっています。",
             "The upper age is below the lower age."}}});
  }
  f.open_only = b.boolean("open_only");
  f.include_past = b.boolean("include_past");
  const auto order = b.text("order", 10, false);
  if (!order.empty() && order != "newest" && order != "oldest") {
    b.add({field_errors::invalid_choice("order")});
  }
  f.oldest_first = order == "oldest";
  f.limit = static_cast<int>(b.integer("limit", 1, 200, 50));
  f.offset = static_cast<int>(b.integer("offset", 0, 100'000, 0));
  return f;
}

Filing read_filing(const json& request) {
  BodyReader body(request);
  Filing filing;
  filing.fields = read_report_fields(body);
  filing.patient = read_patient(body, request);
  filing.patient_id = read_id(body, "patient_id");
  filing.supersedes = read_id(body, "supersedes");
  filing.confirm_new_patient = body.boolean("confirm_new_patient");
  filing.submit = body.boolean("submit");
  body.check();
  return filing;
}

// The tab `tab` of a patient as a PUT sends it.
Patient read_tab(BodyReader& body, Tab tab) {
  Patient input;
  switch (tab) {
    case Tab::identity: input.identity = read_identity(body); break;
    case Tab::residences: input.residences = read_residences(body); break;
    case Tab::medical: input.medical = read_medical(body); break;
  }
  return input;
}

Response done() { return Response::json(HttpStatus::ok, {{"done", true}}); }

// --- Occurrence reports ---

Response file_report(Reports& reports, Request& request) {
  const auto filed =
      reports.file(caller_of(request), read_filing(request.json), origin_of(request));
  if (!filed.look_alikes.empty()) {
    throw Problem(ProblemKind::conflict, "look_alikes",
                  {"同じ方と思われる患者が登録されています。既存の患者に紐づけるか、別人として"
                   "登録してください。",
                   "Patients who look like this one exist: link to one of them, or confirm a "
                   "new patient."})
        .with("look_alikes", filed.look_alikes);
  }
  return Response::json(HttpStatus::created,
                        {{"report_id", filed.report_id}, {"patient_id", filed.patient_id}});
}

// The form's live check: every field error and the scope judgement, nothing written.
Response check_form(Reports& reports, Request& request) {
  BodyReader body(request.json);
  const auto fields = read_report_fields(body);
  const auto patient = read_patient(body, request.json).value_or(Identity{});
  const auto stage = body.boolean("submit", true) ? Stage::submission : Stage::draft;
  auto errors = body.errors();
  for (auto& e : validate_report(fields, patient, stage, reports.today())) {
    errors.push_back(std::move(e));
  }
  return Response::json(HttpStatus::ok, {{"scope", judge_scope(fields, patient)},
                                         {"errors", http::errors_json(errors, request.language)}});
}

// issue 19 item 23: the organisation's drafts, newest first, a page of kDraftPageSize.
Response list_drafts(Reports& reports, Request& request) {
  const auto page = http::int_query(request, "page", 1, 100'000).value_or(1);
  return Response::json(HttpStatus::ok, reports.drafts(caller_of(request), static_cast<int>(page),
                                                       origin_of(request)));
}

// issue 19 item 22: the reporting doctor and institution the form starts from.
Response report_defaults(Reports& reports, Request& request) {
  return Response::json(HttpStatus::ok, reports.defaults(caller_of(request)));
}

Response read_report(Reports& reports, Request& request) {
  return Response::json(HttpStatus::ok, reports.view(caller_of(request), http::id_param(request),
                                                     origin_of(request)));
}

// Each handler of a record decides access first (issue 19 item 8): its body is judged only for
// a caller that may know of the record.
Response edit_report(Reports& reports, Request& request) {
  reports.decide(caller_of(request), http::id_param(request), identity::Action::write_case,
                 origin_of(request));
  BodyReader body(request.json);
  const auto fields = read_report_fields(body);
  const auto patient = read_patient(body, request.json);
  body.check();
  reports.edit(caller_of(request), http::id_param(request), fields, patient, origin_of(request));
  return done();
}

Response submit_report(Reports& reports, Request& request) {
  reports.submit(caller_of(request), http::id_param(request), origin_of(request));
  return done();
}

Response confirm_report(Reports& reports, Request& request) {
  reports.confirm(caller_of(request), http::id_param(request), origin_of(request));
  return done();
}

// issue 14 item 2 (REP-5): the inbox, a page of kInboxPageSize, `filter` its list.
Response read_inbox(Reports& reports, Request& request) {
  std::optional<InboxFilter> filter;
  if (const auto text = request.query_value("filter")) {
    filter = parse_name<InboxFilter>(*text);
    if (!filter) throw Problem::invalid({field_errors::invalid_choice("filter")});
  }
  const auto page = http::int_query(request, "page", 1, 100'000).value_or(1);
  return Response::json(HttpStatus::ok, reports.inbox(caller_of(request), filter,
                                                      static_cast<int>(page), origin_of(request)));
}

// issue 14 item 2: several reports confirmed at once, each on its own (per-item results): one
// that changed meanwhile (`stale`), is not the caller's (`not_found`, logged) or is not
// submitted does not stop the others.
Response confirm_reports(Reports& reports, Request& request) {
  BodyReader body(request.json);
  std::vector<ConfirmItem> items;
  const auto& list = body.array("reports", kInboxPageSize * 5);
  if (list.empty() && body.errors().empty()) body.add({field_errors::required("reports")});
  for (size_t i = 0; i < list.size(); ++i) {
    BodyReader b(list[i], body.name("reports") + "." + std::to_string(i));
    ConfirmItem item;
    item.id = b.integer("id", 1);
    item.version = b.integer("version", 1);
    body.add(b.errors());
    if (b.errors().empty()) items.push_back(item);
  }
  body.check();
  const auto results = reports.confirm_many(caller_of(request), items, origin_of(request));
  json list_json = json::array();
  std::int64_t confirmed = 0;
  for (const auto& r : results) {
    json item = {{"id", r.id}, {"confirmed", r.confirmed}};
    if (r.problem) {
      item["status"] = static_cast<int>(http::status_of(r.problem->kind()));
      item["code"] = r.problem->code();
      item["title"] = r.problem->title().in(request.language);
    }
    confirmed += r.confirmed ? 1 : 0;
    list_json.push_back(std::move(item));
  }
  return Response::json(HttpStatus::ok, {{"confirmed", confirmed}, {"results", list_json}});
}

// issue 14 item 3: データチェック済 by a 地方衛生研究所.
Response check_report(Reports& reports, Request& request) {
  reports.check_data(caller_of(request), http::id_param(request), origin_of(request));
  return done();
}

Response reclass_report(Reports& reports, Request& request) {
  reports.decide(caller_of(request), http::id_param(request), identity::Action::write_case,
                 origin_of(request));
  BodyReader body(request.json);
  auto before = body.errors().size();
  const auto to = read_choice<DiagnosisClass>(body, "diagnosis_class");
  if (!to && body.errors().size() == before) body.add({field_errors::required("diagnosis_class")});
  before = body.errors().size();
  const auto date = read_date(body, "diagnosis_date");
  if (date.empty() && body.errors().size() == before) {
    body.add({field_errors::required("diagnosis_date")});
  }
  body.check();
  reports.reclass(caller_of(request), http::id_param(request), *to, date, origin_of(request));
  return done();
}

Response set_report_tests(Reports& reports, Request& request) {
  reports.decide(caller_of(request), http::id_param(request), identity::Action::write_case,
                 origin_of(request));
  BodyReader body(request.json);
  const auto tests = read_tests(body, kMaxTests);
  body.check();
  reports.set_tests(caller_of(request), http::id_param(request), tests, origin_of(request));
  return done();
}

Response delete_report(Reports& reports, Request& request) {
  reports.decide(caller_of(request), http::id_param(request), identity::Action::write_case,
                 origin_of(request));
  BodyReader body(request.json);
  if (!body.boolean("confirm")) {
    body.add({{"confirm",
               "confirmation_required",
               {"削除すると元に戻せません。確認のうえ confirm を true にしてください。",
                "Deleting cannot be undone: confirm it explicitly."}}});
  }
  body.check();
  reports.remove(caller_of(request), http::id_param(request), origin_of(request));
  return done();
}

// --- Cases ---

Response search_patients(Patients& patients, Request& request) {
  BodyReader body(request.json);
  const auto filter = read_filter(body);
  body.check();
  return Response::json(HttpStatus::ok,
                        patients.search(caller_of(request), filter, origin_of(request)));
}

// issue 14: the whole result as CSV, for those the policy lets export (export_all).
Response export_patients(Patients& patients, Request& request) {
  BodyReader body(request.json);
  const auto filter = read_filter(body);
  body.check();
  const auto page = patients.export_all(caller_of(request), filter, origin_of(request));
  auto response =
      Response::text(HttpStatus::ok, patients_csv(page, request.language, patients.business_day()),
                     "text/csv; charset=utf-8");
  response.headers.set("Content-Disposition", "attachment; filename=\"patients.csv\"");
  response.headers.set("X-Total-Count", std::to_string(page.total));
  return response;
}

Response read_patient(Patients& patients, Request& request) {
  return Response::json(HttpStatus::ok, patients.view(caller_of(request), http::id_param(request),
                                                      origin_of(request)));
}

// One tab of the case replaced as a whole (PUT /patients/{id}/<tab>).
template <Tab tab>
Response edit_tab(Patients& patients, Request& request) {
  patients.decide(caller_of(request), http::id_param(request), identity::Action::write_case,
                  origin_of(request));
  BodyReader body(request.json);
  const auto input = read_tab(body, tab);
  const auto version = body.optional_integer("version", 1, INT64_MAX);
  body.check();
  patients.edit(caller_of(request), http::id_param(request), tab, input, version,
                origin_of(request));
  return done();
}

Response set_health_centers(Patients& patients, Request& request) {
  patients.decide(caller_of(request), http::id_param(request), identity::Action::set_health_centers,
                  origin_of(request));
  // issue 19 item 12: a field left out is unchanged; `null` asks to remove the responsible one.
  BodyReader body(request.json);
  HealthCenterChange change;
  const auto present = [&](const char* field) {
    return request.json.is_object() && request.json.contains(field);
  };
  if (present("responsible_health_center_id")) {
    change.responsible = read_id(body, "responsible_health_center_id");
  }
  if (present("related_health_center_ids")) {
    std::vector<std::int64_t> related;
    const auto& items = body.array("related_health_center_ids", 20);
    for (size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_number_integer() || items[i].get<std::int64_t>() < 1) {
        body.add({{"related_health_center_ids." + std::to_string(i),
                   "not_id",
                   {"保健所を選んでください。", "Choose a health center."}}});
      } else {
        related.push_back(items[i].get<std::int64_t>());
      }
    }
    change.related = std::move(related);
  }
  body.check();
  patients.set_health_centers(caller_of(request), http::id_param(request), change,
                              origin_of(request));
  return done();
}

Response issue_tracing_number(Patients& patients, Request& request) {
  const auto number =
      patients.tracing_number(caller_of(request), http::id_param(request), origin_of(request));
  return Response::json(HttpStatus::ok, {{"tracing_number", number}});
}

Response read_history(Patients& patients, Request& request) {
  const auto offset = http::int_query(request, "offset", 0, INT64_MAX).value_or(0);
  const auto limit = http::int_query(request, "limit", 1, 200).value_or(50);
  const auto page = patients.history(caller_of(request), http::id_param(request),
                                     origin_of(request), offset, static_cast<int>(limit));
  return Response::json(HttpStatus::ok, history_json(page));
}

void add_report_routes(http::Router& router, std::shared_ptr<Reports> reports) {
  using V = http::Verb;
  router.add(V::post, "/api/v1/reports", http::on(reports, file_report));
  router.add(V::post, "/api/v1/reports/check", http::on(reports, check_form));
  router.add(V::get, "/api/v1/reports/inbox", http::on(reports, read_inbox), http::kNoBody);
  router.add(V::post, "/api/v1/reports/confirm", http::on(reports, confirm_reports));
  // Before /reports/{id}, which would match them too.
  router.add(V::get, "/api/v1/reports/drafts", http::on(reports, list_drafts), http::kNoBody);
  router.add(V::get, "/api/v1/reports/defaults", http::on(reports, report_defaults), http::kNoBody);
  router.add(V::get, "/api/v1/reports/{id}", http::on(reports, read_report), http::kNoBody);
  router.add(V::put, "/api/v1/reports/{id}", http::on(reports, edit_report));
  router.add(V::post, "/api/v1/reports/{id}/submit", http::on(reports, submit_report),
             http::kNoBody);
  router.add(V::post, "/api/v1/reports/{id}/confirm", http::on(reports, confirm_report),
             http::kNoBody);
  router.add(V::post, "/api/v1/reports/{id}/data-check", http::on(reports, check_report),
             http::kNoBody);
  router.add(V::post, "/api/v1/reports/{id}/reclass", http::on(reports, reclass_report));
  router.add(V::put, "/api/v1/reports/{id}/tests", http::on(reports, set_report_tests));
  router.add(V::post, "/api/v1/reports/{id}/delete", http::on(reports, delete_report));
}

void add_patient_routes(http::Router& router, std::shared_ptr<Patients> patients) {
  using V = http::Verb;
  router.add(V::post, "/api/v1/patients/search", http::on(patients, search_patients));
  router.add(V::post, "/api/v1/patients/search.csv", http::on(patients, export_patients));
  router.add(V::get, "/api/v1/patients/{id}", http::on(patients, read_patient), http::kNoBody);
  router.add(V::put, "/api/v1/patients/{id}/identity", http::on(patients, edit_tab<Tab::identity>));
  router.add(V::put, "/api/v1/patients/{id}/residences",
             http::on(patients, edit_tab<Tab::residences>));
  router.add(V::put, "/api/v1/patients/{id}/medical", http::on(patients, edit_tab<Tab::medical>));
  router.add(V::put, "/api/v1/patients/{id}/health-centers",
             http::on(patients, set_health_centers));
  router.add(V::post, "/api/v1/patients/{id}/tracing-number",
             http::on(patients, issue_tracing_number), http::kNoBody);
  router.add(V::get, "/api/v1/patients/{id}/history", http::on(patients, read_history),
             http::kNoBody);
}

}  // namespace

void register_routes(http::Router& router, db::Database& database, const Clock& clock) {
  add_report_routes(router, std::make_shared<Reports>(database, clock));
  add_patient_routes(router, std::make_shared<Patients>(database, clock));
  register_transfer_routes(router, database, clock);
  add_record_routes(router, database, clock);
}

}  // namespace hersys::cases
