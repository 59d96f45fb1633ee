#include "identity/store.h"

#include <fmt/format.h>

#include "identity/rules.h"
#include "platform/crypto/crypto.h"
#include "platform/time/format.h"

namespace hersys::identity {
namespace {

constexpr std::string_view kOrganisationColumns =
    "o.id, o.kind, o.code, o.name, o.address, o.email, o.prefecture_code, o.municipality_code, "
    "o.parent_id, o.city_health_center, o.files_daily_reports";
constexpr std::string_view kAccountColumns =
    "a.id, a.organisation_id, a.login_id, a.display_name, a.role, a.must_change_password, "
    "a.totp_secret, a.disabled";

// Reads kOrganisationColumns starting at `c`.
Organisation organisation_from(const db::Row& row, size_t c) {
  Organisation o;
  o.id = row.integer(c);
  o.kind = organisation_kind_from(row.text(c + 1)).value();
  o.code = row.text(c + 2);
  o.name = row.text(c + 3);
  o.address = row.text(c + 4);
  o.email = row.text(c + 5);
  o.prefecture_code = row.text(c + 6);
  o.municipality_code = row.text(c + 7);
  if (!row.is_null(c + 8)) o.parent_id = row.integer(c + 8);
  o.city_health_center = row.integer(c + 9) != 0;
  o.files_daily_reports = row.integer(c + 10) != 0;
  return o;
}

// Reads kAccountColumns starting at `c`.
Account account_from(const db::Row& row, size_t c) {
  Account a;
  a.id = row.integer(c);
  a.organisation_id = row.integer(c + 1);
  a.login_id = row.text(c + 2);
  a.display_name = row.text(c + 3);
  a.role = role_from(row.text(c + 4)).value();
  a.must_change_password = row.integer(c + 5) != 0;
  a.totp_enrolled = !row.is_null(c + 6);
  a.disabled = row.integer(c + 7) != 0;
  return a;
}

std::optional<Credentials> credentials_where(db::Session& session, std::string_view condition,
                                             const db::Value& value) {
  auto row = session.query_one(
      fmt::format("SELECT {}, a.password_hash, a.totp_last_step, a.failed_attempts, "
                  "a.locked_until FROM accounts a WHERE {}",
                  kAccountColumns, condition),
      {value});
  if (!row) return std::nullopt;
  Credentials c;
  c.account = account_from(*row, 0);
  c.totp_secret = crypto::from_hex(row->optional_text(6).value_or(""));
  c.password_hash = row->text(8);
  c.totp_last_step = row->integer(9);
  c.failed_attempts = static_cast<int>(row->integer(10));
  if (!row->is_null(11)) c.locked_until = parse_iso8601_utc(row->text(11)).value();
  return c;
}

}  // namespace

std::int64_t create_organisation(db::Transaction& tx, const Organisation& o,
                                 Clock::time_point now) {
  auto row = tx.query_one(
      "INSERT INTO organisations (kind, code, name, address, email, prefecture_code, "
      "municipality_code, parent_id, city_health_center, files_daily_reports, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(to_string(o.kind)), o.code, o.name, o.address, o.email, o.prefecture_code,
       o.municipality_code, o.parent_id ? db::Value(*o.parent_id) : db::Value(nullptr),
       std::int64_t{o.city_health_center}, std::int64_t{o.files_daily_reports}, iso8601_utc(now)});
  return row->integer(0);
}

std::optional<Organisation> find_organisation(db::Session& session, std::int64_t id) {
  auto row = session.query_one(
      fmt::format("SELECT {} FROM organisations o WHERE o.id = ?", kOrganisationColumns), {id});
  if (!row) return std::nullopt;
  return organisation_from(*row, 0);
}

std::optional<Organisation> find_organisation_by_code(db::Session& session,
                                                      const std::string& code) {
  auto row = session.query_one(
      fmt::format("SELECT {} FROM organisations o WHERE o.code = ?", kOrganisationColumns), {code});
  if (!row) return std::nullopt;
  return organisation_from(*row, 0);
}

IssuedAccount issue_account(db::Transaction& tx, std::int64_t organisation_id,
                            const std::string& login_id, const std::string& display_name, Role role,
                            std::optional<std::int64_t> issued_by, Clock::time_point now) {
  IssuedAccount issued;
  issued.initial_password = crypto::initial_password();
  auto row = tx.query_one(
      "INSERT INTO accounts (organisation_id, login_id, display_name, role, password_hash, "
      "must_change_password, totp_secret, totp_last_step, failed_attempts, locked_until, "
      "issued_by, created_at, disabled) VALUES (?, ?, ?, ?, ?, 1, NULL, 0, 0, NULL, ?, ?, 0) "
      "RETURNING id",
      {organisation_id, login_id, display_name, std::string(to_string(role)),
       crypto::hash_password(issued.initial_password),
       issued_by ? db::Value(*issued_by) : db::Value(nullptr), iso8601_utc(now)});
  issued.account = {
      row->integer(0), organisation_id, login_id, display_name, role, true, false, false};
  return issued;
}

