#include "platform/http/problem.h"

namespace hersys::http {

Problem Problem::bad_request() {
  return {Status::bad_request,
          "bad_request",
          {"リクエストの形式が正しくありません。", "The request is malformed."}};
}
Problem Problem::not_found() {
  return {Status::not_found,
          "not_found",
          {"お探しのページまたはデータは見つかりません。", "Not found."}};
}
Problem Problem::method_not_allowed() {
  return {Status::method_not_allowed,
          "method_not_allowed",
          {"この操作はこのアドレスでは使えません。", "This method is not allowed here."}};
}
Problem Problem::unsupported_media_type() {
  return {Status::unsupported_media_type,
          "unsupported_media_type",
          {"Content-Type は application/json にしてください。",
           "Content-Type must be application/json."}};
}
Problem Problem::invalid_json() {
  return {Status::bad_request,
          "invalid_json",
          {"送信されたデータの形式（JSON）が正しくありません。", "The body is not valid JSON."},
          {{"body",
            "invalid_json",
            {"JSON として読み取れません。", "The body cannot be read as JSON."}}}};
}
Problem Problem::header_too_large() {
  return {Status::request_header_fields_too_large,
          "header_too_large",
          {"リクエストヘッダーが大きすぎます。", "The request headers are too large."}};
}
Problem Problem::payload_too_large() {
  return {Status::payload_too_large,
          "payload_too_large",
          {"送信されたデータが大きすぎます。", "The request body is too large."}};
}
Problem Problem::unauthenticated() {
  return {Status::unauthorized, "unauthenticated", {"サインインしてください。", "Please sign in."}};
}
Problem Problem::forbidden() {
  return {Status::forbidden,
          "forbidden",
          {"この操作を行う権限がありません。", "You are not allowed to do this."}};
}
Problem Problem::busy() {
  return {Status::service_unavailable,
          "busy",
          {"混み合っています。しばらくしてから再度お試しください。",
           "The server is busy. Please try again shortly."}};
}
Problem Problem::unavailable() {
  return {Status::service_unavailable,
          "unavailable",
          {"現在サービスを利用できません。", "The service is unavailable."}};
}
Problem Problem::internal() {
  return {Status::internal_server_error,
          "internal_error",
          {"サーバー内部でエラーが発生しました。時間をおいて再度お試しください。",
           "An internal error occurred. Please try again later."}};
}
Problem Problem::invalid(FieldErrors errors) {
  return {Status::unprocessable_entity,
          "invalid_fields",
          {"入力内容に誤りがあります。", "Some fields are invalid."},
          std::move(errors)};
}

Response problem_response(const Problem& problem, Language language,
                          const std::string& request_id) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : problem.errors()) {
    errors.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message.in(language)}});
  }
  nlohmann::json body = {
      {"type", "urn:hersys:problem:" + problem.code()},
      {"title", problem.title().in(language)},
      {"status", static_cast<unsigned>(problem.status())},
      {"code", problem.code()},
      {"request_id", request_id},
      {"errors", errors},
  };
  auto response = Response::json(problem.status(), body);
  response.headers.set(boost::beast::http::field::content_type,
                       "application/problem+json; charset=utf-8");
  response.headers.set(boost::beast::http::field::content_language,
                       language == Language::en ? "en" : "ja");
  return response;
}

}  // namespace hersys::http
