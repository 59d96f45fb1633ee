#pragma once
// The access log's SQL beyond what other features call (log.h): verifying the chain.
#include <vector>

#include "audit/log.h"

namespace hersys::audit {

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

// Writes the versions of one change (Change::record).
void add_versions(db::Transaction& tx, const std::vector<Version>& versions);

}  // namespace hersys::audit
