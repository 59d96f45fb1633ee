#include "platform/phone/phone.h"

#include "platform/text/fold.h"

namespace hersys::phone {
namespace {

// The digits of a number as people write it: full-width forms folded (text::half_width), then
// separators (spaces, hyphens, parentheses, dots) dropped; anything else makes it invalid.
std::optional<std::string> digits_of(std::string_view input) {
  std::string digits;
  bool plus = false;
  for (char c : text::half_width(input)) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return std::nullopt;
    }
  }
  if (plus) {
    if (digits.rfind("81", 0) != 0) return std::nullopt;  // Japanese numbers only
    digits = "0" + digits.substr(2);
  }
  return digits;
}

bool starts(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::optional<Number> parse(std::string_view input) {
  auto digits = digits_of(input);
  if (!digits || digits->size() < 10 || (*digits)[0] != '0' || (*digits)[1] == '0') {
    return std::nullopt;
  }
  const auto& d = *digits;
  Number number;
  if (d.size() == 11) {
    if (starts(d, "0800")) return std::nullopt;  // toll-free, not a mobile phone
    if (starts(d, "070") || starts(d, "080") || starts(d, "090")) {
      number.kind = Kind::mobile;
    } else if (starts(d, "050")) {
      number.kind = Kind::ip;
    } else {
      return std::nullopt;  // 020 (M2M/pagers), 0800 (toll-free) and others
    }
  } else if (d.size() == 10) {
    // Geographic numbers; not the non-geographic 0120 (toll-free), 0570 (navi dial), 0180,
    // 0990 (premium), and not 050/070/080/090 written one digit short.
    for (auto refused : {"0120", "0570", "0180", "0990", "050", "070", "080", "090", "020"}) {
      if (starts(d, refused)) return std::nullopt;
    }
    number.kind = Kind::landline;
  } else {
    return std::nullopt;
  }
  number.national = d;
  number.e164 = "+81" + d.substr(1);
  return number;
}

bool is_contact_number(std::string_view input) {
  if (parse(input)) return true;
  const auto digits = digits_of(input);
  if (!digits) return false;
  const auto& d = *digits;
  return (d.size() == 10 && (starts(d, "0120") || starts(d, "0570"))) ||
         (d.size() == 11 && starts(d, "0800"));
}

std::string display(const Number& number) {
  const auto& d = number.national;
  if (d.size() == 11) return d.substr(0, 3) + "-" + d.substr(3, 4) + "-" + d.substr(7);
  if (starts(d, "03") || starts(d, "06")) {
    return d.substr(0, 2) + "-" + d.substr(2, 4) + "-" + d.substr(6);
  }
  return d;  // area codes of 3 to 5 digits: grouping without the table would mislead
}

}  // namespace hersys::phone
