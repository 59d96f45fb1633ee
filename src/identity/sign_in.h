#pragma once
// The sign-in flow (SPEC AUTH-1..4) as steps on the database, each recorded in the access log:
//   password -> [change the initial password] -> [enrol TOTP or a phone] -> code -> active.
// Consecutive failures of any step count towards the lockout (AUTH-3); only a completed
// sign-in clears them, so knowing the password does not buy unlimited guesses at the code.
// Slow work (argon2id) runs before any write transaction opens.
#include "identity/access.h"
#include "identity/store.h"
#include "platform/errors.h"

namespace hersys::identity {

enum class Outcome { ok, invalid, locked };

struct PasswordStep {
  Outcome outcome = Outcome::invalid;
  NewSession session;  // when ok
  Stage stage = Stage::password_change;
  Account account;
  Organisation organisation;
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
  SignIn(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

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
  // Ends a successful second step: clears failures, activates the session, logs, commits.
  void complete(db::Transaction& tx, const Caller& caller, const std::string& type,
                const Origin& origin);

  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::identity
