#pragma once
// Reading a JSON request body field by field. Every problem is collected (a form shows all its
// red frames at once), then check() answers 422 with all of them.
#include <nlohmann/json.hpp>
#include <limits>
#include <optional>
#include <string>

#include "platform/errors.h"

namespace hersys::http {

class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& body);

  // A string field of at most `max_length` bytes. Missing or empty: "required" (unless
  // optional, then ""); not a string: "not_text"; too long: "too_long".
  std::string text(const std::string& field, size_t max_length = 200, bool required = true);

  // An integer field in [min, max]. Missing: `fallback` if given, else "required"; not an
  // integer: "not_integer"; outside the range: "out_of_range".
  std::int64_t integer(const std::string& field, std::int64_t min,
                       std::int64_t max = std::numeric_limits<std::int64_t>::max(),
                       std::optional<std::int64_t> fallback = std::nullopt);
  // A true/false field; `fallback` when missing; "not_boolean" otherwise.
  bool boolean(const std::string& field, bool fallback = false);
  // Adds an error found by a rule.
  void add(FieldErrors errors);

  // Throws Problem::invalid with every error collected, if any.
  void check() const;

 private:
  const nlohmann::json& body_;
  FieldErrors errors_;
};

}  // namespace hersys::http
