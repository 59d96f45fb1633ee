#include "daily/service.h"

#include <fmt/format.h>

#include "audit/log.h"
#include "daily/rules.h"
#include "identity/directory.h"
#include "platform/errors.h"
#include "platform/time/format.h"

namespace hersys::daily {
namespace {
using identity::Action;
using identity::Relation;

// "2026/11/21", as the form shows dates.
std::string slashed(const std::string& iso) {
  std::string s = iso;
  for (auto& c : s) {
    if (c == '-') c = '/';
  }
  return s;
}

Problem already_filed(const std::string& date) {
  return Problem(ProblemKind::conflict, "already_filed",
                 {fmt::format("{} の報告は完了しています。報告後の取下げや訂正はできません。"
                              "訂正は翌日分で調整してください。",
                              slashed(date)),
                  fmt::format("The report for {} has already been submitted. It cannot be "
                              "withdrawn or corrected; adjust tomorrow's report instead.",
                              date)});
}

// The caller's access-log record of a daily report (never personal data in `detail`).
audit::Change logged(const identity::Caller& caller, const identity::Origin& origin,
                     audit::Action action, std::string type, std::string resource_type,
                     std::string resource_id, Clock::time_point now, std::string_view detail = {}) {
  auto event = identity::audit_event(&caller, origin, action, std::move(type),
                                     std::move(resource_type), std::move(resource_id));
  event.add_detail(detail);
  return audit::Change(std::move(event), now);
}

// A daily report the caller may not know of, missing or another organisation's: the same
// answer (404 not_found) for both, and both logged as denied (SPEC ACL-7, issue 19 item 8).
[[noreturn]] void unknown_report(db::Database& database, const Clock& clock,
                                 const identity::Caller& caller, const identity::Origin& origin,
                                 std::int64_t report_id) {
  auto e =
      identity::audit_event(&caller, origin, audit::Action::execute, "access.file_daily_report",
                            "DailyReport", std::to_string(report_id));
  e.outcome = audit::Outcome::denied;
  audit::append(database, e, clock.now());
  throw Problem::not_found();
}

}  // namespace

identity::Organisation Daily::reporter(const identity::Caller& caller,
                                       std::optional<std::int64_t> organisation_id,
                                       const identity::Origin& origin) {
  std::optional<identity::Organisation> target = caller.organisation;
  if (organisation_id && *organisation_id != caller.organisation.id) {
    auto session = database_.read();
    target = identity::find_organisation(session, *organisation_id);
    if (!target) throw Problem::not_found();
  }
  identity::require(database_, clock_, caller, origin, Action::file_daily_report,
                    identity::relations_to(caller, *target), "Organisation",
                    std::to_string(target->id));
  if (!target->files_daily_reports) {
    throw Problem(ProblemKind::conflict, "not_a_daily_reporter",
                  {"この機関は日次報告の対象ではありません（外来医療機関と健康フォローアップ"
                   "センターが報告します）。",
                   "This organisation does not file daily reports (outpatient clinics and "
                   "follow-up centers do)."});
  }
  return *target;
}

Opened Daily::open(const identity::Caller& caller, std::optional<std::int64_t> organisation_id,
                   const identity::Origin& origin) {
  const auto organisation = reporter(caller, organisation_id, origin);
  const auto now = clock_.now();
  const auto date = report_date_at(now);
  auto tx = database_.write();
  auto report = open_report(tx, organisation.id, iso_date(date), iso8601_utc(now));
  logged(caller, origin, audit::Action::read, "daily.open", "DailyReport",
         std::to_string(report.id), now)
      .record(tx);
  tx.commit();
  return {std::move(report), organisation, submit_deadline(date)};
}

DailyReport Daily::submit(const identity::Caller& caller, std::int64_t report_id,
                          const std::array<std::optional<std::int64_t>, kBracketCount>& counts,
                          std::optional<Channel> channel, FieldErrors read_errors,
                          const identity::Origin& origin) {
  std::optional<DailyReport> found;
  {
    auto session = database_.read();
    found = find_report(session, report_id);
  }
  if (!found) unknown_report(database_, clock_, caller, origin, report_id);
  auto report = *found;
  if (report.organisation_id != caller.organisation.id) {
    std::optional<identity::Organisation> owner;
    {
      auto session = database_.read();
      owner = identity::find_organisation(session, report.organisation_id);
    }
    if (!owner || !identity::permits(caller, Action::file_daily_report,
                                     identity::relations_to(caller, *owner))) {
      unknown_report(database_, clock_, caller, origin, report_id);
    }
  }
  const auto organisation = reporter(caller, report.organisation_id, origin);
  const bool proxy = organisation.id != caller.organisation.id;

  // A bracket that could not be read is named once, by its reading error.
  FieldErrors errors = std::move(read_errors);
  for (auto& e : validate_counts(counts)) {
    const bool named = std::any_of(errors.begin(), errors.end(),
                                   [&](const FieldError& r) { return r.field == e.field; });
    if (!named) errors.push_back(std::move(e));
  }
  if (proxy && (!channel || *channel == Channel::online)) {
    errors.push_back({"channel",
                      "required",
                      {"FAX か電話か、報告を受けた方法を選んでください。",
                       "Choose how the report reached you: fax or phone."}});
  } else if (!proxy && channel && *channel != Channel::online) {
    errors.push_back({"channel",
                      "invalid_choice",
                      {"自機関の報告は online です（FAX・電話は保健所の代行入力用です）。",
                       "Your own report is online (fax and phone are for a health center "
                       "entering a clinic's report)."}});
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  if (report.state == State::submitted) throw already_filed(report.report_date);
  const auto now = clock_.now();
  const auto date = parse_iso_date(report.report_date);
  if (!date || now >= submit_deadline(*date)) {
    throw Problem(ProblemKind::conflict, "form_expired",
                  {fmt::format("この報告画面は {} 分で、報告できる期限を過ぎました。画面を開き"
                               "直して本日分として報告してください。",
                               slashed(report.report_date)),
                   fmt::format("This form was for {} and can no longer be submitted. Open the "
                               "form again to report for today.",
                               report.report_date)});
  }

  for (size_t i = 0; i < kBracketCount; ++i) report.counts[i] = *counts[i];
  report.total = total_of(report.counts);
  report.channel = proxy ? *channel : Channel::online;
  report.filed_by_organisation_id = caller.organisation.id;
  report.filed_by_account_id = caller.account.id;
  report.submitted_at = iso8601_utc(now);
  auto tx = database_.write();
  if (!submit_report(tx, report, organisation.parent_id)) {
    throw already_filed(report.report_date);
  }
  report.state = State::submitted;
  logged(caller, origin, audit::Action::create, "daily.submit", "DailyReport",
         std::to_string(report.id), now,
         fmt::format("{} for organisation {} ({}), total {}", report.report_date, organisation.id,
                     name_of(report.channel), report.total))
      .record(tx);
  tx.commit();
  return report;
}

History Daily::history(const identity::Caller& caller, std::optional<std::int64_t> organisation_id,
                       const identity::Origin& origin) {
  History h;
  h.organisation = reporter(caller, organisation_id, origin);
  const auto today = report_date_at(clock_.now());
  h.today = iso_date(today);
  {
    auto session = database_.read();
    h.reports =
        submitted_reports(session, h.organisation.id, iso_date(history_from(today)), h.today);
  }
  h.done_today = !h.reports.empty() && h.reports.front().report_date == h.today;
  logged(caller, origin, audit::Action::read, "daily.history", "Organisation",
         std::to_string(h.organisation.id), clock_.now())
      .record(database_);
  return h;
}

Area Daily::area(const identity::Caller& caller, std::optional<std::string> date, int days,
                 const identity::Origin& origin) {
  // The widest relation the policy gives the caller for counts (ACL-6: never individuals).
  const auto relations = identity::scope(caller, Action::read_aggregates);
  const auto has = [&](Relation r) {
    return std::find(relations.begin(), relations.end(), r) != relations.end();
  };
  Area a;
  a.scope.health_center_id = caller.organisation.id;
  if (has(Relation::national)) {
    a.scope.kind = AreaKind::national;
  } else if (has(Relation::prefecture)) {
    a.scope.kind = AreaKind::prefecture;
    a.scope.prefecture_code = caller.organisation.prefecture_code;
  } else if (has(Relation::area)) {
    a.scope.kind = AreaKind::health_center;
  } else {
    identity::require(database_, clock_, caller, origin, Action::read_aggregates, {}, "DailyReport",
                      "area");
  }
  const auto to = date ? *parse_iso_date(*date) : report_date_at(clock_.now());
  a.to = iso_date(to);
  const Day from{std::chrono::sys_days(to) - std::chrono::days(days - 1)};
  a.from = iso_date(from);
  {
    auto session = database_.read();
    a.days = every_day(from, to, area_sums(session, a.scope, a.from, a.to));
    a.reporters = count_reporters(session, a.scope, std::nullopt);
    a.missing = reporters(session, a.scope, a.to, 500);
    a.missing_count = count_reporters(session, a.scope, a.to);
    // One indexed query per day (daily_reports_by_date): at most 31.
    for (auto day = std::chrono::sys_days(to); day >= std::chrono::sys_days(from);
         day -= std::chrono::days(1)) {
      const auto date = iso_date(Day{day});
      if (date == a.to) {
        a.missing_by_day.push_back(
            {date,
             a.missing_count,
             {a.missing.begin(),
              a.missing.begin() + std::min<std::ptrdiff_t>(a.missing.size(), kMissingPerDay)}});
        continue;
      }
      a.missing_by_day.push_back({date, count_reporters(session, a.scope, date),
                                  reporters(session, a.scope, date, kMissingPerDay)});
    }
  }
  logged(caller, origin, audit::Action::read, "daily.area", "DailyReport", "area", clock_.now(),
         fmt::format("{}..{}", a.from, a.to))
      .record(database_);
  return a;
}

}  // namespace hersys::daily
