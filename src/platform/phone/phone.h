#pragma once
// Japanese telephone numbers by the national numbering plan (総務省の電気通信番号計画), since
// libphonenumber cannot be installed beside Boost 1.81 (docs/architecture.md). A wrong number sends
// personal data to a stranger (SPEC NTF-2), so anything doubtful is refused, not guessed at.
#include <optional>
#include <string>
#include <string_view>

namespace hersys::phone {

enum class Kind {
  mobile,    // 070, 080, 090: SMS and voice
  ip,        // 050: voice only
  landline,  // 0AB-J geographic numbers: voice only
};

struct Number {
  std::string national;  // digits only, with the leading 0: "09012345678"
  std::string e164;      // "+819012345678"
  Kind kind = Kind::landline;
  bool receives_sms() const { return kind == Kind::mobile; }
};

// Accepts the ways people write numbers: "090-1234-5678", "(03) 1234-5678", full-width
// digits and hyphens, "+81 90 1234 5678". Refuses toll-free, navi-dial, premium, M2M and
// anything of the wrong length. nullopt when not a callable Japanese number.
std::optional<Number> parse(std::string_view input);

// A number to call an organisation on (an institution's 代表番号; issue 14 walk item 18,
// ORG-1): every number parse() accepts, and also free dial (0120-XXX-XXX, 0800-XXX-XXXX) and
// navi dial (0570-XXX-XXX), which parse() refuses because no SMS or patient's call goes there.
// Only for showing people whom to call, never for sending messages.
bool is_contact_number(std::string_view input);

// "090-1234-5678" style, for showing the number back to confirm it (NTF-2). Mobile and IP
// numbers are grouped 3-4-4, Tokyo (03) and Osaka (06) 2-4-4; other landlines are shown as
// plain digits, since their area codes run from 3 to 5 digits.
std::string display(const Number& number);

}  // namespace hersys::phone
