// The identity store's first half (declared in store.h): organisations, accounts, credentials,
// sessions, and the issuers' view of them. The rest is in factor_store.cpp.
#include "identity/store.h"

#include <fmt/format.h>

#include "identity/rules.h"
#include "identity/store_rows.h"
#include "platform/crypto/crypto.h"
#include "platform/time/format.h"

namespace hersys::identity {

// --- Reading rows (store_rows.h) ---

Organisation organisation_from(const db::Row& row, size_t c) {
  Organisation o;
  o.id = row.integer(c);
  o.kind = parse_name<OrganisationKind>(row.text(c + 1)).value();
  o.code = row.text(c + 2);
  o.name = row.text(c + 3);
  o.address = row.text(c + 4);
  o.email = row.text(c + 5);
  o.prefecture_code = row.text(c + 6);
  o.municipality_code = row.text(c + 7);
  if (!row.is_null(c + 8)) o.parent_id = row.integer(c + 8);
  o.city_health_center = row.integer(c + 9) != 0;
  o.files_daily_reports = row.integer(c + 10) != 0;
  o.phone = row.text(c + 11);
  o.contact_person = row.text(c + 12);
  o.retired_at = row.optional_text(c + 13);
  o.version = row.integer(c + 14);
  o.public_health_institute = row.integer(c + 15) != 0;
  return o;
}

void organisations_from(const db::Row& row, size_t c, Caller& caller) {
  caller.organisation = organisation_from(row, c);
  c += kOrganisationColumnCount;
  if (!row.is_null(c)) caller.parent = organisation_from(row, c);
}

Account account_from(const db::Row& row, size_t c) {
  Account a;
  a.id = row.integer(c);
  a.organisation_id = row.integer(c + 1);
  a.login_id = row.text(c + 2);
  a.display_name = row.text(c + 3);
  a.role = parse_name<Role>(row.text(c + 4)).value();
  a.must_change_password = row.integer(c + 5) != 0;
  a.totp_enrolled = !row.is_null(c + 6);
  a.disabled = row.integer(c + 7) != 0;
  a.has_verified_phone = row.integer(c + 8) > 0;
  a.holds_support_grants = row.integer(c + 9) > 0;
  return a;
}

namespace {

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
  constexpr size_t n = kAccountColumnCount;
  c.password_hash = row->text(n);
  c.totp_last_step = row->integer(n + 1);
  c.failed_attempts = static_cast<int>(row->integer(n + 2));
  if (!row->is_null(n + 3)) c.locked_until = parse_iso8601_utc(row->text(n + 3)).value();
  return c;
}

}  // namespace

