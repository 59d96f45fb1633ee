#include "cases/search_keys.h"

#include <set>

#include "platform/text/fold.h"
#include "platform/text/utf8.h"

namespace hersys::cases {

std::optional<std::string> kana_key(std::string_view kana) {
  std::string key;
  for (char32_t cp : text::decode(text::to_katakana(kana))) {
    if (text::is_space(cp)) continue;
    const bool katakana =
        (cp >= U'ァ' && cp <= U'ヺ') || cp == U'ー' || cp == U'・' || cp == U'ヽ' || cp == U'ヾ';
    if (!katakana) return std::nullopt;
    text::append(key, cp);
  }
  return key;
}

std::string name_key(std::string_view name) {
  std::string key;
  for (char32_t cp : text::decode(name)) {
    if (!text::is_space(cp)) text::append(key, cp);
  }
  return key;
}

std::vector<std::string> bigrams(std::string_view key) {
  const auto cps = text::decode(key);
  std::set<std::string> terms;
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    std::string term;
    text::append(term, cps[i]);
    text::append(term, cps[i + 1]);
    terms.insert(std::move(term));
  }
  return {terms.begin(), terms.end()};
}

Day born_on_or_before_for_age(int at_least, Day today) {
  const Day day = today - std::chrono::years{at_least};
  if (day.ok()) return day;
  return std::chrono::year_month_day_last(day.year(), std::chrono::month_day_last(day.month()));
}

}  // namespace hersys::cases
