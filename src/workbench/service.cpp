#include "workbench/service.h"

#include "cases/counts.h"
#include "daily/counts.h"
#include "platform/time/format.h"

namespace hersys::workbench {

Counts Workbench::counts(const identity::Caller& caller) {
  const auto now = clock_.now();
  Counts result;
  result.date = iso_date(tokyo_date(now));
  const auto add = [&](CountKind kind, std::optional<std::int64_t> count,
                       std::int64_t cap = cases::kCountCap) {
    if (count) result.counts.push_back({kind, *count, *count >= cap});
  };
  auto session = database_.read();
  // Each kind from its feature, in the order the top page shows them. New kinds go here.
  add(CountKind::reports_to_confirm, cases::reports_to_confirm(session, caller));
  add(CountKind::reports_to_check, cases::reports_to_check(session, caller));
  add(CountKind::transfers_to_receive, cases::transfers_to_receive(session, caller));
  add(CountKind::cases_without_status, cases::cases_without_status(session, caller));
  add(CountKind::daily_reports_missing, daily::missing_today(session, caller, now), INT64_MAX);
  if (const auto filed = daily::filed_today(session, caller, now)) {
    add(CountKind::daily_report_due, *filed ? 0 : 1, INT64_MAX);
  }
  add(CountKind::drafts, cases::drafts(session, caller));
  return result;
}

}  // namespace hersys::workbench
