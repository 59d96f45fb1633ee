#pragma once
// Folding what people type into one form before it is checked or compared. Japanese input
// methods produce full-width digits and letters (０９０…, １８３－００５５), half-width katakana
// (ﾔﾏﾀﾞ), hiragana where katakana is asked for, and full-width spaces; each rule and search
// sees one spelling.
#include <string>
#include <string_view>

namespace hersys::text {

// For values typed in digits and letters (phone numbers, postal codes, dates, IDs, e-mail
// addresses): full-width ASCII (U+FF01..U+FF5E) to ASCII, the ideographic space to a space,
// the dashes an input method gives in a number (‐ ‑ ‒ – — ― − ー ｰ) to "-", and surrounding
// spaces removed. Everything else is kept as typed.
std::string half_width(std::string_view text);

// Kana to full-width katakana: half-width katakana to full-width with a following ﾞ or ﾟ
// joined to its letter (ｶﾞ -> ガ, ﾊﾟ -> パ, ｳﾞ -> ヴ), a combining voiced mark (U+3099,
// U+309A) joined likewise, and hiragana to katakana. Everything else is kept as typed.
std::string to_katakana(std::string_view text);

// True for the spaces people put between family and given names (U+0020, U+3000).
bool is_space(char32_t code_point);

}  // namespace hersys::text
