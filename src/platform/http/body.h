#pragma once
// Reading a JSON request body field by field. Every problem is collected (a form shows all its
// red frames at once), then check() answers 422 with all of them.
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "platform/errors.h"

namespace hersys::http {

class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& body);
  // A nested object: its errors are named "<prefix>.<field>" (e.g. "patient.kana",
  // "tests.0.method"), and a value that is not an object is an error on `prefix` itself.
  BodyReader(const nlohmann::json& body, std::string prefix);

  // A string field of at most `max_length` bytes. Missing or empty: "required" (unless
  // optional, then ""); not a string: "not_text"; too long: "too_long"; a control character
  // (NUL, tab, a line break ...: text::has_control_character) "control_character" — one line,
  // as names, addresses, codes and choices are.
  std::string text(const std::string& field, size_t max_length = 200, bool required = true);
  // Like text(), for free text typed in a text area: tab and line breaks are allowed, other
  // control characters are not.
  std::string multiline(const std::string& field, size_t max_length = 200, bool required = true);
  // Like text(), for a value typed in digits and letters (a phone number, a postal code, a
  // date, an ID, an e-mail address): full-width forms folded to half-width and surrounding
  // spaces removed (text::half_width) before any rule sees it.
  std::string code(const std::string& field, size_t max_length = 200, bool required = true);
  // Like code(), for a date: the forms people type (2026/11/29, 令和8年11月29日, R8.11.29 …)
  // as YYYY-MM-DD (normalise_date); what cannot be read is kept for the rules to name.
  std::string date(const std::string& field, bool required = false);

  // An integer field in [min, max]. Missing: `fallback` if given, else "required"; not an
  // integer: "not_integer"; outside the range: "out_of_range".
  std::int64_t integer(const std::string& field, std::int64_t min,
                       std::int64_t max = std::numeric_limits<std::int64_t>::max(),
                       std::optional<std::int64_t> fallback = std::nullopt);
  // Like integer(), but nullopt when missing (a field the rules may require or excuse).
  std::optional<std::int64_t> optional_integer(const std::string& field, std::int64_t min,
                                               std::int64_t max);
  // A true/false field; `fallback` when missing; "not_boolean" otherwise.
  bool boolean(const std::string& field, bool fallback = false);
  // A yes/no question that may still be unanswered: nullopt when missing.
  std::optional<bool> optional_boolean(const std::string& field);
  // An array of strings, each at most `max_length` bytes and at most `max_items` of them;
  // empty when missing.
  std::vector<std::string> texts(const std::string& field, size_t max_items,
                                 size_t max_length = 200);
  // An array field (empty when missing) whose items the caller reads with nested readers;
  // more than `max_items` is "too_many".
  const nlohmann::json& array(const std::string& field, size_t max_items);
  // The error name of `field` in this reader ("<prefix>.<field>").
  std::string name(const std::string& field) const;
  const FieldErrors& errors() const { return errors_; }
  // Adds an error found by a rule.
  void add(FieldErrors errors);

  // Throws Problem::invalid with every error collected, if any.
  void check() const;

 private:
  const nlohmann::json* find(const std::string& field) const;
  std::string read_text(const std::string& field, size_t max_length, bool required,
                        bool multi_line);

  const nlohmann::json& body_;
  std::string prefix_;
  FieldErrors errors_;
};

}  // namespace hersys::http
