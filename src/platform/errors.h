#pragma once
// What every feature's rules return and what users read: an error on a named field, worded in
// Japanese and English (ARCHITECTURE.md: rules return std::vector<FieldError>).
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

// Thrown by infrastructure that is overloaded for now (no free database connection, the
// database is locked): the request may succeed if retried, and is answered with 503.
class TemporarilyUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The preferred language of an Accept-Language header value: the listed language of highest
// quality among Japanese and English; Japanese when neither is listed.
Language negotiate_language(std::string_view accept_language);

}  // namespace hersys
