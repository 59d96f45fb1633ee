#include "platform/http/problem.h"

namespace hersys::http {
// Every kind has its status: the switch names each (-Wswitch, an error here, catches a new kind).
Status status_of(ProblemKind kind) {
  using K = ProblemKind;
  switch (kind) {
    case K::bad_request: return Status::bad_request;
    case K::unauthenticated: return Status::unauthorized;
    case K::forbidden: return Status::forbidden;
    case K::not_found: return Status::not_found;
    case K::method_not_allowed: return Status::method_not_allowed;
    case K::conflict: return Status::conflict;
    case K::payload_too_large: return Status::payload_too_large;
    case K::unsupported_media_type: return Status::unsupported_media_type;
    case K::invalid: return Status::unprocessable_entity;
    case K::too_many_requests: return Status::too_many_requests;
    case K::header_too_large: return Status::request_header_fields_too_large;
    case K::internal: return Status::internal_server_error;
    case K::unavailable: return Status::service_unavailable;
  }
  return Status::internal_server_error;
}

Problem method_not_allowed() {
  return {ProblemKind::method_not_allowed,
          "method_not_allowed",
          {"この操作はこのアドレスでは使えません。", "This method is not allowed here."}};
}
Problem unsupported_media_type() {
  return {ProblemKind::unsupported_media_type,
          "unsupported_media_type",
          {"Content-Type は application/json にしてください。",
           "Content-Type must be application/json."}};
}
Problem invalid_json() {
  return {ProblemKind::bad_request,
          "invalid_json",
          {"送信されたデータの形式（JSON）が正しくありません。", "The body is not valid JSON."},
          {{"body",
            "invalid_json",
            {"JSON として読み取れません。", "The body cannot be read as JSON."}}}};
}
Problem header_too_large() {
  return {ProblemKind::header_too_large,
          "header_too_large",
          {"リクエストヘッダーが大きすぎます。", "The request headers are too large."}};
}
Problem payload_too_large() {
  return {ProblemKind::payload_too_large,
          "payload_too_large",
          {"送信されたデータが大きすぎます。", "The request body is too large."}};
}

nlohmann::json errors_json(const FieldErrors& errors, Language language) {
  auto list = nlohmann::json::array();
  for (const auto& e : errors) {
    list.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message.in(language)}});
  }
  return list;
}

Response problem_response(const Problem& problem, Language language,
                          const std::string& request_id) {
  const auto status = status_of(problem.kind());
  auto body = problem.extensions();
  body["type"] = "urn:hersys:problem:" + problem.code();
  body["title"] = problem.title().in(language);
  body["status"] = static_cast<unsigned>(status);
  body["code"] = problem.code();
  body["request_id"] = request_id;
  body["errors"] = errors_json(problem.errors(), language);
  auto response = Response::json(status, body);
  response.headers.set(boost::beast::http::field::content_type,
                       "application/problem+json; charset=utf-8");
  response.headers.set(boost::beast::http::field::content_language,
                       language == Language::en ? "en" : "ja");
  if (problem.retry_after_seconds()) {
    response.headers.set(boost::beast::http::field::retry_after,
                         std::to_string(*problem.retry_after_seconds()));
  }
  return response;
}

}  // namespace hersys::http
