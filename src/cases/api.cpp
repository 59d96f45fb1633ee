#include "cases/api.h"

#include "cases/json.h"
#include "cases/service.h"
#include "identity/auth.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/phone/phone.h"
#include "platform/time/format.h"

namespace hersys::cases {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using HttpStatus = http::Status;
using identity::caller_of;
using identity::origin_of;
using nlohmann::json;

const Text kInvalidDate{"日付を YYYY-MM-DD の形で正しく入力してください。",
                        "Enter a real date as YYYY-MM-DD."};

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

std::string read_date(BodyReader& body, const std::string& field) {
  auto text = body.date(field);
  if (!text.empty() && !parse_iso_date(text)) {
    body.add({{field, "invalid_date", kInvalidDate}});
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
  if (!f.phone.empty() && !phone::parse(f.phone)) {
    b.add({{"phone",
            "invalid_phone",
            {"日本の電話番号を正しく入力してください。", "Enter a valid Japanese phone number."}}});
  }
  f.reported_from = read_date(b, "reported_from");
  f.reported_to = read_date(b, "reported_to");
  const auto status = b.text("status", 40, false);
  if (status == "none") {
    f.without_status = true;
  } else if (!status.empty()) {
    f.status = parse_name<Status>(status);
    if (!f.status) {
      b.add({{"status",
              "invalid_choice",
              {"選択肢から選んでください。", "Choose one of the listed options."}}});
    }
  }
  f.health_center_id = read_id(b, "health_center_id");
  f.include_past = b.boolean("include_past");
  const auto order = b.text("order", 10, false);
  if (!order.empty() && order != "newest" && order != "oldest") {
    b.add({{"order", "invalid_choice", {"newest か oldest です。", "Use newest or oldest."}}});
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

}  // namespace

void register_routes(http::Router& router, db::Database& database, const Clock& clock) {
  auto cases = std::make_shared<Cases>(database, clock);
  const http::RouteOptions no_body{.json_body = false};
  const auto done = [] { return Response::json(HttpStatus::ok, {{"done", true}}); };

  router.add(http::Verb::post, "/api/v1/reports", [cases](Request& request) {
    const auto filed =
        cases->file(caller_of(request), read_filing(request.json), origin_of(request));
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
  });

  // The form's live check: every field error and the scope judgement, nothing written.
  router.add(http::Verb::post, "/api/v1/reports/check", [&clock](Request& request) {
    BodyReader body(request.json);
    const auto fields = read_report_fields(body);
    const auto patient = read_patient(body, request.json).value_or(Identity{});
    const auto stage = body.boolean("submit", true) ? Stage::submission : Stage::draft;
    auto errors = body.errors();
    for (auto& e : validate_report(fields, patient, stage, tokyo_date(clock.now()))) {
      errors.push_back(std::move(e));
    }
    return Response::json(HttpStatus::ok,
                          {{"scope", judge_scope(fields, patient)},
                           {"errors", http::errors_json(errors, request.language)}});
  });

  router.add(
      http::Verb::get, "/api/v1/reports/{id}",
      [cases](Request& request) {
        return Response::json(
            HttpStatus::ok,
            cases->report(caller_of(request), http::id_param(request), origin_of(request)));
      },
      no_body);

  router.add(http::Verb::put, "/api/v1/reports/{id}", [cases, done](Request& request) {
    BodyReader body(request.json);
    const auto fields = read_report_fields(body);
    const auto patient = read_patient(body, request.json);
    body.check();
    cases->edit_report(caller_of(request), http::id_param(request), fields, patient,
                       origin_of(request));
    return done();
  });

  router.add(
      http::Verb::post, "/api/v1/reports/{id}/submit",
      [cases, done](Request& request) {
        cases->submit(caller_of(request), http::id_param(request), origin_of(request));
        return done();
      },
      no_body);

  router.add(
      http::Verb::post, "/api/v1/reports/{id}/confirm",
      [cases, done](Request& request) {
        cases->confirm(caller_of(request), http::id_param(request), origin_of(request));
        return done();
      },
      no_body);

  router.add(http::Verb::post, "/api/v1/reports/{id}/reclass", [cases, done](Request& request) {
    BodyReader body(request.json);
    const Text required{"入力してください。", "This field is required."};
    auto errors_before = body.errors().size();
    const auto to = read_choice<DiagnosisClass>(body, "diagnosis_class");
    if (!to && body.errors().size() == errors_before) {
      body.add({{"diagnosis_class", "required", required}});
    }
    errors_before = body.errors().size();
    const auto date = read_date(body, "diagnosis_date");
    if (date.empty() && body.errors().size() == errors_before) {
      body.add({{"diagnosis_date", "required", required}});
    }
    body.check();
    cases->reclass(caller_of(request), http::id_param(request), *to, date, origin_of(request));
    return done();
  });

  router.add(http::Verb::put, "/api/v1/reports/{id}/tests", [cases, done](Request& request) {
    BodyReader body(request.json);
    const auto tests = read_tests(body, kMaxTests);
    body.check();
    cases->set_tests(caller_of(request), http::id_param(request), tests, origin_of(request));
    return done();
  });

  router.add(http::Verb::post, "/api/v1/reports/{id}/delete", [cases, done](Request& request) {
    BodyReader body(request.json);
    if (!body.boolean("confirm")) {
      body.add({{"confirm",
                 "confirmation_required",
                 {"削除すると元に戻せません。確認のうえ confirm を true にしてください。",
                  "Deleting cannot be undone: confirm it explicitly."}}});
    }
    body.check();
    cases->remove(caller_of(request), http::id_param(request), origin_of(request));
    return done();
  });

  router.add(http::Verb::post, "/api/v1/patients/search", [cases](Request& request) {
    BodyReader body(request.json);
    const auto filter = read_filter(body);
    body.check();
    const auto page = cases->search(caller_of(request), filter, origin_of(request));
    return Response::json(HttpStatus::ok, {{"patients", page.patients},
                                           {"has_more", page.has_more},
                                           {"offset", filter.offset},
                                           {"limit", filter.limit}});
  });

  router.add(
      http::Verb::get, "/api/v1/patients/{id}",
      [cases](Request& request) {
        return Response::json(
            HttpStatus::ok,
            cases->patient(caller_of(request), http::id_param(request), origin_of(request)));
      },
      no_body);

  const std::pair<const char*, Cases::Tab> tabs[] = {{"identity", Cases::Tab::identity},
                                                     {"residences", Cases::Tab::residences},
                                                     {"medical", Cases::Tab::medical},
                                                     {"record", Cases::Tab::record}};
  for (const auto& [name, tab] : tabs) {
    router.add(http::Verb::put, std::string("/api/v1/patients/{id}/") + name,
               [cases, done, tab = tab](Request& request) {
                 BodyReader body(request.json);
                 Patient input;
                 if (tab == Cases::Tab::identity) input.identity = read_identity(body);
                 if (tab == Cases::Tab::residences) input.residences = read_residences(body);
                 if (tab == Cases::Tab::medical) input.medical = read_medical(body);
                 if (tab == Cases::Tab::record) input.record = read_record(body);
                 const auto version = body.optional_integer("version", 1, INT64_MAX);
                 body.check();
                 cases->edit_patient(caller_of(request), http::id_param(request), tab, input,
                                     version, origin_of(request));
                 return done();
               });
  }

  router.add(http::Verb::put, "/api/v1/patients/{id}/health-centers",
             [cases, done](Request& request) {
               BodyReader body(request.json);
               const auto responsible = read_id(body, "responsible_health_center_id");
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
               body.check();
               cases->set_health_centers(caller_of(request), http::id_param(request), responsible,
                                         related, origin_of(request));
               return done();
             });

  router.add(
      http::Verb::post, "/api/v1/patients/{id}/tracing-number",
      [cases](Request& request) {
        const auto number =
            cases->tracing_number(caller_of(request), http::id_param(request), origin_of(request));
        return Response::json(HttpStatus::ok, {{"tracing_number", number}});
      },
      no_body);

  router.add(
      http::Verb::get, "/api/v1/patients/{id}/history",
      [cases](Request& request) {
        json versions = json::array();
        for (const auto& v :
             cases->history(caller_of(request), http::id_param(request), origin_of(request))) {
          versions.push_back(
              {{"resource_type", v.resource_type},
               {"resource_id", v.resource_id},
               {"version", v.version},
               {"change", v.change},
               {"data", json::parse(v.data)},
               {"account_id", v.account_id ? json(*v.account_id) : json(nullptr)},
               {"organisation_id", v.organisation_id ? json(*v.organisation_id) : json(nullptr)},
               {"changed_at", v.changed_at}});
        }
        return Response::json(HttpStatus::ok, {{"versions", versions}});
      },
      no_body);
}

}  // namespace hersys::cases
