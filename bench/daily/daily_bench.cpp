// Daily reports at the 2022 peak (issue 5): about 40 000 outpatient clinics each file once,
// most of them in the same evening hours. Measures filings per second through the API (open
// the form, submit it: a health center entering its area's clinics, N clients) against the
// same rows written straight through the store, in the same run; then the area view's latency
// (sums by day and bracket over 30 days, and who has not reported) for a health center, a
// prefecture and the ministry. Prints Markdown table rows.
//
// usage: bench_daily DATABASE_URL CLINICS FILINGS CLIENTS QUERIES
#include <fmt/format.h>

#include <atomic>
#include <iostream>

#include "app/context.h"
#include "app/routes.h"
#include "audit/log.h"
#include "bench_support.h"
#include "daily/rules.h"
#include "daily/store.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/log/log.h"
#include "platform/time/format.h"

namespace {
using namespace hersys;
using namespace hersys::bench;

constexpr int kHistoryDays = 30;

// CLINICS institutions that file daily reports: a tenth under each Tokyo health center, the
// rest under Kanagawa's, as issued by their health centers. Returns their ids by health center.
std::map<std::string, std::vector<std::int64_t>> add_clinics(
    db::Database& database, const Clock& clock, const std::map<std::string, app::DemoSignIn>& demo,
    int clinics) {
  std::map<std::string, std::vector<std::int64_t>> ids;
  auto tx = database.write();
  for (int i = 0; i < clinics; ++i) {
    const char* hc = i % 10 == 0 ? "hc-tama" : i % 10 == 1 ? "hc-shinjuku" : "hc-hiratsuka";
    const auto& parent = demo.at(hc).organisation;
    identity::Organisation o;
    o.kind = identity::OrganisationKind::medical_institution;
    o.code = fmt::format("MB{}-{:06d}", parent.prefecture_code, i);
    o.name = fmt::format("ベンチ診療所{}", i);
    o.address = parent.address;
    o.prefecture_code = parent.prefecture_code;
    o.municipality_code = parent.municipality_code;
    o.parent_id = parent.id;
    o.files_daily_reports = true;
    ids[hc].push_back(identity::create_organisation(tx, o, clock.now()));
  }
  tx.commit();
  return ids;
}

// 30 days of submitted reports for every clinic but a few, in multi-row inserts.
void add_history(db::Database& database, const std::vector<std::int64_t>& clinics,
                 std::chrono::year_month_day today) {
  std::string columns;
  for (auto b : daily::kBrackets) columns += std::string(daily::name_of(b)) + ", ";
  auto tx = database.write();
  for (int day = 1; day <= kHistoryDays; ++day) {
    const auto date = iso_date(std::chrono::sys_days(today) - std::chrono::days(day));
    for (size_t from = 0; from < clinics.size(); from += 400) {
      std::string sql = "INSERT INTO daily_reports (organisation_id, report_date, state, " +
                        columns + "total, channel, opened_at, submitted_at) VALUES ";
      db::Params params;
      for (size_t i = from; i < std::min(clinics.size(), from + 400); ++i) {
        if ((i + static_cast<size_t>(day)) % 17 == 0) continue;  // some clinics skip a day
        sql += params.empty() ? "" : ", ";
        sql += "(?, ?, 'submitted', ";
        std::int64_t total = 0;
        for (size_t b = 0; b < daily::kBracketCount; ++b) {
          const std::int64_t n = static_cast<std::int64_t>((i * 7 + b * 3 + day) % 5);
          total += n;
          sql += fmt::format("{}, ", n);
        }
        sql += fmt::format("{}, 'online', '{}T09:00:00Z', '{}T10:00:00Z')", total, date, date);
        params.insert(params.end(), {clinics[i], date});
      }
      tx.execute(sql, params);
    }
  }
  daily::rebuild_area_sums(tx);
  tx.commit();
}

// The baseline: a filing's rows straight through the store: the draft, the submission and
// both access-log records, as the API writes them (two transactions, like two requests).
void file_directly(db::Database& database, const Clock& clock, std::int64_t clinic,
                   std::int64_t filer, const std::string& date) {  // filer: the clinic's parent
  const auto now = clock.now();
  audit::Event e;
  e.action = audit::Action::read;
  e.type = "daily.open";
  e.organisation_id = filer;
  e.resource_type = "DailyReport";
  daily::DailyReport r;
  {
    auto tx = database.write();
    r = daily::open_report(tx, clinic, date, iso8601_utc(now));
    e.resource_id = std::to_string(r.id);
    audit::append(tx, e, now);
    tx.commit();
  }
  r.counts[4] = 3;
  r.counts[10] = 2;
  r.total = daily::total_of(r.counts);
  r.channel = daily::Channel::fax;
  r.filed_by_organisation_id = filer;
  r.submitted_at = iso8601_utc(now);
  auto tx = database.write();
  daily::submit_report(tx, r, filer);
  e.action = audit::Action::create;
  e.type = "daily.submit";
  audit::append(tx, e, now);
  tx.commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: bench_daily DATABASE_URL CLINICS FILINGS CLIENTS QUERIES\n";
    return 2;
  }
  const std::string url = argv[1];
  const int clinics = std::stoi(argv[2]);
  const int filings = std::stoi(argv[3]);
  const int clients = std::stoi(argv[4]);
  const int queries = std::stoi(argv[5]);

