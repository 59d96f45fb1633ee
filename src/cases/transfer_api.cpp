// The routes of case transfers (移管, issue 14, ACL-5, REP-4) and their JSON: hand a case over,
// the receiver's list, and 受理.
#include "cases/api.h"
#include "cases/transfers.h"
#include "identity/auth.h"
#include "platform/http/body.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/validation/field_errors.h"

namespace hersys::cases {
namespace {
using http::BodyReader;
using http::Request;
using http::Response;
using identity::caller_of;
using identity::origin_of;
using nlohmann::json;

// Only spaces (half- or full-width) and line breaks: no reason given.
bool blank(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
      ++i;
    } else if (text.compare(i, 3, "\u3000") == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

json optional_text(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json to_json(const ReceivedTransfer& t) {
  return {{"id", t.id},
          {"patient_id", t.patient_id},
          {"hersys_id", t.hersys_id.empty() ? json(nullptr) : json(t.hersys_id)},
          {"name", optional_text(t.name)},
          {"kana", optional_text(t.kana)},
          {"from_health_center_id", t.from_health_center_id},
          {"from_health_center_name", t.from_health_center_name},
          {"transferred_by", t.transferred_by},
          {"reason", optional_text(t.reason)},
          {"keep_related", t.keep_related},
          {"transferred_at", t.transferred_at},
          {"received_at", optional_text(t.received_at)}};
}

json to_json(const ReceivedPage& page) {
  json items = json::array();
  for (const auto& t : page.items) items.push_back(to_json(t));
  return {{"items", items},
          {"total", page.total},
          {"unread", page.unread},
          {"page", page.page},
          {"page_size", page.page_size}};
}

// POST /patients/{id}/transfer: decided before the body is read (issue 19 item 8).
Response transfer_case(Transfers& transfers, Request& request) {
  const auto patient_id = http::id_param(request);
  transfers.decide(caller_of(request), patient_id, origin_of(request));
  BodyReader body(request.json);
  TransferRequest t;
  t.to_health_center_id = body.integer("to_health_center_id", 1);
  t.keep_related = body.boolean("keep_related");
  const auto before = body.errors().size();
  t.reason = body.multiline("reason", 2000);
  if (body.errors().size() == before && blank(t.reason)) {
    body.add({field_errors::required("reason")});
  }
  t.version = body.integer("version", 1);
  body.check();
  const auto id = transfers.transfer(caller_of(request), patient_id, t, origin_of(request));
  return Response::json(http::Status::created, {{"transfer_id", id}});
}

// GET /transfers/received?page=1&unread=true
Response read_received(Transfers& transfers, Request& request) {
  const auto page = http::int_query(request, "page", 1, 100'000).value_or(1);
  const auto unread = request.query_value("unread");
  if (unread && *unread != "true" && *unread != "false") {
    throw Problem::invalid({field_errors::invalid_choice("unread")});
  }
  return Response::json(
      http::Status::ok,
      to_json(transfers.received(caller_of(request), static_cast<int>(page),
                                 unread.value_or("false") == "true", origin_of(request))));
}

Response receive_transfer(Transfers& transfers, Request& request) {
  transfers.receive(caller_of(request), http::id_param(request), origin_of(request));
  return Response::json(http::Status::ok, {{"done", true}});
}

}  // namespace

void register_transfer_routes(http::Router& router, db::Database& database, const Clock& clock) {
  using V = http::Verb;
  auto transfers = std::make_shared<Transfers>(database, clock);
  router.add(V::post, "/api/v1/patients/{id}/transfer", http::on(transfers, transfer_case));
  router.add(V::get, "/api/v1/transfers/received", http::on(transfers, read_received),
             http::kNoBody);
  router.add(V::post, "/api/v1/transfers/{id}/receive", http::on(transfers, receive_transfer),
             http::kNoBody);
}

}  // namespace hersys::cases