std::optional<Credentials> find_credentials(db::Session& session, const std::string& login_id) {
  return credentials_where(session, "a.login_id = ?", login_id);
}

std::optional<Credentials> find_credentials(db::Session& session, std::int64_t account_id) {
  return credentials_where(session, "a.id = ?", account_id);
}

int add_failure(db::Transaction& tx, std::int64_t account_id) {
  auto row = tx.query_one(
      "UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = ? "
      "RETURNING failed_attempts",
      {account_id});
  return static_cast<int>(row->integer(0));
}

void lock_account(db::Transaction& tx, std::int64_t account_id, Clock::time_point until) {
  tx.execute("UPDATE accounts SET locked_until = ? WHERE id = ?", {iso8601_utc(until), account_id});
}

void clear_failures(db::Transaction& tx, std::int64_t account_id) {
  tx.execute("UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
             {account_id});
}

void set_password(db::Transaction& tx, std::int64_t account_id, const std::string& password_hash,
                  bool must_change) {
  tx.execute("UPDATE accounts SET password_hash = ?, must_change_password = ? WHERE id = ?",
             {password_hash, std::int64_t{must_change}, account_id});
}

void set_totp(db::Transaction& tx, std::int64_t account_id, const std::string& secret,
              std::int64_t last_step) {
  tx.execute("UPDATE accounts SET totp_secret = ?, totp_last_step = ? WHERE id = ?",
             {crypto::to_hex(secret), last_step, account_id});
}

bool use_totp_step(db::Transaction& tx, std::int64_t account_id, std::int64_t step) {
  return tx.execute("UPDATE accounts SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                    {step, account_id, step}) == 1;
}

NewSession create_session(db::Transaction& tx, std::int64_t account_id, Stage stage,
                          Clock::time_point now) {
  NewSession s;
  s.token = crypto::random_hex(32);  // 256 bits
  s.csrf_token = crypto::random_hex(32);
  const auto at = iso8601_utc(now);
  auto row = tx.query_one(
      "INSERT INTO sessions (token_hash, account_id, stage, csrf_token, created_at, "
      "last_seen_at, revoked, pending_totp_secret) VALUES (?, ?, ?, ?, ?, ?, 0, NULL) "
      "RETURNING id",
      {crypto::hash_hex(s.token), account_id, std::string(to_string(stage)), s.csrf_token, at, at});
  s.id = row->integer(0);
  return s;
}

std::optional<StoredSession> find_session(db::Session& session, const std::string& token) {
  auto row = session.query_one(
      fmt::format("SELECT s.id, s.stage, s.csrf_token, s.created_at, s.last_seen_at, "
                  "s.pending_totp_secret, {}, {} FROM sessions s "
                  "JOIN accounts a ON a.id = s.account_id "
                  "JOIN organisations o ON o.id = a.organisation_id "
                  "WHERE s.token_hash = ? AND s.revoked = 0",
                  kAccountColumns, kOrganisationColumns),
      {crypto::hash_hex(token)});
  if (!row) return std::nullopt;
  StoredSession s;
  s.caller.session_id = row->integer(0);
  s.caller.stage = stage_from(row->text(1)).value();
  s.caller.csrf_token = row->text(2);
  s.created = parse_iso8601_utc(row->text(3)).value();
  s.last_seen = parse_iso8601_utc(row->text(4)).value();
  s.pending_totp_secret = crypto::from_hex(row->optional_text(5).value_or(""));
  s.caller.account = account_from(*row, 6);
  s.caller.organisation = organisation_from(*row, 14);
  return s;
}

void touch_session(db::Transaction& tx, std::int64_t session_id, Clock::time_point now) {
  tx.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {iso8601_utc(now), session_id});
}

void set_stage(db::Transaction& tx, std::int64_t session_id, Stage stage) {
  tx.execute("UPDATE sessions SET stage = ?, pending_totp_secret = NULL WHERE id = ?",
             {std::string(to_string(stage)), session_id});
}

void set_pending_totp(db::Transaction& tx, std::int64_t session_id, const std::string& secret) {
  tx.execute("UPDATE sessions SET pending_totp_secret = ? WHERE id = ?",
             {crypto::to_hex(secret), session_id});
}

void revoke_session(db::Transaction& tx, std::int64_t session_id) {
  tx.execute("UPDATE sessions SET revoked = 1 WHERE id = ?", {session_id});
}

void revoke_sessions_of(db::Transaction& tx, std::int64_t account_id,
                        std::int64_t except_session_id) {
  tx.execute("UPDATE sessions SET revoked = 1 WHERE account_id = ? AND id <> ?",
             {account_id, except_session_id});
}

}  // namespace hersys::identity
