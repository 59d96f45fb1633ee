#include "notify/store.h"

#include "notify/rules.h"
#include "platform/crypto/crypto.h"
#include "platform/time/format.h"

namespace hersys::notify {
namespace {

constexpr std::string_view kColumns =
    "id, channel, recipient, subject, body, purpose, status, attempts, created_at, "
    "next_attempt_at, sent_at, delivered_via, last_error";

StoredMessage message_from(const db::Row& row) {
  StoredMessage m;
  m.id = row.integer(0);
  m.message.channel = parse_name<Channel>(row.text(1)).value_or(Channel::email);
  m.message.recipient = row.text(2);
  m.message.subject = row.text(3);
  m.message.body = row.text(4);
  m.message.purpose = row.text(5);
  m.status = parse_name<Status>(row.text(6)).value_or(Status::pending);
  m.attempts = static_cast<int>(row.integer(7));
  m.created_at = row.text(8);
  m.next_attempt_at = row.text(9);
  m.sent_at = row.optional_text(10);
  m.delivered_via = row.text(11);
  m.last_error = row.text(12);
  return m;
}

}  // namespace

std::int64_t enqueue(db::Transaction& tx, const Message& message, Clock::time_point now) {
  const auto at = iso8601_utc(now);
  auto row = tx.query_one(
      "INSERT INTO outbox (channel, recipient, subject, body, purpose, status, attempts, "
      "next_attempt_at, delivered_via, last_error, created_at) "
      "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, '', '', ?) RETURNING id",
      {std::string(name_of(message.channel)), message.recipient, message.subject, message.body,
       message.purpose, at, at});
  return row->integer(0);
}

std::optional<Claim> claim_next(db::Database& database, Clock::time_point now,
                                std::chrono::seconds lease) {
  const auto at = iso8601_utc(now);
  // One statement picks the oldest due message and leases it. The outer WHERE re-checks the
  // lease, so of two workers racing for the same row only one gets it (PostgreSQL re-evaluates
  // it on the locked row); the loser gets no row and takes the next one at its next round.
  Claim claim;
  claim.token = crypto::random_hex(16);
  auto tx = database.write();
  auto row = tx.query_one(
      "UPDATE outbox SET claimed_until = ?, claim_token = ? WHERE id = (SELECT id FROM outbox "
      "WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR "
      "claimed_until <= ?) ORDER BY id LIMIT 1) AND status = 'pending' AND (claimed_until IS "
      "NULL OR claimed_until <= ?) RETURNING " +
          std::string(kColumns),
      {iso8601_utc(now + lease), claim.token, at, at, at});
  tx.commit();
  if (!row) return std::nullopt;
  claim.message = message_from(*row);
  return claim;
}

bool mark_sent(db::Database& database, const Claim& claim, const std::string& via,
               Clock::time_point now) {
  auto tx = database.write();
  const auto changed = tx.execute(
      "UPDATE outbox SET status = 'sent', sent_at = ?, delivered_via = ?, attempts = attempts + 1, "
      "claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?",
      {iso8601_utc(now), via, claim.message.id, claim.token});
  tx.commit();
  return changed == 1;
}

bool mark_failed(db::Database& database, const Claim& claim, const std::string& error,
                 bool permanent, Clock::time_point now) {
  const int attempts = claim.message.attempts + 1;
  const bool give_up = gives_up(attempts, permanent);
  auto tx = database.write();
  const auto changed = tx.execute(
      "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
      "claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?",
      {std::string(give_up ? "failed" : "pending"), std::int64_t{attempts},
       iso8601_utc(now + retry_after(attempts)), error.substr(0, 500), claim.message.id,
       claim.token});
  tx.commit();
  return changed == 1;
}

std::vector<StoredMessage> list(db::Session& session, std::optional<Status> status, int limit) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM outbox";
  db::Params params;
  if (status) {
    sql += " WHERE status = ?";
    params.emplace_back(std::string(name_of(*status)));
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  std::vector<StoredMessage> messages;
  for (const auto& row : session.query(sql, params).rows) messages.push_back(message_from(row));
  return messages;
}

}  // namespace hersys::notify
