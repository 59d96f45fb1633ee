#include "platform/enum_names.h"

#include <gtest/gtest.h>

namespace hersys {
namespace {

enum class Colour { red, green, blue };

constexpr std::string_view name_of(Colour value) {
  switch (value) {
    case Colour::red: return "red";
    case Colour::green: return "green";
    case Colour::blue: return "blue";
  }
  return {};
}

TEST(EnumNames, ParseAndListFollowTheNameFunction) {
  static_assert(parse_name<Colour>("green") == Colour::green);
  static_assert(!parse_name<Colour>("purple"));
  static_assert(!parse_name<Colour>(""));
  EXPECT_EQ(all_values<Colour>(), (std::vector{Colour::red, Colour::green, Colour::blue}));
  for (auto c : all_values<Colour>()) EXPECT_EQ(parse_name<Colour>(name_of(c)), c);
}

}  // namespace
}  // namespace hersys