std::int64_t create_organisation(db::Transaction& tx, const Organisation& o,
                                 Clock::time_point now) {
  auto row = tx.query_one(
      "INSERT INTO organisations (kind, code, name, address, email, prefecture_code, "
      "municipality_code, parent_id, city_health_center, files_daily_reports, created_at, phone, "
      "contact_person, public_health_institute, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, 1) RETURNING id",
      {std::string(name_of(o.kind)), o.code, o.name, o.address, o.email, o.prefecture_code,
       o.municipality_code, o.parent_id ? db::Value(*o.parent_id) : db::Value(nullptr),
       std::int64_t{o.city_health_center}, std::int64_t{o.files_daily_reports}, iso8601_utc(now),
       o.phone, o.contact_person, std::int64_t{o.public_health_institute}});
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

bool update_organisation(db::Transaction& tx, const Organisation& o,
                         std::int64_t expected_version) {
  return tx.execute(
             "UPDATE organisations SET name = ?, address = ?, email = ?, phone = ?, "
             "contact_person = ?, files_daily_reports = ?, public_health_institute = ?, "
             "municipality_code = ?, version = version + 1 WHERE id = ? AND version = ?",
             {o.name, o.address, o.email, o.phone, o.contact_person,
              std::int64_t{o.files_daily_reports}, std::int64_t{o.public_health_institute},
              o.municipality_code, o.id, expected_version}) == 1;
}

std::int64_t active_children(db::Session& session, std::int64_t parent_id) {
  return session
      .query_one("SELECT COUNT(*) FROM organisations WHERE parent_id = ? AND retired_at IS NULL",
                 {parent_id})
      ->integer(0);
}

bool set_organisation_retired(db::Transaction& tx, std::int64_t id,
                              const std::optional<std::string>& retired_at) {
  const auto condition = retired_at ? "retired_at IS NULL" : "retired_at IS NOT NULL";
  return tx.execute(fmt::format("UPDATE organisations SET retired_at = ?, version = version + 1 "
                                "WHERE id = ? AND {}",
                                condition),
                    {retired_at ? db::Value(*retired_at) : db::Value(nullptr), id}) == 1;
}

int end_credentials_of(db::Transaction& tx, std::int64_t organisation_id) {
  constexpr std::string_view accounts = "(SELECT a.id FROM accounts a WHERE a.organisation_id = ?)";
  const auto sessions = tx.execute(
      fmt::format("UPDATE sessions SET revoked = 1 WHERE revoked = 0 AND account_id IN {}",
                  accounts),
      {organisation_id});
  const auto tokens = tx.execute(
      fmt::format("UPDATE api_tokens SET revoked = 1 WHERE revoked = 0 AND account_id IN {}",
                  accounts),
      {organisation_id});
  return static_cast<int>(sessions + tokens);
}

Account issue_account(db::Transaction& tx, std::int64_t organisation_id,
                      const std::string& login_id, const std::string& display_name, Role role,
                      const std::string& password_hash, std::optional<std::int64_t> issued_by,
                      Clock::time_point now) {
  auto row = tx.query_one(
      "INSERT INTO accounts (organisation_id, login_id, display_name, role, password_hash, "
      "must_change_password, totp_secret, totp_last_step, failed_attempts, locked_until, "
      "issued_by, created_at, disabled) VALUES (?, ?, ?, ?, ?, 1, NULL, 0, 0, NULL, ?, ?, 0) "
      "RETURNING id",
      {organisation_id, login_id, display_name, std::string(name_of(role)), password_hash,
       issued_by ? db::Value(*issued_by) : db::Value(nullptr), iso8601_utc(now)});
  return {.id = row->integer(0),
          .organisation_id = organisation_id,
          .login_id = login_id,
          .display_name = display_name,
          .role = role};
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
      {crypto::hash_hex(s.token), account_id, std::string(name_of(stage)), s.csrf_token, at, at});
  s.id = row->integer(0);
  return s;
}

std::optional<StoredSession> find_session(db::Session& session, const std::string& token) {
  auto row = session.query_one(
      fmt::format("SELECT s.id, s.stage, s.csrf_token, s.created_at, s.last_seen_at, "
                  "s.pending_totp_secret, {}, {}, {} FROM sessions s "
                  "JOIN accounts a ON a.id = s.account_id "
                  "JOIN organisations o ON o.id = a.organisation_id {} "
                  "WHERE s.token_hash = ? AND s.revoked = 0",
                  kAccountColumns, kOrganisationColumns, kParentColumns, kParentJoin),
      {crypto::hash_hex(token)});
  if (!row) return std::nullopt;
  StoredSession s;
  s.caller.session_id = row->integer(0);
  s.caller.stage = parse_name<Stage>(row->text(1)).value();
  s.caller.csrf_token = row->text(2);
  s.created = parse_iso8601_utc(row->text(3)).value();
  s.last_seen = parse_iso8601_utc(row->text(4)).value();
  s.pending_totp_secret = crypto::from_hex(row->optional_text(5).value_or(""));
  s.caller.account = account_from(*row, 6);
  organisations_from(*row, 6 + kAccountColumnCount, s.caller);
  return s;
}

void touch_session(db::Transaction& tx, std::int64_t session_id, Clock::time_point now) {
  tx.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {iso8601_utc(now), session_id});
}

