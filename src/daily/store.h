#pragma once
// The SQL of daily reports (db/0009_daily_reports.sql). The once-a-day rule lives in the
// database: one row per organisation and date, submitted by a conditional UPDATE.
#include <optional>
#include <string>
#include <vector>

#include "daily/model.h"
#include "platform/db/database.h"

namespace hersys::daily {

// Whose reports an area view covers (DAY-5): one health center's institutions, those of a
// prefecture's health centers, or the country's.
struct AreaScope {
  AreaKind kind = AreaKind::health_center;
  std::int64_t health_center_id = 0;
  std::string prefecture_code;
};

// The organisation's report for `date`, made as a draft if there is none yet.
DailyReport open_report(db::Transaction& tx, std::int64_t organisation_id, const std::string& date,
                        const std::string& opened_at);
std::optional<DailyReport> find_report(db::Session& session, std::int64_t id);
// Fills in a draft's counts and submits it, adding them to the sums of the area of
// `health_center_id` (the organisation's parent); false when it was already submitted.
bool submit_report(db::Transaction& tx, const DailyReport& report,
                   std::optional<std::int64_t> health_center_id);
// Recomputes every area's sums from the submitted reports (after reports were written in
// bulk, e.g. by a benchmark's fill).
void rebuild_area_sums(db::Transaction& tx);
// The organisation's submitted reports dated from..to, newest first.
std::vector<DailyReport> submitted_reports(db::Session& session, std::int64_t organisation_id,
                                           const std::string& from, const std::string& to);
// The area's sums per date from..to (dates without any report left out), newest first.
std::vector<DaySums> area_sums(db::Session& session, const AreaScope& scope,
                               const std::string& from, const std::string& to);
// The organisations of the area that file daily reports, and how many; `missing_on` keeps
// only those without a submitted report for that date. At most `limit` are listed.
std::vector<Reporter> reporters(db::Session& session, const AreaScope& scope,
                                const std::optional<std::string>& missing_on, int limit);
std::int64_t count_reporters(db::Session& session, const AreaScope& scope,
                             const std::optional<std::string>& missing_on);

}  // namespace hersys::daily
