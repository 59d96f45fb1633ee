#pragma once
// The outbox's SQL beyond enqueue() (outbox.h). Workers claim due messages with a lease: a
// worker that dies mid-delivery leaves a lease that runs out, and another worker takes the
// message.
#include <vector>

#include "notify/outbox.h"

namespace hersys::notify {

struct Claim {
  StoredMessage message;
  std::string token;  // proves the lease when the outcome is recorded
};

// Leases the oldest due pending message for `lease`; nothing when none is due (or another
// worker just took the one that was).
std::optional<Claim> claim_next(db::Database& database, Clock::time_point now,
                                std::chrono::seconds lease);

// Records the outcome of a claimed delivery. False when the lease was lost meanwhile (another
// worker took the message over); the outcome is then not recorded.
bool mark_sent(db::Database& database, const Claim& claim, const std::string& via,
               Clock::time_point now);
// A failed try: retried after the back-off, or marked failed for good when `permanent` or out
// of attempts.
bool mark_failed(db::Database& database, const Claim& claim, const std::string& error,
                 bool permanent, Clock::time_point now);

// The newest messages first, at most `limit`; only those in `status` when given.
std::vector<StoredMessage> list(db::Session& session, std::optional<Status> status, int limit);

}  // namespace hersys::notify
