#include "audit/store.h"
#include "platform/errors.h"
#include "platform/time/format.h"

namespace hersys::audit {

Change::Change(Event event, Clock::time_point now)
    : event_(std::move(event)), now_(now), at_(iso8601_utc(now)) {}

void Change::keep(Version version) {
  version.account_id = event_.account_id;
  version.organisation_id = event_.organisation_id;
  version.changed_at = at_;
  kept_.push_back(std::move(version));
}

void Change::record(db::Transaction& tx) {
  add_versions(tx, kept_);
  kept_.clear();
  append(tx, event_, now_);
}

void Change::record(db::Database& database) { append(database, event_, now_); }

void Change::saved(bool written) {
  if (!written) throw Problem::changed_meanwhile();
}

}  // namespace hersys::audit
