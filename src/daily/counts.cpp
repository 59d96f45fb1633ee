#include "daily/counts.h"

#include "daily/rules.h"
#include "daily/store.h"
#include "identity/policy.h"
#include "platform/time/format.h"

namespace hersys::daily {

std::optional<std::int64_t> missing_today(db::Session& session, const identity::Caller& caller,
                                          Clock::time_point now) {
  using identity::Action;
  using identity::Relation;
  const auto may = [&](Relation r) {
    return identity::permits(caller.organisation.kind, caller.account.role, Action::read_aggregates,
                             r);
  };
  // The area Daily::area shows the caller (the national one is not a top-page number).
  AreaScope scope;
  scope.health_center_id = caller.organisation.id;
  if (may(Relation::national)) return std::nullopt;
  if (may(Relation::prefecture)) {
    scope.kind = AreaKind::prefecture;
    scope.prefecture_code = caller.organisation.prefecture_code;
  } else if (!may(Relation::area) || caller.organisation.public_health_institute) {
    return std::nullopt;
  }
  return count_reporters(session, scope, iso_date(report_date_at(now)));
}

std::optional<bool> filed_today(db::Session& session, const identity::Caller& caller,
                                Clock::time_point now) {
  if (!identity::capabilities(caller).file_daily_report) return std::nullopt;
  return session
      .query_one(
          "SELECT 1 FROM daily_reports WHERE organisation_id = ? AND report_date = ? AND "
          "state = 'submitted'",
          {caller.organisation.id, iso_date(report_date_at(now))})
      .has_value();
}

}  // namespace hersys::daily
