#include "platform/http/message.h"

namespace hersys::http {

std::optional<std::string> Request::query_value(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::json(Status status, const nlohmann::json& body) {
  // error_handler::replace: a string that is not valid UTF-8 never throws here.
  return text(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
              "application/json; charset=utf-8");
}

Response Response::text(Status status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.headers.set(boost::beast::http::field::content_type, content_type);
  r.body = std::move(body);
  return r;
}

}  // namespace hersys::http
