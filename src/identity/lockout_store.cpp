#include "identity/lockout_store.h"

#include <algorithm>

#include "platform/time/format.h"

namespace hersys::identity {

std::optional<Clock::time_point> source_locked_until(db::Session& session, std::int64_t account_id,
                                                     const std::string& source,
                                                     Clock::time_point now) {
  auto row = session.query_one(
      "SELECT locked_until FROM sign_in_failures WHERE account_id = ? AND source = ? "
      "AND locked_until > ?",
      {account_id, source, iso8601_utc(now)});
  if (!row) return std::nullopt;
  return parse_iso8601_utc(row->text(0));
}

int add_source_failure(db::Transaction& tx, std::int64_t account_id, const std::string& source,
                       Clock::time_point now) {
  auto row = tx.query_one(
      "INSERT INTO sign_in_failures (account_id, source, failures, last_failure_at) "
      "VALUES (?, ?, 1, ?) ON CONFLICT (account_id, source) DO UPDATE SET "
      "failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at "
      "RETURNING failures",
      {account_id, source, iso8601_utc(now)});
  return static_cast<int>(row->integer(0));
}

void lock_source(db::Transaction& tx, std::int64_t account_id, const std::string& source,
                 Clock::time_point until) {
  tx.execute("UPDATE sign_in_failures SET locked_until = ? WHERE account_id = ? AND source = ?",
             {iso8601_utc(until), account_id, source});
}

int sources_locked(db::Session& session, std::int64_t account_id, Clock::time_point since) {
  auto row = session.query_one(
      "SELECT COUNT(*) FROM sign_in_failures WHERE account_id = ? AND locked_until > ?",
      {account_id, iso8601_utc(since)});
  return static_cast<int>(row->integer(0));
}

void clear_source_failures(db::Transaction& tx, std::int64_t account_id,
                           const std::string& source) {
  tx.execute("DELETE FROM sign_in_failures WHERE account_id = ? AND source = ?",
             {account_id, source});
}

void clear_all_source_failures(db::Transaction& tx, std::int64_t account_id) {
  tx.execute("DELETE FROM sign_in_failures WHERE account_id = ?", {account_id});
}

bool start_alert_episode(db::Transaction& tx, std::int64_t account_id, Clock::time_point now,
                         std::chrono::seconds episode) {
  // One statement, so that concurrent failures start one episode: the row is written only when
  // missing or older than the episode, and RETURNING says whether it was.
  auto row = tx.query_one(
      "INSERT INTO sign_in_alerts (account_id, alerted_at) VALUES (?, ?) "
      "ON CONFLICT (account_id) DO UPDATE SET alerted_at = excluded.alerted_at "
      "WHERE sign_in_alerts.alerted_at <= ? RETURNING account_id",
      {account_id, iso8601_utc(now), iso8601_utc(now - episode)});
  return row.has_value();
}

std::vector<std::string> alert_recipients(db::Session& session, std::int64_t account_id) {
  auto row = session.query_one(
      "SELECT o.email, io.email, p.email FROM accounts a "
      "JOIN organisations o ON o.id = a.organisation_id "
      "LEFT JOIN accounts i ON i.id = a.issued_by "
      "LEFT JOIN organisations io ON io.id = i.organisation_id "
      "LEFT JOIN organisations p ON p.id = o.parent_id WHERE a.id = ?",
      {account_id});
  std::vector<std::string> to;
  if (!row) return to;
  const auto add = [&to](std::optional<std::string> email) {
    if (email && !email->empty() && std::find(to.begin(), to.end(), *email) == to.end()) {
      to.push_back(*email);
    }
  };
  add(row->optional_text(0));
  add(row->is_null(1) ? row->optional_text(2) : row->optional_text(1));
  return to;
}

}  // namespace hersys::identity
