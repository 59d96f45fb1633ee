#pragma once
// The request and response types handlers see. Handlers are plain functions
// `Response(Request&)`; the server owns sockets, limits and timeouts.
#include <any>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "platform/errors.h"

namespace hersys::http {

using Verb = boost::beast::http::verb;
using Status = boost::beast::http::status;
using Fields = boost::beast::http::fields;

struct Request {
  Verb method = Verb::unknown;
  std::string path;                               // percent-decoded path, e.g. "/api/v1/cases/123"
  std::vector<std::string> segments;              // percent-decoded path segments
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> params;      // path parameters from the route pattern
  Fields headers;
  std::string body;
  nlohmann::json json;  // the parsed body, for routes that take JSON
  std::string client_address;
  std::string request_id;
  std::string route;  // the matched route pattern, e.g. "/api/v1/cases/{id}"; "-" if none
  Language language = Language::ja;
  std::any caller;  // set by the router's guard (identity::Caller); empty on public routes

  // The first value of query parameter `name`, if present.
  std::optional<std::string> query_value(const std::string& name) const;
};

struct Response {
  Status status = Status::ok;
  Fields headers;
  std::string body;

  static Response json(Status status, const nlohmann::json& body);
  static Response text(Status status, std::string body, std::string content_type);
};

}  // namespace hersys::http
