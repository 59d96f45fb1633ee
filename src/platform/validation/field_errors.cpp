#include "platform/validation/field_errors.h"

#include "platform/time/format.h"

namespace hersys::field_errors {
namespace {

FieldError error(std::string field, const char* code, Text message) {
  return {std::move(field), code, std::move(message)};
}

}  // namespace

FieldError required(std::string field) {
  return error(std::move(field), "required", {"入力してください。", "This field is required."});
}
FieldError too_long(std::string field, size_t max) {
  const auto n = std::to_string(max);
  return error(std::move(field), "too_long",
               {n + "文字以内で入力してください。", "Use at most " + n + " characters."});
}
FieldError too_large(std::string field) {
  return error(std::move(field), "too_long", {"入力が長すぎます。", "This is too long."});
}
FieldError not_text(std::string field) {
  return error(std::move(field), "not_text", {"文字で入力してください。", "Enter text here."});
}
FieldError invalid_text(std::string field) {
  return error(std::move(field), "invalid_text",
               {"使用できない文字（改行や制御文字など）が含まれています。",
                "This contains characters that cannot be used (line breaks, control "
                "characters)."});
}
FieldError control_character(std::string field) {
  return error(std::move(field), "control_character",
               {"制御文字（NUL など）は入力できません。",
                "Control characters (such as NUL) cannot be used here."});
}
FieldError not_integer(std::string field) {
  return error(std::move(field), "not_integer",
               {"整数で入力してください。", "Enter a whole number."});
}
FieldError out_of_range(std::string field, std::int64_t min, std::int64_t max) {
  const auto lo = std::to_string(min), hi = std::to_string(max);
  return error(std::move(field), "out_of_range",
               {lo + "から" + hi + "までの値にしてください。",
                "Use a value from " + lo + " to " + hi + "."});
}
FieldError not_boolean(std::string field) {
  return error(std::move(field), "not_boolean",
               {"はい・いいえで指定してください。", "Use true or false."});
}
FieldError not_object(std::string field) {
  return error(std::move(field), "not_object",
               {"送信されたデータの形式が正しくありません。", "This must be a JSON object."});
}
FieldError not_list(std::string field) {
  return error(std::move(field), "not_list",
               {"一覧の形式で送信してください。", "Send a list here."});
}
FieldError too_many(std::string field, size_t max) {
  const auto n = std::to_string(max);
  return error(std::move(field), "too_many",
               {n + "件までにしてください。", "At most " + n + " entries."});
}
FieldError invalid_choice(std::string field) {
  return error(std::move(field), "invalid_choice",
               {"選択肢から選んでください。", "Choose one of the listed options."});
}
FieldError invalid_date(std::string field) {
  return error(std::move(field), "invalid_date",
               {"日付を年・月・日で正しく入力してください（例：2026/11/29）。",
                "Enter a real date as year, month and day (e.g. 2026/11/29)."});
}
FieldError date_out_of_range(std::string field) {
  const auto first = iso_date(kFirstDate), last = iso_date(kLastDate);
  return error(std::move(field), "date_out_of_range",
               {first + " から " + last + " までの日付を入力してください。",
                "Enter a date from " + first + " to " + last + "."});
}
FieldError bad_date(std::string field, std::string_view text) {
  if (iso_date_out_of_range(text)) return date_out_of_range(std::move(field));
  // As the year / month / day boxes hold it (issue 14 item 10): a date that does not exist
  // (2026-02-30) is said so with the date; a part left empty (2026-11-) asks for all three.
  int y = 0, m = 0, d = 0;
  size_t at = 0;
  const auto number = [&](int& out, size_t max_digits) {
    size_t digits = 0;
    out = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < max_digits) {
      out = out * 10 + (text[at++] - '0');
      ++digits;
    }
    return digits;
  };
  const auto dash = [&] { return at < text.size() && text[at] == '-' ? (++at, true) : false; };
  const auto yd = number(y, 4);
  const bool d1 = dash();
  const auto md = number(m, 2);
  const bool d2 = dash();
  const auto dd = number(d, 2);
  if (d1 && d2 && at == text.size()) {
    if (yd == 4 && md > 0 && dd > 0 && m >= 1 && m <= 12) {
      const auto y_s = std::to_string(y), m_s = std::to_string(m), d_s = std::to_string(d);
      const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
      return error(std::move(field), "invalid_date",
                   {"存在しない日付です（" + y_s + "年" + m_s + "月" + d_s + "日）。",
                    "There is no such date (" + y_s + "/" + two(m) + "/" + two(d) + ")."});
    }
    if (yd == 0 || md == 0 || dd == 0) {
      return error(std::move(field), "invalid_date",
                   {"年・月・日をすべて入力してください。", "Enter the year, month and day."});
    }
  }
  return invalid_date(std::move(field));
}
FieldError future_date(std::string field) {
  return error(std::move(field), "future_date",
               {"未来の日付は入力できません。", "This date cannot be in the future."});
}
FieldError invalid_email(std::string field) {
  return error(std::move(field), "invalid_email",
               {"メールアドレスを正しく入力してください。", "Enter a valid e-mail address."});
}
FieldError invalid_phone(std::string field) {
  return error(std::move(field), "invalid_phone",
               {"日本の電話番号を正しく入力してください（フリーダイヤル等は使えません）。",
                "Enter a valid Japanese phone number (toll-free and similar numbers cannot be "
                "used)."});
}
FieldError invalid_contact_phone(std::string field) {
  return error(std::move(field), "invalid_phone",
               {"電話番号を正しく入力してください（例: 03-1234-5678、0120-123-456）。",
                "Enter a valid Japanese phone number (e.g. 03-1234-5678, 0120-123-456)."});
}
FieldError not_mobile(std::string field) {
  return error(std::move(field), "not_mobile",
               {"SMSを受け取るには携帯電話の番号（070/080/090）が必要です。",
                "SMS needs a mobile number (070/080/090)."});
}
FieldError invalid_postal_code(std::string field) {
  return error(
      std::move(field), "invalid_postal_code",
      {"郵便番号は 123-4567 の形で入力してください。", "Enter the postal code as 123-4567."});
}

}  // namespace hersys::field_errors
