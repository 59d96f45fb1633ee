#include "platform/http/pipeline.h"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <random>

namespace hersys::http {
using field = boost::beast::http::field;

bool parse_target(std::string_view target, Request& request) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const auto& url = *parsed;
  request.path = url.path();
  request.segments.clear();
  for (auto segment : url.segments()) request.segments.push_back(segment);
  // "/a/" has a trailing empty segment; routes and files are addressed without it.
  if (!request.segments.empty() && request.segments.back().empty()) request.segments.pop_back();
  request.query.clear();
  for (auto param : url.params()) request.query.emplace(param.key, param.value);
  return true;
}

namespace {

bool safe_request_id(std::string_view id) {
  if (id.size() < 8 || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

std::string new_request_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  auto bits = random();
  for (auto& c : id) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

bool is_json_media_type(std::string_view content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size()) return false;
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kJson[i]) return false;
  }
  return true;
}

bool has_body_method(Verb method) {
  return method == Verb::post || method == Verb::put || method == Verb::patch;
}

}  // namespace

std::optional<Problem> check_headers(const Fields& headers, unsigned version) {
  if (version >= 11 && headers.count(field::host) == 0) {
    return Problem{
        ProblemKind::bad_request,
        "missing_header",
        {"リクエストに Host ヘッダーがありません。", "The request has no Host header."},
        {{"Host", "required", {"Host ヘッダーが必要です。", "A Host header is required."}}}};
  }
  static const std::string_view kSingle[] = {"Host", "Authorization", "Cookie", "Content-Type",
                                             "X-CSRF-Token"};
  for (const auto name : kSingle) {
    if (headers.count(boost::beast::string_view(name.data(), name.size())) > 1) {
      return Problem{ProblemKind::bad_request,
                     "duplicate_header",
                     {"同じヘッダーが複数回送られました。", "A header was sent more than once."},
                     {{std::string(name),
                       "duplicate_header",
                       {std::string(name) + " ヘッダーは一つだけにしてください。",
                        "Send the " + std::string(name) + " header only once."}}}};
    }
  }
  return std::nullopt;
}

std::optional<std::string> forwarded_client(const Fields& headers) {
  std::string_view last;
  const auto [first, end] = headers.equal_range("X-Forwarded-For");
  for (auto it = first; it != end; ++it)
    last = std::string_view(it->value().data(), it->value().size());
  if (const auto comma = last.rfind(','); comma != std::string_view::npos) {
    last.remove_prefix(comma + 1);
  }
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  if (last.empty()) return std::nullopt;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(last), ec);
  if (ec) return std::nullopt;
  return address.to_string();
}

void identify(Request& request) {
  auto given = request.headers["X-Request-Id"];
  request.request_id = safe_request_id(given) ? std::string(given) : new_request_id();
  request.language = negotiate_language(request.headers[field::accept_language]);
}

const Route* prepare(const Router& router, Request& request, Response& early) {
  auto match = router.match(request);
  if (!match.route) {
    if (match.status == Status::method_not_allowed) {
      early = answer(request, method_not_allowed());
      early.headers.set(field::allow, match.allow);
    } else {
      early = answer(request, Problem::not_found());
    }
    return nullptr;
  }
  request.route = match.route->pattern;
  const auto& options = match.route->options;
  // No bytes is no body, also with a Content-Type (generated clients send one regardless).
  if (has_body_method(request.method) && options.json_body && options.body_optional &&
      request.body.empty()) {
    request.json = nlohmann::json::object();
  } else if (has_body_method(request.method) && options.json_body) {
    if (!is_json_media_type(request.headers[field::content_type])) {
      early = answer(request, unsupported_media_type());
      return nullptr;
    }
    request.json = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (request.json.is_discarded()) {
      early = answer(request, invalid_json());
      return nullptr;
    }
  }
  return match.route;
}

Response invoke(const Router& router, const Route& route, Request& request) noexcept {
  try {
    if (route.options.access != Access::public_access) {
      if (!router.guard()) throw Problem::unauthenticated();
      router.guard()(route, request);
    }
    return route.handler(request);
  } catch (const Problem& problem) {
    if (!problem.internal_detail().empty()) {
      spdlog::info("request {} route {}: {}: {}", request.request_id, request.route, problem.code(),
                   problem.internal_detail());
    }
    return answer(request, problem);
  } catch (const TemporarilyUnavailable& e) {
    spdlog::warn("request {} route {}: {}", request.request_id, request.route, e.what());
    return answer(request, Problem::busy());
  } catch (const std::exception& e) {
    // e.what() may hold database text; it goes to the server log only, never to the client.
    spdlog::error("request {} route {} failed: {}", request.request_id, request.route, e.what());
  } catch (...) {
    spdlog::error("request {} route {} failed: unknown exception", request.request_id,
                  request.route);
  }
  return answer(request, Problem::internal());
}

Response answer(const Request& request, const Problem& problem) {
  return problem_response(problem, request.language, request.request_id);
}

void finish(const Request& request, Response& response) {
  auto& h = response.headers;
  h.set("X-Request-Id", request.request_id);
  if (h.find(field::cache_control) == h.end()) h.set(field::cache_control, "no-store");
}

const std::string_view kSecurityHeaders =
    "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Cross-Origin-Resource-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\r\n";

std::string serialize_head(const Response& response, bool keep_alive) {
  // One contiguous block: Beast's serializer walks a buffer sequence a few entries per field,
  // which cost more than the rest of the request for small JSON answers.
  const auto append_clean = [](std::string& out, std::string_view text) {
    for (char c : text) {
      if (c != '\r' && c != '\n') out += c;
    }
  };
  std::string head;
  head.reserve(768);
  head += "HTTP/1.1 ";
  head += std::to_string(static_cast<unsigned>(response.status));
  head += ' ';
  head += boost::beast::http::obsolete_reason(response.status);
  head += "\r\n";
  head += kSecurityHeaders;
  for (const auto& f : response.headers) {
    if (f.name() == field::content_length || f.name() == field::connection) continue;
    append_clean(head, f.name_string());
    head += ": ";
    append_clean(head, f.value());
    head += "\r\n";
  }
  head += "Content-Length: ";
  head += std::to_string(response.body.size());
  head += keep_alive ? "\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
  return head;
}

}  // namespace hersys::http
