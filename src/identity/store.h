#pragma once
// The identity feature's SQL: organisations, accounts, credentials and sessions. Secrets are
// stored only as hashes (passwords: argon2id; session tokens: BLAKE2b).
#include <vector>

#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::identity {

std::int64_t create_organisation(db::Transaction& tx, const Organisation& organisation,
                                 Clock::time_point now);
std::optional<Organisation> find_organisation(db::Session& session, std::int64_t id);
std::optional<Organisation> find_organisation_by_code(db::Session& session,
                                                      const std::string& code);

struct IssuedAccount {
  Account account;
  std::string initial_password;  // shown once to the issuer; never stored
};

// Issues an account with a new initial password that must be changed at first sign-in.
// Throws db::UniqueViolation when the login id is taken.
IssuedAccount issue_account(db::Transaction& tx, std::int64_t organisation_id,
                            const std::string& login_id, const std::string& display_name, Role role,
                            std::optional<std::int64_t> issued_by, Clock::time_point now);

// What sign-in needs to know about an account.
struct Credentials {
  Account account;
  std::string password_hash;
  std::string totp_secret;  // raw bytes; empty until enrolled
  std::int64_t totp_last_step = 0;
  int failed_attempts = 0;
  std::optional<Clock::time_point> locked_until;
};

std::optional<Credentials> find_credentials(db::Session& session, const std::string& login_id);
std::optional<Credentials> find_credentials(db::Session& session, std::int64_t account_id);

// Counts one more consecutive failure (atomically: concurrent attempts each count) and returns
// the new count.
int add_failure(db::Transaction& tx, std::int64_t account_id);
void lock_account(db::Transaction& tx, std::int64_t account_id, Clock::time_point until);
// Clears failures and any lock (a successful step, or the issuer's unlock).
void clear_failures(db::Transaction& tx, std::int64_t account_id);
void set_password(db::Transaction& tx, std::int64_t account_id, const std::string& password_hash,
                  bool must_change);
void set_totp(db::Transaction& tx, std::int64_t account_id, const std::string& secret,
              std::int64_t last_step);
// Records `step` as used; false when it (or a later one) already was, so two requests racing
// with the same code cannot both pass.
bool use_totp_step(db::Transaction& tx, std::int64_t account_id, std::int64_t step);

// Sessions. The token goes to the client; only its hash is stored.
struct NewSession {
  std::int64_t id = 0;
  std::string token;
  std::string csrf_token;
};
NewSession create_session(db::Transaction& tx, std::int64_t account_id, Stage stage,
                          Clock::time_point now);

struct StoredSession {
  Caller caller;
  Clock::time_point created;
  Clock::time_point last_seen;
  std::string pending_totp_secret;
};
// The session for `token`, with its account and organisation, unless revoked.
std::optional<StoredSession> find_session(db::Session& session, const std::string& token);
void touch_session(db::Transaction& tx, std::int64_t session_id, Clock::time_point now);
void set_stage(db::Transaction& tx, std::int64_t session_id, Stage stage);
void set_pending_totp(db::Transaction& tx, std::int64_t session_id, const std::string& secret);
void revoke_session(db::Transaction& tx, std::int64_t session_id);
// Every session of the account but `except` (password change, reset, lock by the issuer).
void revoke_sessions_of(db::Transaction& tx, std::int64_t account_id,
                        std::int64_t except_session_id = 0);

}  // namespace hersys::identity
