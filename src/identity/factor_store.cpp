// The identity store's second half (declared in store.h): what an account holds besides its
// password — phones and one-time codes, API tokens — and the break-glass support grants.
#include <fmt/format.h>

#include "identity/store.h"
#include "identity/store_rows.h"
#include "platform/crypto/crypto.h"
#include "platform/time/format.h"

namespace hersys::identity {

std::int64_t add_phone(db::Transaction& tx, std::int64_t account_id, const std::string& number,
                       const std::string& channel, Clock::time_point now) {
  return tx
      .query_one(
          "INSERT INTO phones (account_id, number, channel, verified, created_at) "
          "VALUES (?, ?, ?, 0, ?) RETURNING id",
          {account_id, number, channel, iso8601_utc(now)})
      ->integer(0);
}

namespace {
Phone phone_from(const db::Row& row) {
  return {row.integer(0), row.text(1), row.text(2), row.integer(3) != 0};
}
}  // namespace

std::vector<Phone> list_phones(db::Session& session, std::int64_t account_id) {
  std::vector<Phone> phones;
  for (const auto& row : session
                             .query("SELECT id, number, channel, verified FROM phones WHERE "
                                    "account_id = ? AND removed_at IS NULL ORDER BY id",
                                    {account_id})
                             .rows) {
    phones.push_back(phone_from(row));
  }
  return phones;
}

std::optional<Phone> find_phone(db::Session& session, std::int64_t account_id,
                                std::int64_t phone_id) {
  auto row = session.query_one(
      "SELECT id, number, channel, verified FROM phones WHERE id = ? AND account_id = ? AND "
      "removed_at IS NULL",
      {phone_id, account_id});
  if (!row) return std::nullopt;
  return phone_from(*row);
}

void verify_phone(db::Transaction& tx, std::int64_t phone_id) {
  tx.execute("UPDATE phones SET verified = 1 WHERE id = ?", {phone_id});
}

void remove_phone(db::Transaction& tx, std::int64_t account_id, std::int64_t phone_id,
                  Clock::time_point now) {
  tx.execute("UPDATE one_time_codes SET used = 1 WHERE phone_id = ?", {phone_id});
  tx.execute("UPDATE phones SET removed_at = ? WHERE id = ? AND account_id = ?",
             {iso8601_utc(now), phone_id, account_id});
}

namespace {
std::string code_hash(const std::string& salt, std::string_view code) {
  return crypto::hash_hex(salt + ":" + std::string(code));
}
}  // namespace

void create_code(db::Transaction& tx, std::int64_t account_id, std::int64_t phone_id,
                 const std::string& purpose, const std::string& code, Clock::time_point expires,
                 Clock::time_point now) {
  tx.execute("UPDATE one_time_codes SET used = 1 WHERE account_id = ? AND used = 0", {account_id});
  const auto salt = crypto::random_hex(16);
  tx.execute(
      "INSERT INTO one_time_codes (account_id, phone_id, purpose, code_hash, salt, attempts, "
      "used, expires_at, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
      {account_id, phone_id, purpose, code_hash(salt, code), salt, iso8601_utc(expires),
       iso8601_utc(now)});
}

int codes_sent_since(db::Session& session, std::int64_t account_id, Clock::time_point since) {
  return static_cast<int>(
      session
          .query_one("SELECT COUNT(*) FROM one_time_codes WHERE account_id = ? AND created_at >= ?",
                     {account_id, iso8601_utc(since)})
          ->integer(0));
}

std::optional<StoredCode> find_live_code(db::Session& session, std::int64_t account_id,
                                         const std::string& purpose, Clock::time_point now) {
  auto row = session.query_one(
      "SELECT id, phone_id, purpose, code_hash, salt, attempts, expires_at FROM one_time_codes "
      "WHERE account_id = ? AND purpose = ? AND used = 0 AND expires_at > ? "
      "ORDER BY id DESC LIMIT 1",
      {account_id, purpose, iso8601_utc(now)});
  if (!row) return std::nullopt;
  return StoredCode{row->integer(0),
                    row->integer(1),
                    row->text(2),
                    row->text(3),
                    row->text(4),
                    static_cast<int>(row->integer(5)),
                    parse_iso8601_utc(row->text(6)).value()};
}

bool code_matches(const StoredCode& stored, std::string_view code) {
  return crypto::equal_constant_time(code_hash(stored.salt, code), stored.code_hash);
}

bool use_code(db::Transaction& tx, std::int64_t code_id) {
  return tx.execute("UPDATE one_time_codes SET used = 1 WHERE id = ? AND used = 0", {code_id}) == 1;
}

void count_code_attempt(db::Transaction& tx, std::int64_t code_id) {
  tx.execute("UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = ?", {code_id});
}

namespace {
constexpr std::string_view kTokenPrefix = "hst_";  // recognisable in secret scanners
ApiToken token_from(const db::Row& row) {
  return {row.integer(0), row.text(1),          row.text(2),
          row.text(3),    row.optional_text(4), row.integer(5) != 0};
}
}  // namespace

NewApiToken create_api_token(db::Transaction& tx, std::int64_t account_id, const std::string& name,
                             Clock::time_point expires, Clock::time_point now) {
  NewApiToken t;
  t.secret = std::string(kTokenPrefix) + crypto::random_hex(32);
  t.token = {0, name, iso8601_utc(now), iso8601_utc(expires), std::nullopt, false};
  t.token.id =
      tx.query_one(
            "INSERT INTO api_tokens (account_id, name, token_hash, created_at, "
            "expires_at, last_used_at, revoked) VALUES (?, ?, ?, ?, ?, NULL, 0) "
            "RETURNING id",
            {account_id, name, crypto::hash_hex(t.secret), t.token.created_at, t.token.expires_at})
          ->integer(0);
  return t;
}

std::vector<ApiToken> list_api_tokens(db::Session& session, std::int64_t account_id) {
  std::vector<ApiToken> tokens;
  for (const auto& row :
       session
           .query("SELECT id, name, created_at, expires_at, last_used_at, revoked FROM api_tokens "
                  "WHERE account_id = ? ORDER BY id",
                  {account_id})
           .rows) {
    tokens.push_back(token_from(row));
  }
  return tokens;
}

bool revoke_api_token(db::Transaction& tx, std::int64_t account_id, std::int64_t token_id) {
  return tx.execute("UPDATE api_tokens SET revoked = 1 WHERE id = ? AND account_id = ?",
                    {token_id, account_id}) == 1;
}

int revoke_api_tokens_of(db::Transaction& tx, std::int64_t account_id) {
  return static_cast<int>(tx.execute(
      "UPDATE api_tokens SET revoked = 1 WHERE account_id = ? AND revoked = 0", {account_id}));
}

std::optional<Caller> find_api_token(db::Session& session, const std::string& secret,
                                     Clock::time_point now, std::optional<std::string>& last_used) {
  if (secret.rfind(kTokenPrefix, 0) != 0) return std::nullopt;
  auto row = session.query_one(
      fmt::format("SELECT t.id, t.last_used_at, {}, {}, {} FROM api_tokens t "
                  "JOIN accounts a ON a.id = t.account_id "
                  "JOIN organisations o ON o.id = a.organisation_id {} "
                  "WHERE t.token_hash = ? AND t.revoked = 0 AND t.expires_at > ?",
                  kAccountColumns, kOrganisationColumns, kParentColumns, kParentJoin),
      {crypto::hash_hex(secret), iso8601_utc(now)});
  if (!row) return std::nullopt;
  Caller caller;
  caller.api_token_id = row->integer(0);
  last_used = row->optional_text(1);
  caller.account = account_from(*row, 2);
  organisations_from(*row, 2 + kAccountColumnCount, caller);
  caller.stage = Stage::active;
  return caller;
}

void touch_api_token(db::Transaction& tx, std::int64_t token_id, Clock::time_point now) {
  tx.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {iso8601_utc(now), token_id});
}

