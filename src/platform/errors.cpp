#include "platform/errors.h"

#include <cctype>
#include <charconv>

namespace hersys {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_tag(std::string_view range, std::string_view tag) {
  if (range.size() < tag.size()) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(range[i])) != tag[i]) return false;
  }
  return range.size() == tag.size() || range[tag.size()] == '-';
}

// The q value of one Accept-Language element ("en-US;q=0.8"); 1 when absent, 0 when malformed.
double quality(std::string_view params) {
  params = trim(params);
  if (params.empty()) return 1.0;
  if (params.size() < 3 || (params[0] != 'q' && params[0] != 'Q') || params[1] != '=') return 0;
  double q = 0;
  auto value = params.substr(2);
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
  if (ec != std::errc() || end != value.data() + value.size() || q < 0 || q > 1) return 0;
  return q;
}

}  // namespace

Language negotiate_language(std::string_view header) {
  double best_ja = -1, best_en = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto semi = element.find(';');
    auto range = trim(element.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : quality(element.substr(semi + 1));
    if (q <= 0) continue;
    if (starts_with_tag(range, "ja")) best_ja = std::max(best_ja, q);
    if (starts_with_tag(range, "en")) best_en = std::max(best_en, q);
  }
  return best_en > best_ja ? Language::en : Language::ja;
}

}  // namespace hersys
