#pragma once
// The identity feature's SQL. Secrets are stored only as hashes (passwords: argon2id; session
// and API tokens, one-time codes: BLAKE2b). Defined in two files by topic: organisations,
// accounts, credentials and sessions in store.cpp; phones, one-time codes, API tokens and
// support grants in factor_store.cpp.
#include <span>
#include <vector>

#include "identity/directory.h"
#include "identity/model.h"
#include "identity/policy.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::identity {

std::int64_t create_organisation(db::Transaction& tx, const Organisation& organisation,
                                 Clock::time_point now);
std::optional<Organisation> find_organisation_by_code(db::Session& session,
                                                      const std::string& code);
// Saves the editable fields (name, address, e-mail, phone, contact person, files_daily_reports,
// public_health_institute)
// when the stored version is `expected_version`, counting it up; false when it is not.
bool update_organisation(db::Transaction& tx, const Organisation& organisation,
                         std::int64_t expected_version);
// Sets or clears retired_at; false when it already was so (issue 14 item 1).
bool set_organisation_retired(db::Transaction& tx, std::int64_t id,
                              const std::optional<std::string>& retired_at);
// How many organisations `parent_id` registered are still in use (not retired).
std::int64_t active_children(db::Session& session, std::int64_t parent_id);
// Ends every session and API token of the organisation's accounts; returns how many.
int end_credentials_of(db::Transaction& tx, std::int64_t organisation_id);

struct IssuedAccount {
  Account account;
  std::string initial_password;  // shown once to the issuer; never stored
};

// Inserts an account whose initial password (hashed by the caller, before the transaction:
// argon2id is slow) must be changed at first sign-in. Throws db::UniqueViolation when the
// login id is taken.
Account issue_account(db::Transaction& tx, std::int64_t organisation_id,
                      const std::string& login_id, const std::string& display_name, Role role,
                      const std::string& password_hash, std::optional<std::int64_t> issued_by,
                      Clock::time_point now);

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

// --- Organisations and accounts as issuers see them (ORG-2, AUTH-3) ---

struct OrganisationFilter {
  std::optional<OrganisationKind> kind;
  std::string prefecture_code;  // "" for any
  std::optional<std::int64_t> parent_id;
  bool include_retired = false;  // pickers offer none; the issuer's list shows them as such
};
// The directory (not personal data), ordered by code, at most `limit`.
std::vector<Organisation> list_organisations(db::Session& session, const OrganisationFilter& filter,
                                             int limit);
// The next free code for a new organisation: PREFIX + prefecture code + "-" + 5 digits.
std::string next_organisation_code(db::Session& session, std::string_view prefix,
                                   const std::string& prefecture_code);

struct AccountStatus {
  Account account;
  int failed_attempts = 0;
  std::optional<std::string> locked_until;  // ISO 8601 UTC
  std::string created_at;
};
// The accounts of `organisation_id` that `caller` reaches through `relations` (own: its own
// organisation's; child: those of organisations it issued). The scope is in the SQL.
std::vector<AccountStatus> list_accounts(db::Session& session, std::int64_t organisation_id,
                                         const Caller& caller, std::span<const Relation> relations);
// One account, through the same scope; nullopt when it does not exist or is out of scope.
std::optional<AccountStatus> find_account_in_scope(db::Session& session, std::int64_t account_id,
                                                   const Caller& caller,
                                                   std::span<const Relation> relations);
// The issuer's reset (AUTH-3): a new initial password to change at next sign-in, and the second
// factors removed so a lost phone or authenticator can be replaced.
void reset_account(db::Transaction& tx, std::int64_t account_id, const std::string& password_hash,
                   Clock::time_point now);
// Disables (or re-enables) the account: a disabled account cannot sign in, and the guard refuses
// its sessions and tokens at once (issue 19 item 1).
void set_disabled(db::Transaction& tx, std::int64_t account_id, bool disabled);

// --- Phones and one-time codes (AUTH-2) ---

struct Phone {
  std::int64_t id = 0;
  std::string number;   // E.164
  std::string channel;  // sms, voice
  bool verified = false;
};
std::int64_t add_phone(db::Transaction& tx, std::int64_t account_id, const std::string& number,
                       const std::string& channel, Clock::time_point now);
std::vector<Phone> list_phones(db::Session& session, std::int64_t account_id);
std::optional<Phone> find_phone(db::Session& session, std::int64_t account_id,
                                std::int64_t phone_id);
void verify_phone(db::Transaction& tx, std::int64_t phone_id);
void remove_phone(db::Transaction& tx, std::int64_t account_id, std::int64_t phone_id,
                  Clock::time_point now);

struct StoredCode {
  std::int64_t id = 0;
  std::int64_t phone_id = 0;
  std::string purpose;
  std::string code_hash;
  std::string salt;
  int attempts = 0;
  Clock::time_point expires;
};
// Stores a new code (only its salted hash) and ends every earlier unused one of the account.
void create_code(db::Transaction& tx, std::int64_t account_id, std::int64_t phone_id,
                 const std::string& purpose, const std::string& code, Clock::time_point expires,
                 Clock::time_point now);
// How many codes the account was sent since `since` (the sending limit).
int codes_sent_since(db::Session& session, std::int64_t account_id, Clock::time_point since);
// The account's live code for `purpose`, if any.
std::optional<StoredCode> find_live_code(db::Session& session, std::int64_t account_id,
                                         const std::string& purpose, Clock::time_point now);
bool code_matches(const StoredCode& stored, std::string_view code);
// Marks the code used; false when it already was (two racing requests cannot both pass).
bool use_code(db::Transaction& tx, std::int64_t code_id);
void count_code_attempt(db::Transaction& tx, std::int64_t code_id);

// --- API tokens (bearer, for system integration) ---

struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> last_used_at;
  bool revoked = false;
};
struct NewApiToken {
  ApiToken token;
  std::string secret;  // shown once
};
NewApiToken create_api_token(db::Transaction& tx, std::int64_t account_id, const std::string& name,
                             Clock::time_point expires, Clock::time_point now);
std::vector<ApiToken> list_api_tokens(db::Session& session, std::int64_t account_id);
// False when the account has no such token.
bool revoke_api_token(db::Transaction& tx, std::int64_t account_id, std::int64_t token_id);
// Revokes every live token of the account (password change, reset); returns how many.
int revoke_api_tokens_of(db::Transaction& tx, std::int64_t account_id);
// The caller a live token stands for (stage active, api_token_id set).
std::optional<Caller> find_api_token(db::Session& session, const std::string& secret,
                                     Clock::time_point now, std::optional<std::string>& last_used);
void touch_api_token(db::Transaction& tx, std::int64_t token_id, Clock::time_point now);

// --- Break-glass grants (ACL-6) ---

std::int64_t create_support_grant(db::Transaction& tx, const SupportGrant& grant,
                                  const std::string& granted_by, Clock::time_point now);
std::vector<SupportGrant> active_support_grants(db::Session& session, std::int64_t account_id,
                                                Clock::time_point now);
bool revoke_support_grant(db::Transaction& tx, std::int64_t grant_id);

}  // namespace hersys::identity
