#include "identity/rules.h"

#include <liboath/oath.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <stdexcept>

#include "platform/text/utf8.h"
#include "platform/validation/checker.h"

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

}  // namespace

Stage stage_after_password(const Account& account) {
  if (account.must_change_password) return Stage::password_change;
  return account.totp_enrolled || account.has_verified_phone ? Stage::second_factor
                                                             : Stage::second_factor_enrolment;
}

FieldErrors validate_new_password(std::string_view password, std::string_view login_id,
                                  std::string_view field) {
  const std::string f(field);
  const auto length = text::utf8_length(password);
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

namespace {

FieldError field_error(std::string_view field, std::string code, Text message) {
  return {std::string(field), std::move(code), std::move(message)};
}

// Required text of at most `max` characters on one line.
void check_text(Checker& c, const std::string& field, std::string_view value, size_t max) {
  if (!c.required(field, !value.empty())) return;
  c.one_line(field, value);
  c.length(field, value, max);
}

bool all_of_set(std::string_view s, std::string_view set) {
  return s.find_first_not_of(set) == std::string_view::npos;
}

constexpr std::string_view kDigits = "0123456789";

}  // namespace

FieldErrors validate_organisation(const Organisation& o) {
  Checker c;
  check_text(c, "name", o.name, 100);
  check_text(c, "address", o.address, 200);
  if (c.required("email", !o.email.empty())) c.email("email", o.email);
  // Issue 14 item 1 (ORG-1, DAY-5): a number a health center can call, and whom to ask for.
  // Free dial and navi dial (0120, 0800, 0570) too: a number to call, not one to text (walk
  // item 18).
  if (c.required("phone", !o.phone.empty())) c.contact_phone("phone", o.phone);
  check_text(c, "contact_person", o.contact_person, 100);
  auto errors = c.take();
  const bool ministry = o.kind == OrganisationKind::ministry;
  const auto& pref = o.prefecture_code;
  const bool prefecture_ok =
      pref.size() == 2 && all_of_set(pref, kDigits) &&
      (ministry ? pref == "00" : (std::stoi(pref) >= 1 && std::stoi(pref) <= 47));
  if (!prefecture_ok) {
    errors.push_back(field_error(
        "prefecture_code", "invalid_prefecture",
        {"都道府県コード（01〜47）を確認してください。", "Check the prefecture code (01 to 47)."}));
  }
  const auto& muni = o.municipality_code;
  if (!muni.empty() && !((muni.size() == 5 || muni.size() == 6) && all_of_set(muni, kDigits))) {
    errors.push_back(field_error("municipality_code", "invalid_municipality",
                                 {"市区町村コード（5桁または6桁）を確認してください。",
                                  "Check the municipality code (5 or 6 digits)."}));
  }
  if (!o.code.empty() && !(o.code.size() >= 2 && o.code.size() <= 20 &&
                           all_of_set(o.code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"))) {
    errors.push_back(field_error("code", "invalid_code",
                                 {"コードは英大文字・数字・ハイフン（2〜20文字）にしてください。",
                                  "Use 2 to 20 capital letters, digits or hyphens."}));
  }
  return errors;
}

FieldErrors validate_login_id(std::string_view id, std::string_view field) {
  constexpr std::string_view kAlnum =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bool ok = id.size() >= 4 && id.size() <= 64 &&
                  kAlnum.find(id.front()) != std::string_view::npos &&
                  all_of_set(id, std::string(kAlnum) + "._-") && id.rfind("hst_", 0) != 0;
  if (ok) return {};
  return {field_error(field, "invalid_login_id",
                      {"ログインIDは英数字と . _ - の4〜64文字（英数字で始まる）にしてください。",
                       "Use 4 to 64 letters, digits, '.', '_' or '-', starting with a letter or "
                       "digit."})};
}

FieldErrors validate_display_name(std::string_view name, std::string_view field) {
  Checker c;
  check_text(c, std::string(field), name, 100);
  return c.take();
}

std::string_view code_prefix(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::ministry: return "MH";
    case OrganisationKind::prefecture: return "PF";
    case OrganisationKind::health_center: return "HC";
    case OrganisationKind::medical_institution: return "MI";
    case OrganisationKind::follow_up: return "FU";
    case OrganisationKind::lodging: return "LF";
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

std::string totp_secret_base32(std::string_view secret) {
  ensure_oath();
  char* base32 = nullptr;
  size_t length = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &base32, &length) != OATH_OK) {
    throw std::runtime_error("base32 encoding failed");
  }
  std::string encoded(base32, length);
  free(base32);
  while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  return encoded;
}

std::string otpauth_uri(std::string_view secret, std::string_view login_id) {
  // Login ids are [A-Za-z0-9._-] (validate_login_id), so they need no percent-encoding.
  return "otpauth://totp/HER-SYS:" + std::string(login_id) +
         "?secret=" + totp_secret_base32(secret) +
         "&issuer=HER-SYS&algorithm=SHA1&digits=6&period=30";
}

}  // namespace hersys::identity
