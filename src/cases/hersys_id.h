#pragma once
// Public: the portal, the phone channels and imports check the IDs people type with it.
// The HER-SYS ID (CASE-7): nine digits, eight random ones and a check digit by the Damm
// algorithm, which catches every single mistyped digit and every swap of two adjacent digits.
// Legacy IDs of 6-8 digits (the real system's) carry no check digit and are accepted where
// they are looked up or imported.
#include <string>
#include <string_view>

#include "platform/errors.h"

namespace hersys::cases {

inline constexpr size_t kHersysIdLength = 9;
char check_digit(std::string_view digits);
// `eight_digits` followed by its check digit.
std::string make_hersys_id(std::string_view eight_digits);
// Errors on `field` unless `id` is a valid HER-SYS ID (legacy lengths only when allowed).
FieldErrors validate_hersys_id(std::string_view id, std::string_view field, bool allow_legacy);

}  // namespace hersys::cases
