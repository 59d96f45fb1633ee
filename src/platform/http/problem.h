#pragma once
// The one place where errors become responses: RFC 9457 application/problem+json with
// `errors: [{field, code, message}]`, worded in the request's language. Handlers throw Problem;
// anything else thrown becomes a 500 with no internals in the body.
#include <exception>
#include <string>

#include "platform/errors.h"
#include "platform/http/message.h"

namespace hersys::http {

class Problem : public std::exception {
 public:
  Problem(Status status, std::string code, Text title, FieldErrors errors = {})
      : status_(status),
        code_(std::move(code)),
        title_(std::move(title)),
        errors_(std::move(errors)) {}

  const char* what() const noexcept override { return code_.c_str(); }
  Status status() const { return status_; }
  const std::string& code() const { return code_; }
  const Text& title() const { return title_; }
  const FieldErrors& errors() const { return errors_; }

  // The common problems of the HTTP layer.
  static Problem bad_request();
  static Problem not_found();
  static Problem method_not_allowed();
  static Problem unsupported_media_type();
  static Problem invalid_json();
  static Problem header_too_large();
  static Problem payload_too_large();
  static Problem unauthenticated();
  static Problem forbidden();
  static Problem busy();
  static Problem unavailable();
  static Problem internal();
  // 422 with the field errors of a rules function.
  static Problem invalid(FieldErrors errors);

 private:
  Status status_;
  std::string code_;
  Text title_;
  FieldErrors errors_;
};

Response problem_response(const Problem& problem, Language language, const std::string& request_id);

}  // namespace hersys::http
