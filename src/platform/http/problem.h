#pragma once
// Where problems (platform/errors.h) become responses: RFC 9457 application/problem+json with
// `errors: [{field, code, message}]` and the problem's extension members, worded in the
// request's language. The status of each kind is in one table (problem.cpp), as userver maps
// its handler errors in one place. Handlers throw Problem; anything else thrown becomes a 500
// with no internals in the body.
#include <string>

#include "platform/errors.h"
#include "platform/http/message.h"

namespace hersys::http {

Status status_of(ProblemKind kind);

// The problems of the HTTP layer itself.
Problem method_not_allowed();
Problem unsupported_media_type();
Problem invalid_json();
Problem header_too_large();
Problem payload_too_large();

// Field errors as the body lists them: [{field, code, message}] in `language`.
nlohmann::json errors_json(const FieldErrors& errors, Language language);

Response problem_response(const Problem& problem, Language language, const std::string& request_id);

}  // namespace hersys::http
