#pragma once
// Reading a JSON request body field by field. Every problem is collected (a form shows all its
// red frames at once), then check() answers 422 with all of them.
#include <nlohmann/json.hpp>
#include <string>

#include "platform/errors.h"

namespace hersys::http {

class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& body);

  // A string field of at most `max_length` bytes. Missing or empty: "required" (unless
  // optional, then ""); not a string: "not_text"; too long: "too_long".
  std::string text(const std::string& field, size_t max_length = 200, bool required = true);

  // Adds an error found by a rule.
  void add(FieldErrors errors);

  // Throws Problem::invalid with every error collected, if any.
  void check() const;

 private:
  const nlohmann::json& body_;
  FieldErrors errors_;
};

}  // namespace hersys::http
