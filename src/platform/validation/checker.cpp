#include "platform/validation/checker.h"

#include <algorithm>

#include "platform/text/utf8.h"
#include "platform/time/format.h"
#include "platform/validation/field_errors.h"

namespace hersys {
namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool valid_email(std::string_view email) {
  const auto at = email.find('@');
  if (email.size() > 254 || at == 0 || at == std::string_view::npos) return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  return domain.find('@') == std::string_view::npos && dot != std::string_view::npos && dot != 0 &&
         domain.back() != '.' && std::none_of(email.begin(), email.end(), [](char c) {
           const auto u = static_cast<unsigned char>(c);
           return u <= 0x20 || u >= 0x7F ||
                  std::string_view("<>(),;:\"[]\\").find(c) != std::string_view::npos;
         });
}

void Checker::add(FieldErrors errors) {
  for (auto& e : errors) errors_.push_back(std::move(e));
}

bool Checker::required(const std::string& field, bool present) {
  if (!present) add(field_errors::required(field));
  return present;
}

void Checker::length(const std::string& field, std::string_view text, size_t max) {
  if (text::character_count(text) > max) add(field_errors::too_long(field, max));
}

void Checker::one_line(const std::string& field, std::string_view text) {
  const bool control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
  if (control || !text::utf8_length(text)) add(field_errors::invalid_text(field));
}

std::optional<Day> Checker::date(const std::string& field, std::string_view text) {
  const auto day = any_date(field, text);
  if (day && std::chrono::sys_days{*day} > std::chrono::sys_days{today_}) {
    add(field_errors::future_date(field));
    return std::nullopt;
  }
  return day;
}

std::optional<Day> Checker::any_date(const std::string& field, std::string_view text) {
  if (text.empty()) return std::nullopt;
  const auto day = parse_iso_date(text);
  if (!day) add(field_errors::bad_date(field, text));
  return day;
}

void Checker::order(const std::string& field, std::optional<Day> earlier, std::optional<Day> later,
                    Text message) {
  if (earlier && later && std::chrono::sys_days{*later} < std::chrono::sys_days{*earlier}) {
    add({field, "date_order", std::move(message)});
  }
}

void Checker::choices(const std::string& field, const std::vector<std::string>& values,
                      const std::vector<std::string_view>& allowed) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::find(allowed.begin(), allowed.end(), values[i]) == allowed.end()) {
      add(field_errors::invalid_choice(field + "." + std::to_string(i)));
    }
  }
}

void Checker::email(const std::string& field, std::string_view text) {
  if (!text.empty() && !valid_email(text)) add(field_errors::invalid_email(field));
}

std::optional<phone::Number> Checker::phone(const std::string& field, std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto number = phone::parse(text);
  if (!number) add(field_errors::invalid_phone(field));
  return number;
}

void Checker::contact_phone(const std::string& field, std::string_view text) {
  if (!text.empty() && !phone::is_contact_number(text)) {
    add(field_errors::invalid_contact_phone(field));
  }
}

void Checker::postal_code(const std::string& field, std::string_view code) {
  if (code.empty()) return;
  const bool ok =
      (code.size() == 8 && code[3] == '-' && digits(code.substr(0, 3)) && digits(code.substr(4))) ||
      (code.size() == 7 && digits(code));
  if (!ok) add(field_errors::invalid_postal_code(field));
}

void Checker::range(const std::string& field, std::int64_t value, std::int64_t min,
                    std::int64_t max) {
  if (value < min || value > max) add(field_errors::out_of_range(field, min, max));
}

}  // namespace hersys
