#include "platform/text/utf8.h"

namespace hersys::text {
namespace {

// The length of the sequence a lead byte starts; 0 for a byte that cannot start one.
size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Whether the `n` bytes at `i` are one well-formed sequence (RFC 3629): continuation bytes
// where they belong, no overlong form, no surrogate, nothing above U+10FFFF.
bool well_formed(std::string_view text, size_t i, size_t n) {
  if (n == 0 || i + n > text.size()) return false;
  for (size_t k = 1; k < n; ++k) {
    if (!continuation(text[i + k])) return false;
  }
  const auto lead = static_cast<unsigned char>(text[i]);
  const auto second = n > 1 ? static_cast<unsigned char>(text[i + 1]) : 0;
  if (n == 2) return lead >= 0xC2;
  if (n == 3) return !(lead == 0xE0 && second < 0xA0) && !(lead == 0xED && second >= 0xA0);
  if (n == 4)
    return lead <= 0xF4 && !(lead == 0xF0 && second < 0x90) && !(lead == 0xF4 && second >= 0x90);
  return true;
}

}  // namespace

std::u32string decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t n = sequence_length(lead);
    if (!well_formed(text, i, n)) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t cp = n == 1 ? lead : lead & (0x7F >> n);
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string encode(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size() * 3);
  for (char32_t cp : code_points) append(out, cp);
  return out;
}

std::optional<size_t> utf8_length(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = sequence_length(static_cast<unsigned char>(s[i]));
    if (!well_formed(s, i, n)) return std::nullopt;
    i += n;
    ++count;
  }
  return count;
}

bool has_control_character(std::string_view text, bool multi_line) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) continue;
    if (multi_line && (c == '\t' || c == '\n' || c == '\r')) continue;
    return true;
  }
  return false;
}

size_t character_count(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += continuation(c) ? 0 : 1;
  return count;
}

}  // namespace hersys::text
