#include "platform/http/body.h"

#include "platform/http/problem.h"

namespace hersys::http {

namespace {
const nlohmann::json kEmptyArray = nlohmann::json::array();
}

BodyReader::BodyReader(const nlohmann::json& body) : BodyReader(body, "") {}

BodyReader::BodyReader(const nlohmann::json& body, std::string prefix)
    : body_(body), prefix_(std::move(prefix)) {
  if (!body_.is_object()) {
    errors_.push_back(
        {prefix_.empty() ? "body" : prefix_,
         "not_object",
         {"送信されたデータの形式が正しくありません。", "The body must be a JSON object."}});
  }
}

std::string BodyReader::name(const std::string& field) const {
  return prefix_.empty() ? field : prefix_ + "." + field;
}

void BodyReader::error(const std::string& field, std::string code, Text message) {
  errors_.push_back({name(field), std::move(code), std::move(message)});
}

const nlohmann::json* BodyReader::find(const std::string& field) const {
  if (!body_.is_object()) return nullptr;
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string BodyReader::text(const std::string& field, size_t max_length, bool required) {
  const auto* it = find(field);
  if (!it || (it->is_string() && it->get_ref<const std::string&>().empty())) {
    if (required) {
      error(field, "required", {"入力してください。", "This field is required."});
    }
    return {};
  }
  if (!it->is_string()) {
    error(field, "not_text", {"文字で入力してください。", "Enter text here."});
    return {};
  }
  const auto& value = it->get_ref<const std::string&>();
  if (value.size() > max_length) {
    error(field, "too_long", {"入力が長すぎます。", "This is too long."});
    return {};
  }
  return value;
}

std::int64_t BodyReader::integer(const std::string& field, std::int64_t min, std::int64_t max,
                                 std::optional<std::int64_t> fallback) {
  const auto* it = find(field);
  if (!it) {
    if (fallback) return *fallback;
    error(field, "required", {"入力してください。", "This field is required."});
    return min;
  }
  if (!it->is_number_integer()) {
    error(field, "not_integer", {"整数で入力してください。", "Enter a whole number."});
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
    error(field, "out_of_range",
          {std::to_string(min) + "から" + std::to_string(max) + "までの値にしてください。",
           "Use a value from " + std::to_string(min) + " to " + std::to_string(max) + "."});
    return min;
  }
  return it->get<std::int64_t>();
}

bool BodyReader::boolean(const std::string& field, bool fallback) {
  const auto* it = find(field);
  if (!it) return fallback;
  if (!it->is_boolean()) {
    error(field, "not_boolean", {"はい・いいえで指定してください。", "Use true or false."});
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
    error(field, "not_list", {"一覧の形式で送信してください。", "Send a list here."});
    return kEmptyArray;
  }
  if (value->size() > max_items) {
    error(field, "too_many",
          {std::to_string(max_items) + "件までにしてください。",
           "At most " + std::to_string(max_items) + " entries."});
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
      error(item, "not_text", {"文字で入力してください。", "Enter text here."});
    } else if (items[i].get_ref<const std::string&>().size() > max_length) {
      error(item, "too_long", {"入力が長すぎます。", "This is too long."});
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
