#pragma once
// Daily reports (日次報告, SPEC DAY-1..5): opening the form for today, submitting it once,
// the last seven days, and an area's sums with the organisations that have not reported.
// Every decision through the policy (identity::require), every access in the access log.
#include <array>
#include <optional>

#include "daily/model.h"
#include "daily/store.h"
#include "identity/access.h"
#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::daily {

// The form as opened: the report (a draft, or today's submitted one) and whose it is.
struct Opened {
  DailyReport report;
  identity::Organisation organisation;
  Clock::time_point deadline;  // submit before this
};

struct History {
  identity::Organisation organisation;
  std::string today;
  bool done_today = false;
  std::vector<DailyReport> reports;  // the last seven days, newest first
};

struct Area {
  AreaScope scope;
  std::string from, to;
  std::vector<DaySums> days;
  std::int64_t reporters = 0;     // organisations in the area that file daily reports
  std::vector<Reporter> missing;  // of them, those without a report for `to` (at most 500)
  std::int64_t missing_count = 0;
  std::vector<MissingDay> missing_by_day;  // every date of the window, newest first
};

class Daily {
 public:
  Daily(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Opens today's form for `organisation_id` (the caller's own when absent): its date is
  // fixed now (DAY-3). Opening again the same day gives the same report.
  Opened open(const identity::Caller& caller, std::optional<std::int64_t> organisation_id,
              const identity::Origin& origin);
  // Submits an opened form once (DAY-2). `counts` are as read (validated here), with the
  // errors of reading the request (`read_errors`), so every wrong field is named at once;
  // `channel` is how a health center received a report it enters for an institution.
  DailyReport submit(const identity::Caller& caller, std::int64_t report_id,
                     const std::array<std::optional<std::int64_t>, kBracketCount>& counts,
                     std::optional<Channel> channel, FieldErrors read_errors,
                     const identity::Origin& origin);
  History history(const identity::Caller& caller, std::optional<std::int64_t> organisation_id,
                  const identity::Origin& origin);
  // The caller's area: sums for the `days` days ending `date` (today when absent) and who has
  // not reported on `date` and on each day of the window, with phone and contact person
  // (DAY-5, issue 14 item 2). Retired organisations are not expected to report.
  Area area(const identity::Caller& caller, std::optional<std::string> date, int days,
            const identity::Origin& origin);

 private:
  // The organisation a daily report is for, when the caller may file for it.
  identity::Organisation reporter(const identity::Caller& caller,
                                  std::optional<std::int64_t> organisation_id,
                                  const identity::Origin& origin);
  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::daily
