#pragma once
// Public: how every feature keeps the access log (SPEC ACL-7, SEC-2) and the record history.
// Appends happen inside the transaction of the change they record, so a record exists exactly
// when its change does; a read is logged in a transaction of its own.
#include <string>
#include <vector>

#include "audit/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::audit {

// Appends `event` as the next record of the chain and returns its id. Concurrent appenders
// take turns on the chain's head row until their transactions end.
std::int64_t append(db::Transaction& tx, const Event& event, Clock::time_point now);
// append() in a transaction of its own (reads, sign-in events).
std::int64_t append(db::Database& database, const Event& event, Clock::time_point now);

// The newest records first, before `before_id` (0: from the newest), at most `limit`;
// only those of `organisation_id` when given.
std::vector<Record> list(db::Session& session, std::optional<std::int64_t> organisation_id,
                         std::int64_t before_id, int limit);

// A patient's record history, newest first.
std::vector<Version> versions_of(db::Session& session, std::int64_t patient_id);

// Which access-log records to show (issue 19 item 24): each filter narrows; every record of
// `organisation_id`, newest first, when only it is set.
struct Filter {
  std::int64_t organisation_id = 0;  // whose log (the caller's scope, decided by the policy)
  std::string from;                  // recorded_at >= from (ISO 8601 UTC); "" for no bound
  std::string until;                 // recorded_at < until; "" for no bound
  std::optional<EventType> type;
  std::optional<std::int64_t> account_id;
  std::optional<ResourceType> resource_type;
  std::optional<Outcome> outcome;
  std::int64_t before_id = 0;  // only records with smaller ids (0: no bound)
  std::int64_t offset = 0;
  int limit = 100;  // 0: every matching record (the CSV export)
};

struct Page {
  std::vector<Listed> records;
  std::int64_t total = 0;  // how many match the filter, over all pages
};

// The records that match `filter` with their account and organisation names (one statement
// joins them), and how many match in all.
Page search(db::Session& session, const Filter& filter);

// A patient's history with who and what changed, newest first: `limit` versions from `offset`
// (0: all), and how many there are (`total`).
std::vector<HistoryEntry> history_of(db::Session& session, std::int64_t patient_id,
                                     std::int64_t offset, int limit, std::int64_t& total);

// One change by one caller, as the access log and the record history keep it: the versions it
// leaves are kept as the change goes, then written with its access-log record in the change's
// transaction, so the change, its history and its log record exist together or not at all.
// Not thread-safe; one per request.
class Change {
 public:
  Change(Event event, Clock::time_point now);

  Clock::time_point now() const { return now_; }
  const std::string& at() const { return at_; }  // now, ISO 8601 UTC
  Event& event() { return event_; }

  // A version of a record, by this change's caller (account, organisation, time filled in).
  void keep(Version version);
  // Writes the kept versions and the access-log record in `tx` (which the caller commits).
  void record(db::Transaction& tx);
  // Records a read: the access-log record alone, in a transaction of its own.
  void record(db::Database& database);

  // A record is saved only if nobody saved it since it was read (`WHERE version = ?`):
  // otherwise the caller is told so (409 changed_meanwhile), never silently overwritten.
  static void saved(bool written);

 private:
  Event event_;
  Clock::time_point now_;
  std::string at_;
  std::vector<Version> kept_;
};

}  // namespace hersys::audit
