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

void BodyReader::add(FieldErrors errors) {
  for (auto& e : errors) errors_.push_back(std::move(e));
}

void BodyReader::check() const {
  if (!errors_.empty()) throw Problem::invalid(errors_);
}

}  // namespace hersys::http
