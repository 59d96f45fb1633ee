#pragma once
// The field errors every feature shares, each worded once in Japanese and English. A feature
// writes its own text only for what is its own (e.g. "死亡の場合は死亡日を入力してください").
// Codes are stable: the screens and integrators key on them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/errors.h"

namespace hersys::field_errors {

FieldError required(std::string field);
// Over a rule's limit, counted in characters.
FieldError too_long(std::string field, size_t max_characters);
// Over what any field of the API holds (the request reader's guard before the rules run).
FieldError too_large(std::string field);
FieldError not_text(std::string field);
// Not valid UTF-8, or line breaks and control characters in a one-line field.
FieldError invalid_text(std::string field);
// NUL and other control characters (text::has_control_character).
FieldError control_character(std::string field);
FieldError not_integer(std::string field);
FieldError out_of_range(std::string field, std::int64_t min, std::int64_t max);
FieldError not_boolean(std::string field);
FieldError not_object(std::string field);
FieldError not_list(std::string field);
FieldError too_many(std::string field, size_t max_items);
FieldError invalid_choice(std::string field);
FieldError invalid_date(std::string field);
FieldError future_date(std::string field);
// A real date outside the range the system accepts (kFirstDate..kLastDate, platform/time).
FieldError date_out_of_range(std::string field);
// The error for a date that parse_iso_date refuses: date_out_of_range for a real date outside
// the range, else invalid_date.
FieldError bad_date(std::string field, std::string_view text);
FieldError invalid_email(std::string field);
FieldError invalid_phone(std::string field);
// An organisation's phone (free dial and navi dial allowed; walk item 18).
FieldError invalid_contact_phone(std::string field);
// SMS goes to mobile numbers only (070/080/090).
FieldError not_mobile(std::string field);
FieldError invalid_postal_code(std::string field);

}  // namespace hersys::field_errors
