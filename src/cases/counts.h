#pragma once
// Public: the top page's counts of cases and reports (src/workbench, issue 14 item 1).
// Each is one indexed query (db/0015) over what the caller reaches, read when asked (never
// cached, so a count is right after every change), and stops at kCountCap ("1000+").
#include <cstdint>
#include <optional>

#include "identity/model.h"
#include "platform/db/database.h"

namespace hersys::cases {

inline constexpr std::int64_t kCountCap = 1000;

// Reports waiting for 保健所確認 in the caller's inbox (REP-5); nullopt without an inbox.
std::optional<std::int64_t> reports_to_confirm(db::Session& session,
                                               const identity::Caller& caller);
// Confirmed reports a 地方衛生研究所 has not checked yet (issue 14 item 3); nullopt for others.
std::optional<std::int64_t> reports_to_check(db::Session& session, const identity::Caller& caller);
// Cases with no 現在のステータス (CASE-5, newer than the past-data cut-off) whose responsible
// health center is the caller, or one of the caller's prefecture (ACL-3); nullopt for others.
std::optional<std::int64_t> cases_without_status(db::Session& session,
                                                 const identity::Caller& caller);
// Transfers (移管) to the caller's health center not yet received (受理); nullopt for those that
// receive none.
std::optional<std::int64_t> transfers_to_receive(db::Session& session,
                                                 const identity::Caller& caller);
// The drafts of the caller's organisation (REP-9); nullopt when it files no reports.
std::optional<std::int64_t> drafts(db::Session& session, const identity::Caller& caller);

}  // namespace hersys::cases
