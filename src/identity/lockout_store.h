#pragma once
// The lockout's rows (db/0013_sign_in_failures.sql; SPEC AUTH-3, issue 19 item 2): wrong
// passwords per account and source, the locks of sources, and when the account holder and the
// issuer were last told of an attack.
#include <cstdint>
#include <optional>
#include <string>

#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::identity {

// Until when `source` may not sign in to the account (nullopt: it may, or the lock has passed).
std::optional<Clock::time_point> source_locked_until(db::Session& session, std::int64_t account_id,
                                                     const std::string& source,
                                                     Clock::time_point now);
// Counts one more consecutive wrong password from `source` (atomically) and returns the count.
int add_source_failure(db::Transaction& tx, std::int64_t account_id, const std::string& source,
                       Clock::time_point now);
void lock_source(db::Transaction& tx, std::int64_t account_id, const std::string& source,
                 Clock::time_point until);
// How many sources were locked out of the account at some time after `since`.
int sources_locked(db::Session& session, std::int64_t account_id, Clock::time_point since);
// A correct password from `source`.
void clear_source_failures(db::Transaction& tx, std::int64_t account_id, const std::string& source);
// The issuer's unlock and reset: every source starts afresh.
void clear_all_source_failures(db::Transaction& tx, std::int64_t account_id);

// Starts an attack episode when none began within `episode` before `now`: true when this call
// started it (then the holder and the issuer are told).
bool start_alert_episode(db::Transaction& tx, std::int64_t account_id, Clock::time_point now,
                         std::chrono::seconds episode);

// Where to tell of an attack on the account: its organisation's e-mail address and the issuer's
// (the organisation of the account that issued it, else the parent organisation), each once.
std::vector<std::string> alert_recipients(db::Session& session, std::int64_t account_id);

}  // namespace hersys::identity
