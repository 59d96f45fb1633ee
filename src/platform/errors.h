#pragma once
// What goes wrong, as users read it, independent of how it reaches them: an error on a named
// field worded in Japanese and English (rules return FieldErrors, docs/architecture.md), and a
// Problem — a kind of failure, a stable code, a bilingual title, field errors and extension
// members — that services throw. The HTTP layer (platform/http/problem.h) turns a Problem into
// RFC 9457 application/problem+json, mapping its kind to a status in one table; the CLI prints
// it. Nothing here knows HTTP.
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hersys {

enum class Language { ja, en };

// A user-facing text in both languages of the staff screens.
struct Text {
  std::string ja;
  std::string en;
  const std::string& in(Language language) const { return language == Language::en ? en : ja; }
};

struct FieldError {
  std::string field;  // the field the form marks in red, e.g. "patient.birth_date"
  std::string code;   // stable machine code, e.g. "required", "out_of_range"
  Text message;
};

using FieldErrors = std::vector<FieldError>;

// The kinds of failure a caller can meet. Each has one HTTP status (platform/http/problem.cpp).
enum class ProblemKind {
  bad_request,             // the request itself cannot be read
  unauthenticated,         // not signed in (or the session ended)
  forbidden,               // signed in, but the policy refuses it
  not_found,               // no such record (or one the caller may not know of)
  method_not_allowed,      // the address exists, the method does not
  conflict,                // the record's state does not allow it, or it changed meanwhile
  payload_too_large,       // the body is over the limit
  unsupported_media_type,  // the body is not of the type the address takes
  invalid,                 // field errors: the form shows each on its field
  too_many_requests,       // a limit per account or source was reached; retry later
  header_too_large,        // the request head is over the limit
  internal,                // a fault of ours; the detail is in the log only
  unavailable,             // busy or down for now; retry later
};

// A failure to answer with: thrown by services and the HTTP layer alike.
class Problem : public std::exception {
 public:
  Problem(ProblemKind kind, std::string code, Text title, FieldErrors errors = {})
      : kind_(kind), code_(std::move(code)), title_(std::move(title)), errors_(std::move(errors)) {}

  const char* what() const noexcept override { return code_.c_str(); }
  ProblemKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const Text& title() const { return title_; }
  const FieldErrors& errors() const { return errors_; }

  // RFC 9457 extension members: data the caller needs to act, e.g. the look-alike patients of
  // a new report. Never internals.
  Problem& with(std::string member, nlohmann::json value);
  const nlohmann::json& extensions() const { return extensions_; }
  // How many seconds to wait before retrying (too_many_requests, unavailable).
  Problem& retry_after(int seconds);
  std::optional<int> retry_after_seconds() const { return retry_after_; }
  // What went wrong inside, for the server log only: never shown to the caller.
  Problem& log_detail(std::string detail);
  const std::string& internal_detail() const { return detail_; }

  // The common problems.
  static Problem bad_request();
  static Problem not_found();
  static Problem unauthenticated();
  static Problem forbidden();
  static Problem busy();
  static Problem unavailable();
  static Problem internal();
  // The field errors of a rules function.
  static Problem invalid(FieldErrors errors);
  // Someone else saved the record since the caller read it (optimistic locking).
  static Problem changed_meanwhile();

 private:
  ProblemKind kind_;
  std::string code_;
  Text title_;
  FieldErrors errors_;
  nlohmann::json extensions_ = nlohmann::json::object();
  std::optional<int> retry_after_;
  std::string detail_;
};

// Thrown by infrastructure that is overloaded for now (no free database connection, the
// database is locked): the request may succeed if retried, and is answered as Problem::busy().
class TemporarilyUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The preferred language of an Accept-Language header value: the listed language of highest
// quality among Japanese and English; Japanese when neither is listed.
Language negotiate_language(std::string_view accept_language);

}  // namespace hersys