void set_stage(db::Transaction& tx, std::int64_t session_id, Stage stage) {
  tx.execute("UPDATE sessions SET stage = ?, pending_totp_secret = NULL WHERE id = ?",
             {std::string(name_of(stage)), session_id});
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

std::vector<Organisation> list_organisations(db::Session& session, const OrganisationFilter& filter,
                                             int limit) {
  std::string sql = fmt::format("SELECT {} FROM organisations o WHERE 1 = 1", kOrganisationColumns);
  db::Params params;
  if (filter.kind) {
    sql += " AND o.kind = ?";
    params.emplace_back(std::string(name_of(*filter.kind)));
  }
  if (!filter.prefecture_code.empty()) {
    sql += " AND o.prefecture_code = ?";
    params.emplace_back(filter.prefecture_code);
  }
  if (filter.parent_id) {
    sql += " AND o.parent_id = ?";
    params.emplace_back(*filter.parent_id);
  }
  if (!filter.include_retired) sql += " AND o.retired_at IS NULL";
  sql += " ORDER BY o.code LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  std::vector<Organisation> organisations;
  for (const auto& row : session.query(sql, params).rows) {
    organisations.push_back(organisation_from(row, 0));
  }
  return organisations;
}

std::string next_organisation_code(db::Session& session, std::string_view prefix,
                                   const std::string& prefecture_code) {
  const auto stem = fmt::format("{}{}-", prefix, prefecture_code);
  auto row =
      session.query_one("SELECT MAX(code) FROM organisations WHERE code LIKE ?", {stem + "_____"});
  int next = 1;
  if (row && !row->is_null(0)) next = std::stoi(row->text(0).substr(stem.size())) + 1;
  return fmt::format("{}{:05}", stem, next);
}

namespace {

// The accounts a caller reaches through `relations`, as SQL on organisations `o`.
std::string account_scope(const Caller& caller, std::span<const Relation> relations,
                          db::Params& params) {
  std::string clause;
  for (auto relation : relations) {
    std::string_view condition;
    if (relation == Relation::own) condition = "o.id = ?";
    if (relation == Relation::child) condition = "o.parent_id = ?";
    if (condition.empty()) continue;
    clause += (clause.empty() ? "" : " OR ") + std::string(condition);
    params.emplace_back(caller.organisation.id);
  }
  return clause.empty() ? "1 = 0" : "(" + clause + ")";
}

std::vector<AccountStatus> accounts_where(db::Session& session, std::string_view condition,
                                          db::Value value, const Caller& caller,
                                          std::span<const Relation> relations) {
  db::Params params{std::move(value)};
  const auto scope = account_scope(caller, relations, params);
  const auto result = session.query(
      fmt::format("SELECT {}, a.failed_attempts, a.locked_until, a.created_at FROM accounts a "
                  "JOIN organisations o ON o.id = a.organisation_id WHERE {} AND {} "
                  "ORDER BY a.login_id",
                  kAccountColumns, condition, scope),
      params);
  std::vector<AccountStatus> accounts;
  for (const auto& row : result.rows) {
    constexpr size_t n = kAccountColumnCount;
    accounts.push_back({account_from(row, 0), static_cast<int>(row.integer(n)),
                        row.optional_text(n + 1), row.text(n + 2)});
  }
  return accounts;
}

}  // namespace

std::vector<AccountStatus> list_accounts(db::Session& session, std::int64_t organisation_id,
                                         const Caller& caller,
                                         std::span<const Relation> relations) {
  return accounts_where(session, "a.organisation_id = ?", organisation_id, caller, relations);
}

std::optional<AccountStatus> find_account_in_scope(db::Session& session, std::int64_t account_id,
                                                   const Caller& caller,
                                                   std::span<const Relation> relations) {
  auto accounts = accounts_where(session, "a.id = ?", account_id, caller, relations);
  if (accounts.empty()) return std::nullopt;
  return std::move(accounts.front());
}

void reset_account(db::Transaction& tx, std::int64_t account_id, const std::string& password_hash,
                   Clock::time_point now) {
  tx.execute(
      "UPDATE accounts SET password_hash = ?, must_change_password = 1, totp_secret = NULL, "
      "failed_attempts = 0, locked_until = NULL WHERE id = ?",
      {password_hash, account_id});
  tx.execute("UPDATE one_time_codes SET used = 1 WHERE account_id = ?", {account_id});
  tx.execute("UPDATE phones SET removed_at = ? WHERE account_id = ? AND removed_at IS NULL",
             {iso8601_utc(now), account_id});
  revoke_sessions_of(tx, account_id);
  revoke_api_tokens_of(tx, account_id);  // tokens never outlive the credentials (issue 19 item 1)
}

void set_disabled(db::Transaction& tx, std::int64_t account_id, bool disabled) {
  tx.execute("UPDATE accounts SET disabled = ? WHERE id = ?",
             {std::int64_t{disabled ? 1 : 0}, account_id});
  if (!disabled) return;
  // Disabling ends every credential: enabling again does not bring back a token that may have
  // been stolen (issue 19 item 1).
  revoke_sessions_of(tx, account_id);
  revoke_api_tokens_of(tx, account_id);
}

}  // namespace hersys::identity
