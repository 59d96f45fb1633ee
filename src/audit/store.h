#pragma once
// The access log's SQL. Appends happen inside the transaction of the change they record, so a
// record exists exactly when its change does; a read is logged in a transaction of its own.
#include <vector>

#include "audit/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::audit {

// Appends `event` as the next record of the chain and returns its id. Concurrent appenders are
// serialised (SQLite's single writer; an advisory lock on PostgreSQL held to the end of `tx`).
std::int64_t append(db::Transaction& tx, const Event& event, Clock::time_point now);

// append() in a transaction of its own (reads, sign-in events).
std::int64_t append(db::Database& database, const Event& event, Clock::time_point now);

struct Verification {
  std::int64_t records = 0;
  std::int64_t head_id = 0;           // the last record: operators note it down to detect
  std::string head_hash;              // a truncated tail later (see docs/operations.md)
  std::vector<std::string> problems;  // empty when the chain is intact
  bool intact() const { return problems.empty(); }
};

// A head noted down earlier (`hersys audit verify` prints it), to detect a truncated tail.
struct Head {
  std::int64_t id = 0;
  std::string hash;
};

// Walks the whole chain in id order, in pages, checking that ids run 1, 2, 3 ... without gaps,
// that each record chains to the one before, that each record's hash matches its contents, and
// that `expected` (if given) is still in the chain. Reports at most `max_problems`.
Verification verify(db::Database& database, std::optional<Head> expected = std::nullopt,
                    size_t max_problems = 20);

// The newest records first, before `before_id` (0: from the newest), at most `limit`;
// only those of `organisation_id` when given.
std::vector<Record> list(db::Session& session, std::optional<std::int64_t> organisation_id,
                         std::int64_t before_id, int limit);

}  // namespace hersys::audit
