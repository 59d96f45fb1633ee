#pragma once
// Identity rules as pure functions: names of kinds, roles and stages; the password policy; the
// lockout back-off; session expiry; TOTP (RFC 6238) verification.
#include <chrono>
#include <optional>
#include <string_view>

#include "identity/model.h"
#include "platform/errors.h"
#include "platform/time/clock.h"

namespace hersys::identity {

// The stage a session moves to once the password step is done.
Stage stage_after_password(const Account& account);

// AUTH-1: 12 to 128 characters (counted as Unicode code points, never truncated), valid UTF-8,
// not the login id, not one character repeated. `field` names the field in the errors.
FieldErrors validate_new_password(std::string_view password, std::string_view login_id,
                                  std::string_view field = "new_password");

// ORG-1: what an organisation record must hold. Name up to 100 characters, address up to 200,
// an e-mail address for notifications, a Japanese phone number (platform/phone) and a contact
// person (担当者, up to 100 characters; issue 14 item 1), prefecture code 01-47 ("00" for the
// ministry only), municipality code empty or 5-6 digits, and a code of A-Z, 0-9 and "-" (2-20) when
// given.
FieldErrors validate_organisation(const Organisation& organisation);

// ORG-2: a login id is 4-64 of A-Z a-z 0-9 . _ - starting with a letter or digit; a display
// name (a person or a post such as "××病棟2") 1-100 characters without control characters.
FieldErrors validate_login_id(std::string_view login_id, std::string_view field = "login_id");
FieldErrors validate_display_name(std::string_view name, std::string_view field = "display_name");

// The prefix of the project's own codes for organisations it creates ("HC13-00001").
std::string_view code_prefix(OrganisationKind kind);

// AUTH-3: after kLockoutThreshold consecutive failures (password or code) the account locks for
// 15 minutes, doubling with each further failure up to 24 hours; the issuer can unlock.
inline constexpr int kLockoutThreshold = 5;
std::chrono::minutes lockout_after(int consecutive_failures);  // 0: not locked

// AUTH-3 at the password step (issue 19 item 2), where anyone can guess: wrong passwords count
// per account *and source* (identity/throttle.h source_of), and lockout_after() locks that source
// out of that account only. The account locks for everyone, for kAccountLockForManySources,
// only when kLockedSourcesForAccountLock sources were locked out of it within kAttackEpisode
// (a distributed attack; again for each further source locked in that time). A password-step
// failure never ends the account's sessions. While locked, only the correct password learns it
// (403 account_locked); a wrong one gets the answer of an unknown login id.
inline constexpr int kLockedSourcesForAccountLock = 10;
inline constexpr std::chrono::hours kAccountLockForManySources{1};
// The account holder and the issuer are told once per episode of this length.
inline constexpr std::chrono::hours kAttackEpisode{24};

// AUTH-4: a session ends after 30 minutes without a request, and 12 hours after sign-in.
inline constexpr std::chrono::minutes kIdleTimeout{30};
inline constexpr std::chrono::hours kAbsoluteTimeout{12};
bool session_expired(Clock::time_point created, Clock::time_point last_seen, Clock::time_point now);

// RFC 6238 TOTP, 6 digits, 30-second steps, accepting one step of clock drift either way. Returns
// the time step the code belongs to, or nullopt. A step at or before `last_used_step` is refused:
// a code is never accepted twice.
std::optional<std::int64_t> verify_totp(std::string_view secret, std::string_view code,
                                        Clock::time_point now, std::int64_t last_used_step);

// The code for `secret` at `now` (tests and the demo use it).
std::string totp_code(std::string_view secret, Clock::time_point now);

// The secret as authenticator apps take it typed in: base32 without padding.
std::string totp_secret_base32(std::string_view secret);

// The otpauth:// URI an authenticator app reads (from its QR code).
std::string otpauth_uri(std::string_view secret, std::string_view login_id);

}  // namespace hersys::identity
