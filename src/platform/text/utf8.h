#pragma once
// UTF-8 as the rest of the code needs it: code points in and out, and lengths in characters
// (the unit every length rule counts in, so "山田太郎" is 4, not 12).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hersys::text {

// The code points of UTF-8 text; an invalid sequence becomes U+FFFD, one per byte.
std::u32string decode(std::string_view text);
// Appends the UTF-8 encoding of `code_point` to `out`.
void append(std::string& out, char32_t code_point);
std::string encode(std::u32string_view code_points);

// The number of characters in valid UTF-8 text; nullopt when `text` is not valid UTF-8.
std::optional<size_t> utf8_length(std::string_view text);
// The number of characters, counting an invalid byte as one (for limits on text already known
// to be valid, such as parsed JSON strings).
size_t character_count(std::string_view text);

// Whether `text` holds a control character that no input may carry (issue 19 item 11): C0
// (U+0000..U+001F, NUL included) and DEL. With `multi_line` (free text typed in a text area),
// tab, line feed and carriage return are allowed.
bool has_control_character(std::string_view text, bool multi_line = false);

}  // namespace hersys::text
