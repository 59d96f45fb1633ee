#include "cases/transfer_store.h"

#include <fmt/format.h>

namespace hersys::cases {
namespace {

constexpr const char* kColumns =
    "t.id, t.patient_id, t.from_health_center_id, t.to_health_center_id, t.keep_related, "
    "t.reason, t.account_id, t.transferred_at, t.received_at";

TransferRow transfer_from(const db::Row& row) {
  return {row.integer(0), row.integer(1),      row.integer(2),
          row.integer(3), row.integer(4) != 0, row.text(5),
          row.integer(6), row.text(7),         row.optional_text(8).value_or("")};
}

}  // namespace

void insert_transfer(db::Transaction& tx, TransferRow& t) {
  t.id = tx.query_one(
               "INSERT INTO case_transfers (patient_id, from_health_center_id, "
               "to_health_center_id, keep_related, reason, account_id, transferred_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {t.patient_id, t.from_health_center_id, t.to_health_center_id,
                std::int64_t{t.keep_related ? 1 : 0}, t.reason, t.account_id, t.transferred_at})
             ->integer(0);
}

std::optional<TransferRow> find_transfer(db::Session& session, std::int64_t id) {
  const auto row = session.query_one(
      fmt::format("SELECT {} FROM case_transfers t WHERE t.id = ?", kColumns), {id});
  if (!row) return std::nullopt;
  return transfer_from(*row);
}

bool mark_received(db::Transaction& tx, std::int64_t id, std::int64_t account_id,
                   const std::string& at) {
  return tx.execute(
             "UPDATE case_transfers SET received_at = ?, received_by = ? "
             "WHERE id = ? AND received_at IS NULL",
             {at, account_id, id}) == 1;
}

std::vector<ReceivedRow> received_transfers(db::Session& session, std::int64_t organisation_id,
                                            std::int64_t readable_mask, bool unread_only, int limit,
                                            int offset) {
  // By case_transfers_by_receiver / case_transfers_unread: the page's rows, then each one's
  // names and access by primary key.
  const auto result = session.query(
      fmt::format("SELECT {}, COALESCE(f.name, ''), COALESCE(a.display_name, ''), "
                  "COALESCE(p.hersys_id, ''), COALESCE(pa.relations, 0), p.data "
                  "FROM case_transfers t "
                  "JOIN patients p ON p.id = t.patient_id "
                  "LEFT JOIN organisations f ON f.id = t.from_health_center_id "
                  "LEFT JOIN accounts a ON a.id = t.account_id "
                  "LEFT JOIN patient_access pa ON pa.organisation_id = t.to_health_center_id "
                  "AND pa.patient_id = t.patient_id "
                  "WHERE t.to_health_center_id = ? {} ORDER BY t.id DESC LIMIT ? OFFSET ?",
                  kColumns, unread_only ? "AND t.received_at IS NULL" : ""),
      {organisation_id, std::int64_t{limit}, std::int64_t{offset}});
  std::vector<ReceivedRow> rows;
  for (const auto& row : result.rows) {
    ReceivedRow r;
    r.transfer = transfer_from(row);
    r.from_name = row.text(9);
    r.transferred_by = row.text(10);
    r.hersys_id = row.text(11);
    r.readable = (row.integer(12) & readable_mask) != 0;
    if (r.readable) r.patient_data = row.text(13);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::int64_t count_received(db::Session& session, std::int64_t organisation_id, bool unread_only,
                            std::int64_t cap) {
  return session
      .query_one(fmt::format("SELECT COUNT(*) FROM (SELECT 1 AS one FROM case_transfers WHERE "
                             "to_health_center_id = ? {} LIMIT ?) capped",
                             unread_only ? "AND received_at IS NULL" : ""),
                 {organisation_id, cap})
      ->integer(0);
}

}  // namespace hersys::cases
