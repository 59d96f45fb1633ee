#include "daily/api.h"

#include "daily/json.h"
#include "daily/rules.h"
#include "daily/service.h"
#include "identity/auth.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/time/format.h"
#include "platform/validation/field_errors.h"

namespace hersys::daily {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using identity::caller_of;
using identity::origin_of;

// The organisation a request is about: `organisation_id` in the query or body, else the
// caller's own.
std::optional<std::int64_t> organisation_of(const Request& request) {
  return http::int_query(request, "organisation_id", 1, INT64_MAX);
}

// Opening the form fixes its date (DAY-3); the answer says when it is already done today.
Response open_form(Daily& daily, Request& request) {
  BodyReader body(request.json);
  const auto organisation_id = body.optional_integer("organisation_id", 1, INT64_MAX);
  body.check();
  const auto opened = daily.open(caller_of(request), organisation_id, origin_of(request));
  return Response::json(http::Status::ok, to_json(opened));
}

// Every wrong bracket and the channel are named together: the reading errors go to the
// service with the counts it validates.
Response submit_form(Daily& daily, Request& request) {
  const auto id = http::id_param(request);
  BodyReader body(request.json);
  const auto counts = read_counts(request.json, body);
  std::optional<Channel> channel;
  const auto channel_text = body.text("channel", 20, false);
  if (!channel_text.empty()) {
    channel = parse_name<Channel>(channel_text);
    if (!channel) body.add({field_errors::invalid_choice("channel")});
  }
  const auto report =
      daily.submit(caller_of(request), id, counts, channel, body.errors(), origin_of(request));
  return Response::json(http::Status::ok, to_json(report));
}

Response read_history(Daily& daily, Request& request) {
  const auto history =
      daily.history(caller_of(request), organisation_of(request), origin_of(request));
  return Response::json(http::Status::ok, to_json(history));
}

Response read_area(Daily& daily, Request& request) {
  const auto date = request.query_value("date");
  http::date_query(request, "date");  // a real date in range, or 422 naming it (issue 19 item 11)
  const auto days = http::int_query(request, "days", 1, 31).value_or(kHistoryDays);
  const auto area =
      daily.area(caller_of(request), date, static_cast<int>(days), origin_of(request));
  return Response::json(http::Status::ok, to_json(area));
}

}  // namespace

void register_routes(http::Router& router, db::Database& database, const Clock& clock) {
  using V = http::Verb;
  auto daily = std::make_shared<Daily>(database, clock);
  router.add(V::post, "/api/v1/daily-reports/open", http::on(daily, open_form),
             {.body_optional = true});
  router.add(V::post, "/api/v1/daily-reports/{id}/submit", http::on(daily, submit_form));
  router.add(V::get, "/api/v1/daily-reports/history", http::on(daily, read_history), http::kNoBody);
  router.add(V::get, "/api/v1/daily-reports/area", http::on(daily, read_area), http::kNoBody);
}

}  // namespace hersys::daily
