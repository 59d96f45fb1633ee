#include "cases/counts.h"

#include <algorithm>

#include "cases/access.h"
#include "cases/reports.h"
#include "cases/store.h"
#include "cases/transfer_store.h"

namespace hersys::cases {
namespace {
using identity::Action;
using identity::Relation;

bool may(const identity::Caller& caller, Action action, Relation relation) {
  return identity::permits(caller.organisation.kind, caller.account.role, action, relation);
}
}  // namespace

std::optional<std::int64_t> reports_to_confirm(db::Session& session,
                                               const identity::Caller& caller) {
  const auto reach = Reports::inbox_reach(caller);
  if (!reach || caller.organisation.public_health_institute) return std::nullopt;
  return count_inbox(session, *reach, InboxFilter::unconfirmed, scope_of(caller, Action::read_case),
                     kCountCap);
}

std::optional<std::int64_t> reports_to_check(db::Session& session, const identity::Caller& caller) {
  const auto reach = Reports::inbox_reach(caller);
  if (!reach || !caller.organisation.public_health_institute) return std::nullopt;
  return count_inbox(session, *reach, InboxFilter::unchecked, scope_of(caller, Action::read_case),
                     kCountCap);
}

std::optional<std::int64_t> cases_without_status(db::Session& session,
                                                 const identity::Caller& caller) {
  const auto& o = caller.organisation;
  std::string health_centers;
  db::Params params;
  if (o.kind == identity::OrganisationKind::prefecture &&
      may(caller, Action::read_case, Relation::prefecture)) {
    health_centers =
        "IN (SELECT hc.id FROM organisations hc WHERE hc.kind = 'health_center' AND "
        "hc.prefecture_code = ?)";
    params.emplace_back(o.prefecture_code);
  } else if (may(caller, Action::read_case, Relation::responsible) && !o.public_health_institute) {
    health_centers = "= ?";
    params.emplace_back(o.id);
  } else {
    return std::nullopt;
  }
  params.emplace_back(past_data_cutoff(session));
  params.emplace_back(kCountCap);
  // The index patients_without_status (db/0015): responsible health center, status, date.
  return session
      .query_one(
          "SELECT COUNT(*) FROM (SELECT 1 AS one FROM patients p WHERE "
          "p.responsible_health_center_id " +
              health_centers + " AND p.status IS NULL AND p.reported_on > ? LIMIT ?) capped",
          params)
      ->integer(0);
}

std::optional<std::int64_t> drafts(db::Session& session, const identity::Caller& caller) {
  if (!identity::capabilities(caller).file_reports) return std::nullopt;
  return count_drafts(session, caller.organisation.id, scope_of(caller, Action::read_case),
                      kCountCap);
}

std::optional<std::int64_t> transfers_to_receive(db::Session& session,
                                                 const identity::Caller& caller) {
  if (!identity::capabilities(caller).receive_transfers) return std::nullopt;
  return count_received(session, caller.organisation.id, true, kCountCap);
}

}  // namespace hersys::cases