std::int64_t create_support_grant(db::Transaction& tx, const SupportGrant& grant,
                                  const std::string& granted_by, Clock::time_point now) {
  return tx
      .query_one(
          "INSERT INTO support_grants (account_id, organisation_id, reason, granted_by, "
          "created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id",
          {grant.account_id, grant.organisation_id, grant.reason, granted_by, iso8601_utc(now),
           grant.expires_at})
      ->integer(0);
}

std::vector<SupportGrant> active_support_grants(db::Session& session, std::int64_t account_id,
                                                Clock::time_point now) {
  std::vector<SupportGrant> grants;
  for (const auto& row : session
                             .query("SELECT id, account_id, organisation_id, reason, expires_at "
                                    "FROM support_grants WHERE account_id = ? AND revoked = 0 "
                                    "AND expires_at > ? ORDER BY id",
                                    {account_id, iso8601_utc(now)})
                             .rows) {
    grants.push_back({row.integer(0), row.integer(1), row.integer(2), row.text(3), row.text(4)});
  }
  return grants;
}

bool revoke_support_grant(db::Transaction& tx, std::int64_t grant_id) {
  return tx.execute("UPDATE support_grants SET revoked = 1 WHERE id = ? AND revoked = 0",
                    {grant_id}) == 1;
}

}  // namespace hersys::identity
