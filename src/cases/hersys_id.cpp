#include "cases/hersys_id.h"

#include <algorithm>

#include "platform/validation/field_errors.h"

namespace hersys::cases {
namespace {

// The Damm algorithm's table: a totally anti-symmetric quasigroup of order 10.
constexpr int kDamm[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                               {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                               {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                               {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                               {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

char check_digit(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return static_cast<char>('0' + interim);
}

std::string make_hersys_id(std::string_view eight_digits) {
  std::string id(eight_digits);
  id += check_digit(eight_digits);
  return id;
}

FieldErrors validate_hersys_id(std::string_view id, std::string_view field, bool allow_legacy) {
  const std::string name(field);
  if (id.empty()) return {field_errors::required(name)};
  if (!all_digits(id)) {
    return {{name,
             "not_digits",
             {"HER-SYS IDは半角数字で入力してください。",
              "The HER-SYS ID is made of half-width digits."}}};
  }
  if (id.size() == kHersysIdLength) {
    if (check_digit(id) == '0') return {};
    return {{name,
             "check_digit",
             {"HER-SYS IDに誤りがあります。数字を確かめてください。",
              "This HER-SYS ID is mistyped: check the digits."}}};
  }
  if (allow_legacy && id.size() >= 6 && id.size() <= 8) return {};
  return {{name, "invalid_length", {"HER-SYS IDは9桁です。", "A HER-SYS ID has 9 digits."}}};
}

}  // namespace hersys::cases
