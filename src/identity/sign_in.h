#pragma once
// The sign-in flow (SPEC AUTH-1..4) as steps on the database, each recorded in the access log:
//   password -> [change the initial password] -> [enrol TOTP or a phone] -> code -> active.
// Consecutive failures of the later steps count towards the account's lockout (AUTH-3); only a
// completed sign-in clears them, so knowing the password does not buy unlimited guesses at the
// code. Wrong passwords count per account and source instead (rules.h, issue 19 item 2), behind
// the throttle (throttle.h). Slow work (argon2id) runs on a bounded pool of its own
// (platform/concurrency), before any write transaction opens, for known and unknown login ids
// alike (issue 19 items 3 and 7).
#include <memory>

#include "identity/access.h"
#include "identity/store.h"
#include "identity/throttle.h"
#include "platform/concurrency/bounded_pool.h"
#include "platform/errors.h"

namespace hersys::identity {

enum class Outcome { ok, invalid, locked };

struct PasswordStep {
  Outcome outcome = Outcome::invalid;
  NewSession session;  // when ok
  Stage stage = Stage::password_change;
  Account account;
  Organisation organisation;
  // Set when the throttle refused the attempt (nothing was checked): retry after this long.
  std::optional<std::chrono::seconds> retry_after;
};

struct TotpEnrolment {
  std::string otpauth_uri;
};

struct PasswordChange {
  Outcome outcome = Outcome::invalid;
  FieldErrors errors;  // the new password's policy problems, when outcome is invalid
  Stage stage = Stage::active;
};

class SignIn {
 public:
  // `hashing` runs argon2id; by default a pool of half the cores with a queue of two per thread.
  SignIn(db::Database& database, const Clock& clock,
         std::shared_ptr<concurrency::BoundedPool> hashing = nullptr, ThrottleRules rules = {});

  // Throws concurrency::PoolSaturated (answered 503 busy + Retry-After) when the hashing pool
  // is full.
  PasswordStep with_password(const std::string& login_id, const std::string& password,
                             const Origin& origin);
  PasswordChange change_password(const Caller& caller, const std::string& current,
                                 const std::string& next, const Origin& origin);
  TotpEnrolment begin_totp_enrolment(const Caller& caller, const Origin& origin);
  // Checks the first code against the secret begun above (caller.pending_totp_secret). From an
  // active session (re-enrolment, reauthenticated first) it also ends the account's other
  // sessions and tells the account holder.
  Outcome confirm_totp_enrolment(const Caller& caller, const std::string& code,
                                 const Origin& origin);
  // Checks the code sent to a new phone during enrolment; the phone becomes the second factor.
  Outcome confirm_phone_enrolment(const Caller& caller, std::int64_t phone_id,
                                  const std::string& code, const Origin& origin);
  // The second step: a code from the authenticator app, or one sent to a registered phone.
  Outcome with_code(const Caller& caller, const std::string& code, const Origin& origin);
  // Ends this session only: the account's API tokens are separate credentials and stay (the
  // owner or the issuer revokes them).
  void sign_out(const Caller& caller, const Origin& origin);
  // Asks a signed-in caller again for the password and a current second factor (a code from the
  // authenticator app, or one sent by POST /auth/second-factor/code) before a sensitive change:
  // creating an API token, replacing the authenticator (issue 19 items 1 and 5). A failure
  // counts towards the lockout like any other step and is logged as `type`.
  Outcome reauthenticate(const Caller& caller, const std::string& password, const std::string& code,
                         const std::string& type, const Origin& origin);

 private:
  // Counts a failure, locks the account at the threshold (revoking its sessions) and logs it.
  // Returns locked or invalid.
  Outcome fail(const Account& account, std::int64_t organisation_id, const std::string& type,
               const Origin& origin);
  bool locked(const Credentials& credentials) const;
  // A wrong password for a known account from `source`: counts it for the pair, locks the
  // source (and the account when enough sources are locked), tells the holder and the issuer
  // once per episode. Never ends sessions.
  void wrong_password(const Credentials& credentials, const std::string& source,
                      const Origin& origin);
  // Logs a failure of the password step, aggregated with identical ones (RepeatedFailures).
  void log_repeated(const std::string& source, const std::string& login_id,
                    const std::string& reason, audit::Event event);
  bool verify(const std::string& hash, const std::string& password);
  // Ends a successful second step: clears failures, activates the session, logs, commits.
  void complete(db::Transaction& tx, const Caller& caller, const std::string& type,
                const Origin& origin);

  db::Database& database_;
  const Clock& clock_;
  std::shared_ptr<concurrency::BoundedPool> hashing_;
  SignInThrottle throttle_;
  RepeatedFailures repeated_;
};

}  // namespace hersys::identity
