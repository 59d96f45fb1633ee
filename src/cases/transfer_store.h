#pragma once
// The SQL of case transfers (移管, issue 14, ACL-5, REP-4) and nothing else: the record of each
// hand-over, and the receiving health center's list and unread count, by the indexes of
// db/0016_case_transfers.sql.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/model.h"
#include "platform/db/database.h"

namespace hersys::cases {

struct TransferRow {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::int64_t from_health_center_id = 0;
  std::int64_t to_health_center_id = 0;
  bool keep_related = false;
  std::string reason;
  std::int64_t account_id = 0;
  std::string transferred_at;
  std::string received_at;  // "" while unread
};

// Inserts the row and sets its id.
void insert_transfer(db::Transaction& tx, TransferRow& transfer);
std::optional<TransferRow> find_transfer(db::Session& session, std::int64_t id);
// 受理: false when it was received already.
bool mark_received(db::Transaction& tx, std::int64_t id, std::int64_t account_id,
                   const std::string& at);

// A line of the receiver's list, with the patient as the receiver may see it.
struct ReceivedRow {
  TransferRow transfer;
  std::string from_name;
  std::string transferred_by;  // the account's display name
  std::string hersys_id;
  bool readable = false;     // the receiver may still read the case (else no name is shown)
  std::string patient_data;  // the patient's document when readable
};

// The transfers to `organisation_id`, newest first; `unread_only`: not yet received. A patient
// is readable when the organisation's relations to it include one of `readable_mask`.
std::vector<ReceivedRow> received_transfers(db::Session& session, std::int64_t organisation_id,
                                            std::int64_t readable_mask, bool unread_only, int limit,
                                            int offset);
// Stops at `cap` (the top page's "1000+").
std::int64_t count_received(db::Session& session, std::int64_t organisation_id, bool unread_only,
                            std::int64_t cap = INT64_MAX);

}  // namespace hersys::cases