  log::init("warn");
  SystemClock clock;
  auto database = db::Database::open(url, {.pool_size = static_cast<size_t>(clients) + 4});
  db::migrate(*database, clock);
  std::map<std::string, app::DemoSignIn> demo;
  for (auto& s : app::seed_demo(*database, clock)) demo.emplace(s.key, s);
  const auto dialect = database->dialect() == db::Dialect::sqlite ? "SQLite" : "PostgreSQL";
  const auto today = daily::report_date_at(clock.now());

  const auto start = std::chrono::steady_clock::now();
  auto ids = add_clinics(*database, clock, demo, clinics);
  std::vector<std::int64_t> all;
  for (const auto& [hc, list] : ids) all.insert(all.end(), list.begin(), list.end());
  add_history(*database, all, today);
  if (database->dialect() == db::Dialect::postgresql) {
    // As autovacuum would have by now on a server that filled up over a month.
    auto tx = database->write();
    tx.execute_script("ANALYZE");
    tx.commit();
  }
  std::cerr << fmt::format("{}: {} clinics with {} days of reports in {:.0f} s\n", dialect, clinics,
                           kHistoryDays, Seconds(std::chrono::steady_clock::now() - start).count());

  http::Router router;
  app::Context context{*database, clock};
  app::register_routes(router, context);
  http::ServerOptions options;
  options.port = 0;
  http::Server server(options, router);
  server.start();

  // Filings for today: the baseline for Kanagawa's clinics, the API (the health center of
  // Tama entering its clinics' FAXes) for Tama's; each as many, in the same run.
  const auto& tama = ids.at("hc-tama");
  const auto& hiratsuka = ids.at("hc-hiratsuka");
  const int n =
      std::min<int>({filings, static_cast<int>(tama.size()), static_cast<int>(hiratsuka.size())});
  std::atomic<int> next{0};
  const auto date = iso_date(today);
  const double direct = timed(clients, [&](int) {
    for (int i = next++; i < n; i = next++) {
      file_directly(*database, clock, hiratsuka[i], demo.at("hc-hiratsuka").organisation.id, date);
    }
  });
  const auto token = token_for(*database, clock, demo.at("hc-tama"));
  std::atomic<int> filed{0}, refused{0};
  next = 0;
  const double api = timed(clients, [&](int) {
    Client client(server.port(), token);
    for (int i = next++; i < n; i = next++) {
      if (client.post("/api/v1/daily-reports/open",
                      fmt::format(R"({{"organisation_id":{}}})", tama[i])) != 200) {
        ++refused;
        continue;
      }
      const auto id = nlohmann::json::parse(client.answer())["id"].get<std::int64_t>();
      std::string counts;
      for (auto b : daily::kBrackets) {
        counts += fmt::format(R"({}"{}":{})", counts.empty() ? "" : ",", daily::name_of(b),
                              b == daily::Bracket::age_20s ? 3 : 0);
      }
      const int status = client.post(fmt::format("/api/v1/daily-reports/{}/submit", id),
                                     fmt::format(R"({{"counts":{{{}}},"channel":"fax"}})", counts));
      (status == 200 ? filed : refused)++;
    }
  });
  std::cout << fmt::format(
                   "| {} | filings (open + submit), {} clients | {:.0f} /s (direct) | {:.0f} /s "
                   "({} filed, {} refused) | {:.2f} |\n",
                   dialect, clients, n / direct, filed / api, filed.load(), refused.load(),
                   (filed / api) / (n / direct))
            << std::flush;

  // The area view as the health center, the prefecture and the ministry open it.
  for (const char* who : {"hc-tama", "tokyo", "ministry"}) {
    Client client(server.port(), token_for(*database, clock, demo.at(who)));
    std::vector<double> latencies;
    for (int i = 0; i < queries; ++i) {
      const auto begin = std::chrono::steady_clock::now();
      const int status = client.get(fmt::format("/api/v1/daily-reports/area?days={}", 7 + i % 24));
      latencies.push_back(Seconds(std::chrono::steady_clock::now() - begin).count() * 1000);
      if (status != 200) std::cerr << "area answered " << status << "\n";
    }
    const auto area = nlohmann::json::parse(client.answer());
    std::cout << fmt::format(
                     "| {} | area view as {} ({} reporters, up to 31 days) | | p50 {:.1f} ms, "
                     "p99 {:.1f} ms | |\n",
                     dialect, who, area["reporters"].get<std::int64_t>(),
                     percentile(latencies, 0.5), percentile(latencies, 0.99))
              << std::flush;
  }
  server.stop();
  server.wait();
  return 0;
}
