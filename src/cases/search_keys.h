#pragma once
// How names are searched (CASE-6, CASE-7): keys that fold every way a person types a name or
// its reading, for stored keys and queries alike, and the two-character pieces (bigrams) the
// partial-name index stores.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time/clock.h"

namespace hersys::cases {

// The reading as full-width katakana without spaces, whether typed in katakana, hiragana or
// half-width katakana (ｶﾀｶﾅ, with ﾞ and ﾟ joined) and with full- or half-width spaces;
// nullopt when it holds anything but kana.
std::optional<std::string> kana_key(std::string_view kana);
// The name with spaces (half- and full-width) removed.
std::string name_key(std::string_view name);
// The distinct two-character pieces of a key (UTF-8 aware): the search terms of a name.
std::vector<std::string> bigrams(std::string_view key);

// The birth dates of those aged `at_least` (in whole years, as age_on counts them) on `today`:
// born on or before the date returned. A birthday on 29 February that `today`'s year lacks
// counts from 1 March, as age_on does.
Day born_on_or_before_for_age(int at_least, Day today);

}  // namespace hersys::cases
