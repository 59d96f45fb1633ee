#pragma once
// The stored and wire names of an enum, in one table per enum:
//   constexpr EnumNames<Channel, 3> kChannels{{{Channel::email, "email"}, ...}};
//   kChannels.name(Channel::sms) == "sms"; kChannels.parse("sms") == Channel::sms.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace hersys {

template <typename Enum, size_t N>
struct EnumNames {
  std::array<std::pair<Enum, std::string_view>, N> entries;

  constexpr std::string_view name(Enum value) const {
    for (const auto& [v, n] : entries)
      if (v == value) return n;
    return {};
  }
  constexpr std::optional<Enum> parse(std::string_view name) const {
    for (const auto& [v, n] : entries)
      if (n == name) return v;
    return std::nullopt;
  }
};

}  // namespace hersys
