#include "identity/rules.h"

#include <liboath/oath.h>

#include <array>
#include <mutex>
#include <stdexcept>

namespace hersys::identity {
namespace {

constexpr unsigned kTotpStep = 30;
constexpr size_t kTotpWindow = 1;

void ensure_oath() {
  static const bool ready = [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath could not be initialised");
    return true;
  }();
  (void)ready;
}

time_t unix_seconds(Clock::time_point t) {
  return static_cast<time_t>(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

// Code points in valid UTF-8, or nullopt.
std::optional<size_t> utf8_length(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t width = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xe  ? 3
                         : (c >> 3) == 0x1e ? 4
                                            : 0;
    if (width == 0 || i + width > s.size()) return std::nullopt;
    for (size_t k = 1; k < width; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return std::nullopt;
    }
    i += width;
    ++count;
  }
  return count;
}

template <class Enum, size_t N>
std::optional<Enum> parse(std::string_view name, const std::array<Enum, N>& values) {
  for (auto v : values) {
    if (to_string(v) == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::ministry:
      return "ministry";
    case OrganisationKind::prefecture:
      return "prefecture";
    case OrganisationKind::health_center:
      return "health_center";
    case OrganisationKind::medical_institution:
      return "medical_institution";
    case OrganisationKind::follow_up:
      return "follow_up";
    case OrganisationKind::lodging:
      return "lodging";
  }
  return "medical_institution";
}

std::optional<OrganisationKind> organisation_kind_from(std::string_view name) {
  return parse(name,
               std::array{OrganisationKind::ministry, OrganisationKind::prefecture,
                          OrganisationKind::health_center, OrganisationKind::medical_institution,
                          OrganisationKind::follow_up, OrganisationKind::lodging});
}

std::string_view to_string(Role role) { return role == Role::admin ? "admin" : "staff"; }

std::optional<Role> role_from(std::string_view name) {
  return parse(name, std::array{Role::staff, Role::admin});
}

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::password_change:
      return "password_change";
    case Stage::totp_enrolment:
      return "totp_enrolment";
    case Stage::second_factor:
      return "second_factor";
    case Stage::active:
      return "active";
  }
  return "password_change";
}

std::optional<Stage> stage_from(std::string_view name) {
  return parse(name, std::array{Stage::password_change, Stage::totp_enrolment, Stage::second_factor,
                                Stage::active});
}

Stage stage_after_password(const Account& account) {
  if (account.must_change_password) return Stage::password_change;
  return account.totp_enrolled ? Stage::second_factor : Stage::totp_enrolment;
}

FieldErrors validate_new_password(std::string_view password, std::string_view login_id,
                                  std::string_view field) {
  const std::string f(field);
  const auto length = utf8_length(password);
  if (!length) {
    return {{f,
             "invalid_text",
             {"使用できない文字が含まれています。", "The password contains invalid characters."}}};
  }
  if (*length < 12) {
    return {{f,
             "too_short",
             {"パスワードは12文字以上にしてください。", "Use at least 12 characters."}}};
  }
  if (*length > 128) {
    return {{f,
             "too_long",
             {"パスワードは128文字以内にしてください。", "Use at most 128 characters."}}};
  }
  if (password == login_id) {
    return {{f,
             "same_as_login_id",
             {"ログインIDと同じパスワードは使えません。",
              "The password must differ from the login ID."}}};
  }
  if (password.find_first_not_of(password.front()) == std::string_view::npos) {
    return {
        {f,
         "too_simple",
         {"同じ文字の繰り返しは使えません。", "The password cannot be one character repeated."}}};
  }
  return {};
}

std::chrono::minutes lockout_after(int consecutive_failures) {
  if (consecutive_failures < kLockoutThreshold) return std::chrono::minutes(0);
  const int doublings = std::min(consecutive_failures - kLockoutThreshold, 7);
  return std::min(std::chrono::minutes(15 << doublings), std::chrono::minutes(24 * 60));
}

bool session_expired(Clock::time_point created, Clock::time_point last_seen,
                     Clock::time_point now) {
  return now - last_seen >= kIdleTimeout || now - created >= kAbsoluteTimeout;
}

std::optional<std::int64_t> verify_totp(std::string_view secret, std::string_view code,
                                        Clock::time_point now, std::int64_t last_used_step) {
  ensure_oath();
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string otp(code);
  int position = 0;
  uint64_t step = 0;
  const int rc = oath_totp_validate3(secret.data(), secret.size(), unix_seconds(now), kTotpStep, 0,
                                     kTotpWindow, &position, &step, otp.c_str());
  if (rc < 0 || static_cast<std::int64_t>(step) <= last_used_step) return std::nullopt;
  return static_cast<std::int64_t>(step);
}

std::string totp_code(std::string_view secret, Clock::time_point now) {
  ensure_oath();
  char code[7] = {};
  if (oath_totp_generate(secret.data(), secret.size(), unix_seconds(now), kTotpStep, 0, 6, code) !=
      OATH_OK) {
    throw std::runtime_error("TOTP generation failed");
  }
  return code;
}

std::string otpauth_uri(std::string_view secret, std::string_view login_id) {
  ensure_oath();
  char* base32 = nullptr;
  size_t length = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &base32, &length) != OATH_OK) {
    throw std::runtime_error("base32 encoding failed");
  }
  std::string encoded(base32, length);
  free(base32);
  while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  // Login ids are [A-Za-z0-9._-] (see the store), so they need no percent-encoding.
  return "otpauth://totp/HER-SYS:" + std::string(login_id) + "?secret=" + encoded +
         "&issuer=HER-SYS&algorithm=SHA1&digits=6&period=30";
}

}  // namespace hersys::identity
