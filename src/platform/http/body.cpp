#include "platform/http/body.h"

#include "platform/text/fold.h"
#include "platform/text/utf8.h"
#include "platform/time/format.h"
#include "platform/validation/field_errors.h"

namespace hersys::http {

namespace {
const nlohmann::json kEmptyArray = nlohmann::json::array();
}

BodyReader::BodyReader(const nlohmann::json& body) : BodyReader(body, "") {}

BodyReader::BodyReader(const nlohmann::json& body, std::string prefix)
    : body_(body), prefix_(std::move(prefix)) {
  if (!body_.is_object()) {
    errors_.push_back(field_errors::not_object(prefix_.empty() ? "body" : prefix_));
  }
}

std::string BodyReader::name(const std::string& field) const {
  return prefix_.empty() ? field : prefix_ + "." + field;
}

const nlohmann::json* BodyReader::find(const std::string& field) const {
  if (!body_.is_object()) return nullptr;
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string BodyReader::text(const std::string& field, size_t max_length, bool required) {
  return read_text(field, max_length, required, false);
}

std::string BodyReader::multiline(const std::string& field, size_t max_length, bool required) {
  return read_text(field, max_length, required, true);
}

std::string BodyReader::read_text(const std::string& field, size_t max_length, bool required,
                                  bool multi_line) {
  const auto* it = find(field);
  if (!it || (it->is_string() && it->get_ref<const std::string&>().empty())) {
    if (required) {
      errors_.push_back(field_errors::required(name(field)));
    }
    return {};
  }
  if (!it->is_string()) {
    errors_.push_back(field_errors::not_text(name(field)));
    return {};
  }
  const auto& value = it->get_ref<const std::string&>();
  if (value.size() > max_length) {
    errors_.push_back(field_errors::too_large(name(field)));
    return {};
  }
  if (text::has_control_character(value, multi_line)) {
    errors_.push_back(field_errors::control_character(name(field)));
    return {};
  }
  return value;
}

std::string BodyReader::date(const std::string& field, bool required) {
  return normalise_date(text(field, 60, required));
}

std::string BodyReader::code(const std::string& field, size_t max_length, bool required) {
  return text::half_width(text(field, max_length, required));
}

std::int64_t BodyReader::integer(const std::string& field, std::int64_t min, std::int64_t max,
                                 std::optional<std::int64_t> fallback) {
  const auto* it = find(field);
  if (!it) {
    if (fallback) return *fallback;
    errors_.push_back(field_errors::required(name(field)));
    return min;
  }
  if (!it->is_number_integer()) {
    errors_.push_back(field_errors::not_integer(name(field)));
    return min;
  }
  // Non-negative numbers arrive as unsigned (and may exceed int64): compare them as such.
  bool in_range = false;
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    in_range = max >= 0 && v <= static_cast<std::uint64_t>(max) &&
               (min <= 0 || v >= static_cast<std::uint64_t>(min));
  } else {
    const auto v = it->get<std::int64_t>();
    in_range = v >= min && v <= max;
  }
  if (!in_range) {
    errors_.push_back(field_errors::out_of_range(name(field), min, max));
    return min;
  }
  return it->get<std::int64_t>();
}

bool BodyReader::boolean(const std::string& field, bool fallback) {
  const auto* it = find(field);
  if (!it) return fallback;
  if (!it->is_boolean()) {
    errors_.push_back(field_errors::not_boolean(name(field)));
    return fallback;
  }
  return it->get<bool>();
}

std::optional<std::int64_t> BodyReader::optional_integer(const std::string& field, std::int64_t min,
                                                         std::int64_t max) {
  if (!find(field)) return std::nullopt;
  const auto before = errors_.size();
  const auto value = integer(field, min, max);
  if (errors_.size() != before) return std::nullopt;
  return value;
}

std::optional<bool> BodyReader::optional_boolean(const std::string& field) {
  if (!find(field)) return std::nullopt;
  const auto before = errors_.size();
  const auto value = boolean(field);
  if (errors_.size() != before) return std::nullopt;
  return value;
}

const nlohmann::json& BodyReader::array(const std::string& field, size_t max_items) {
  const auto* value = find(field);
  if (!value) return kEmptyArray;
  if (!value->is_array()) {
    errors_.push_back(field_errors::not_list(name(field)));
    return kEmptyArray;
  }
  if (value->size() > max_items) {
    errors_.push_back(field_errors::too_many(name(field), max_items));
    return kEmptyArray;
  }
  return *value;
}

std::vector<std::string> BodyReader::texts(const std::string& field, size_t max_items,
                                           size_t max_length) {
  std::vector<std::string> values;
  const auto& items = array(field, max_items);
  for (size_t i = 0; i < items.size(); ++i) {
    const auto item = field + "." + std::to_string(i);
    if (!items[i].is_string()) {
      errors_.push_back(field_errors::not_text(name(item)));
    } else if (items[i].get_ref<const std::string&>().size() > max_length) {
      errors_.push_back(field_errors::too_large(name(item)));
    } else if (text::has_control_character(items[i].get_ref<const std::string&>())) {
      errors_.push_back(field_errors::control_character(name(item)));
    } else {
      values.push_back(items[i].get<std::string>());
    }
  }
  return values;
}

void BodyReader::add(FieldErrors errors) {
  for (auto& e : errors) errors_.push_back(std::move(e));
}

void BodyReader::check() const {
  if (!errors_.empty()) throw Problem::invalid(errors_);
}

}  // namespace hersys::http
