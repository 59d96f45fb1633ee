#pragma once
// One idiom for the stored and wire names of an enum. Beside the enum, in its namespace:
//
//   constexpr std::string_view name_of(Sex value) {
//     switch (value) {
//       case Sex::male: return "male";
//       case Sex::female: return "female";
//     }
//     return {};
//   }
//
// with a case for every value and no `default`: -Wswitch (an error in this project) refuses a
// table that misses a value, so no value can silently be named "". Values are the declared
// ones, 0, 1, 2 ... (no explicit numbers), so parsing and listing need nothing else:
//   parse_name<Sex>("male") == Sex::male;  all_values<Sex>() == {male, female}.
#include <optional>
#include <string_view>
#include <vector>

namespace hersys {

// The values of Enum in declaration order (name_of found by argument-dependent lookup).
template <typename Enum>
std::vector<Enum> all_values() {
  std::vector<Enum> values;
  for (int i = 0; !name_of(static_cast<Enum>(i)).empty(); ++i)
    values.push_back(static_cast<Enum>(i));
  return values;
}

// The value named `name`; nullopt for any other text.
template <typename Enum>
constexpr std::optional<Enum> parse_name(std::string_view name) {
  for (int i = 0;; ++i) {
    const std::string_view candidate = name_of(static_cast<Enum>(i));
    if (candidate.empty()) return std::nullopt;
    if (candidate == name) return static_cast<Enum>(i);
  }
}

}  // namespace hersys
