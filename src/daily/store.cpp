#include "daily/store.h"

#include <fmt/format.h>

#include "daily/rules.h"
#include "platform/time/format.h"

namespace hersys::daily {
namespace {

// The bracket columns in the form's order, named as the brackets are.
std::string bracket_columns(std::string_view wrap = "{}") {
  std::string columns;
  for (auto b : kBrackets) {
    if (!columns.empty()) columns += ", ";
    columns += fmt::format(fmt::runtime(wrap), name_of(b));
  }
  return columns;
}

const std::string kColumns = "id, organisation_id, report_date, state, " + bracket_columns() +
                             ", total, channel, filed_by_organisation_id, filed_by_account_id, "
                             "opened_at, submitted_at";

DailyReport from_row(const db::Row& row) {
  DailyReport r;
  r.id = row.integer(0);
  r.organisation_id = row.integer(1);
  r.report_date = row.text(2);
  r.state = parse_name<State>(row.text(3)).value_or(State::draft);
  size_t c = 4;
  for (auto& count : r.counts) count = row.integer(c++);
  r.total = row.integer(c++);
  r.channel = parse_name<Channel>(row.text(c++)).value_or(Channel::online);
  r.filed_by_organisation_id = row.optional_integer(c++);
  r.filed_by_account_id = row.optional_integer(c++);
  r.opened_at = row.text(c++);
  r.submitted_at = row.optional_text(c).value_or("");
  return r;
}

// The scope's condition on a health center id `column`, with its parameter.
std::pair<std::string, db::Params> where(const AreaScope& scope, std::string_view column) {
  using K = AreaKind;
  switch (scope.kind) {
    case K::national: return {"1 = 1", {}};
    case K::prefecture:
      return {fmt::format("{} IN (SELECT hc.id FROM organisations hc WHERE hc.kind = "
                          "'health_center' AND hc.prefecture_code = ?)",
                          column),
              {scope.prefecture_code}};
    case K::health_center: break;
  }
  return {fmt::format("{} = ?", column), {scope.health_center_id}};
}

// The area's organisations that file daily reports, optionally only those missing a date.
std::pair<std::string, db::Params> reporters_where(const AreaScope& scope,
                                                   const std::optional<std::string>& missing_on) {
  auto [condition, params] = where(scope, "o.parent_id");
  // A retired organisation is not expected to report (issue 14 item 2).
  std::string sql =
      "FROM organisations o WHERE o.files_daily_reports = 1 AND o.retired_at IS "
      "NULL AND " +
      condition;
  if (missing_on) {
    // issue 14 (walk item 14), DAY-5: missing on a day only if registered on or before it
    // (Asia/Tokyo) and not retired before its end; the timestamps are ISO 8601 UTC, so the
    // day's end in UTC compares as text on both databases.
    const auto end = iso8601_utc(Clock::time_point(
        std::chrono::sys_days(*parse_iso_date(*missing_on)) + std::chrono::days(1) - kTokyoOffset));
    sql =
        "FROM organisations o WHERE o.files_daily_reports = 1 AND o.created_at < ? AND "
        "(o.retired_at IS NULL OR o.retired_at >= ?) AND " +
        condition;
    params.insert(params.begin(), {end, end});
    // NOT IN over the day's reporters, evaluated once (PostgreSQL hashes it): the day's rows
    // grow from none each morning, so statistics always underestimate them, and an anti-join
    // planned from that estimate rescans them per organisation (quadratic by evening).
    sql +=
        " AND o.id NOT IN (SELECT d.organisation_id FROM daily_reports d WHERE "
        "d.report_date = ? AND d.state = 'submitted')";
    params.emplace_back(*missing_on);
  }
  return {sql, params};
}

}  // namespace

DailyReport open_report(db::Transaction& tx, std::int64_t organisation_id, const std::string& date,
                        const std::string& opened_at) {
  tx.execute(
      "INSERT INTO daily_reports (organisation_id, report_date, state, channel, opened_at) "
      "VALUES (?, ?, 'draft', 'online', ?) ON CONFLICT (organisation_id, report_date) DO NOTHING",
      {organisation_id, date, opened_at});
  const auto row = tx.query_one(
      fmt::format("SELECT {} FROM daily_reports WHERE organisation_id = ? AND report_date = ?",
                  kColumns),
      {organisation_id, date});
  return from_row(*row);
}

std::optional<DailyReport> find_report(db::Session& session, std::int64_t id) {
  const auto row =
      session.query_one(fmt::format("SELECT {} FROM daily_reports WHERE id = ?", kColumns), {id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

bool submit_report(db::Transaction& tx, const DailyReport& r,
                   std::optional<std::int64_t> health_center_id) {
  db::Params params;
  for (auto count : r.counts) params.emplace_back(count);
  params.insert(
      params.end(),
      {r.total, std::string(name_of(r.channel)),
       r.filed_by_organisation_id ? db::Value(*r.filed_by_organisation_id) : nullptr,
       r.filed_by_account_id ? db::Value(*r.filed_by_account_id) : nullptr, r.submitted_at, r.id});
  const bool submitted =
      tx.execute(fmt::format("UPDATE daily_reports SET {}, total = ?, channel = ?, "
                             "filed_by_organisation_id = ?, filed_by_account_id = ?, "
                             "submitted_at = ?, state = 'submitted' "
                             "WHERE id = ? AND state = 'draft'",
                             bracket_columns("{} = ?")),
                 params) == 1;
  if (!submitted || !health_center_id) return submitted;
  params.clear();
  params.insert(params.end(), {*health_center_id, r.report_date});
  for (auto count : r.counts) params.emplace_back(count);
  params.emplace_back(r.total);
  tx.execute(fmt::format("INSERT INTO daily_area_sums (health_center_id, report_date, {}, total, "
                         "reports) VALUES (?, ?, {}, ?, 1) "
                         "ON CONFLICT (health_center_id, report_date) DO UPDATE SET {}, "
                         "total = daily_area_sums.total + excluded.total, "
                         "reports = daily_area_sums.reports + 1",
                         bracket_columns(), bracket_columns("?"),
                         bracket_columns("{0} = daily_area_sums.{0} + excluded.{0}")),
             params);
  return true;
}

void rebuild_area_sums(db::Transaction& tx) {
  tx.execute("DELETE FROM daily_area_sums");
  tx.execute(fmt::format(
      "INSERT INTO daily_area_sums (health_center_id, report_date, {}, total, reports) "
      "SELECT o.parent_id, d.report_date, {}, SUM(d.total), COUNT(*) FROM daily_reports d "
      "JOIN organisations o ON o.id = d.organisation_id "
      "WHERE d.state = 'submitted' AND o.parent_id IS NOT NULL "
      "GROUP BY o.parent_id, d.report_date",
      bracket_columns(), bracket_columns("SUM(d.{})")));
}

std::vector<DailyReport> submitted_reports(db::Session& session, std::int64_t organisation_id,
                                           const std::string& from, const std::string& to) {
  std::vector<DailyReport> reports;
  for (const auto& row :
       session
           .query(fmt::format("SELECT {} FROM daily_reports WHERE organisation_id = ? AND "
                              "state = 'submitted' AND report_date >= ? AND report_date <= ? "
                              "ORDER BY report_date DESC",
                              kColumns),
                  {organisation_id, from, to})
           .rows) {
    reports.push_back(from_row(row));
  }
  return reports;
}

std::vector<DaySums> area_sums(db::Session& session, const AreaScope& scope,
                               const std::string& from, const std::string& to) {
  auto [condition, params] = where(scope, "s.health_center_id");
  params.insert(params.begin(), {from, to});
  const auto result = session.query(
      fmt::format("SELECT s.report_date, {}, SUM(s.total), SUM(s.reports) "
                  "FROM daily_area_sums s WHERE s.report_date >= ? AND s.report_date <= ? "
                  "AND {} GROUP BY s.report_date ORDER BY s.report_date DESC",
                  bracket_columns("SUM(s.{})"), condition),
      params);
  std::vector<DaySums> days;
  for (const auto& row : result.rows) {
    DaySums day;
    day.date = row.text(0);
    size_t c = 1;
    for (auto& count : day.counts) count = row.integer(c++);
    day.total = row.integer(c++);
    day.reports = row.integer(c);
    days.push_back(std::move(day));
  }
  return days;
}

std::vector<Reporter> reporters(db::Session& session, const AreaScope& scope,
                                const std::optional<std::string>& missing_on, int limit) {
  const auto [from, params] = reporters_where(scope, missing_on);
  std::vector<Reporter> found;
  for (const auto& row :
       session
           .query(fmt::format("SELECT o.id, o.code, o.name, o.phone, o.contact_person {} "
                              "ORDER BY o.code LIMIT {}",
                              from, limit),
                  params)
           .rows) {
    found.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4)});
  }
  return found;
}

std::int64_t count_reporters(db::Session& session, const AreaScope& scope,
                             const std::optional<std::string>& missing_on) {
  const auto [from, params] = reporters_where(scope, missing_on);
  return session.query_one("SELECT COUNT(*) " + from, params)->integer(0);
}

}  // namespace hersys::daily
