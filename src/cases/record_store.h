#pragma once
// The SQL of the 記録 log (SPEC CASE-5, issue 14): entries are inserted and read, never updated
// nor deleted. The order of the log and of 現在のステータス is validation.h later_entry():
// effective date, then the time written, then the id.
#include <optional>
#include <vector>

#include "cases/model.h"
#include "platform/db/database.h"

namespace hersys::cases {

// Inserts the entry and sets its id.
void insert_entry(db::Transaction& tx, RecordEntry& entry);
// `limit` entries from `offset`, latest first, with the author's and organisation's names.
std::vector<RecordEntry> entries_of(db::Session& session, std::int64_t patient_id,
                                    std::int64_t offset, int limit);
std::int64_t count_entries(db::Session& session, std::int64_t patient_id);
// The latest status entry: the one that decides the current status; nullopt when none.
std::optional<RecordEntry> latest_status_entry(db::Session& session, std::int64_t patient_id);

}  // namespace hersys::cases
