#include "platform/http/body.h"

#include "platform/http/problem.h"

namespace hersys::http {

BodyReader::BodyReader(const nlohmann::json& body) : body_(body) {
  if (!body_.is_object()) {
    errors_.push_back(
        {"body",
         "not_object",
         {"送信されたデータの形式が正しくありません。", "The body must be a JSON object."}});
  }
}

std::string BodyReader::text(const std::string& field, size_t max_length, bool required) {
  if (!body_.is_object()) return {};
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null() ||
      (it->is_string() && it->get_ref<const std::string&>().empty())) {
    if (required) {
      errors_.push_back({field, "required", {"入力してください。", "This field is required."}});
    }
    return {};
  }
  if (!it->is_string()) {
    errors_.push_back({field, "not_text", {"文字で入力してください。", "Enter text here."}});
    return {};
  }
  const auto& value = it->get_ref<const std::string&>();
  if (value.size() > max_length) {
    errors_.push_back({field, "too_long", {"入力が長すぎます。", "This is too long."}});
    return {};
  }
  return value;
}

std::int64_t BodyReader::integer(const std::string& field, std::int64_t min, std::int64_t max,
                                 std::optional<std::int64_t> fallback) {
  if (!body_.is_object()) return fallback.value_or(min);
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (fallback) return *fallback;
    errors_.push_back({field, "required", {"入力してください。", "This field is required."}});
    return min;
  }
  if (!it->is_number_integer()) {
    errors_.push_back({field, "not_integer", {"整数で入力してください。", "Enter a whole number."}});
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
    errors_.push_back(
        {field,
         "out_of_range",
         {std::to_string(min) + "から" + std::to_string(max) + "までの値にしてください。",
          "Use a value from " + std::to_string(min) + " to " + std::to_string(max) + "."}});
    return min;
  }
  return it->get<std::int64_t>();
}

bool BodyReader::boolean(const std::string& field, bool fallback) {
  if (!body_.is_object()) return fallback;
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) {
    errors_.push_back(
        {field, "not_boolean", {"はい・いいえで指定してください。", "Use true or false."}});
    return fallback;
  }
  return it->get<bool>();
}

void BodyReader::add(FieldErrors errors) {
  for (auto& e : errors) errors_.push_back(std::move(e));
}

void BodyReader::check() const {
  if (!errors_.empty()) throw Problem::invalid(errors_);
}

}  // namespace hersys::http
