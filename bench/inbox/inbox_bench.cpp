// The health center's top page and inbox at volume (issue 14 item 4): latency of
// GET /api/v1/workbench (the day's counts) and GET /api/v1/reports/inbox (reports to confirm,
// newest first; the confirmed list, first and a deep page) with the database filled to
// PATIENTS synthetic patients (`hersys demo --patients`: reports older than two days are
// confirmed, so the inbox holds what the last days brought). The baseline, in the same run and
// on the same connection, is GET /api/v1/reports/defaults: a signed-in request that reads the
// caller and one row by primary key, so the ratio is what the counts and the list add. Prints
// Markdown rows.
//
// usage: bench_inbox DATABASE_URL PATIENTS REQUESTS
#include <fmt/format.h>

#include <iostream>

#include "app/context.h"
#include "app/demo.h"
#include "app/demo_patients.h"
#include "app/routes.h"
#include "bench_support.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/log/log.h"

namespace {
using namespace hersys;
using namespace hersys::bench;

struct Latency {
  double p50 = 0;
  double p99 = 0;
};

// `requests` GETs of `target`, taking turns with the baseline so that both meet the same
// database and cache: the target's latencies and the baseline's.
std::pair<Latency, Latency> measure(Client& client, const std::string& target, int requests) {
  std::vector<double> route, baseline;
  const auto time = [&](const std::string& path, std::vector<double>& into) {
    const auto start = std::chrono::steady_clock::now();
    const int status = client.get(path);
    into.push_back(Seconds(std::chrono::steady_clock::now() - start).count() * 1000);
    if (status != 200)
      std::cerr << path << " answered " << status << ": " << client.answer() << "\n";
  };
  for (int i = 0; i < requests; ++i) {
    time("/api/v1/reports/defaults", baseline);
    time(target, route);
  }
  return {{percentile(route, 0.5), percentile(route, 0.99)},
          {percentile(baseline, 0.5), percentile(baseline, 0.99)}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_inbox DATABASE_URL PATIENTS REQUESTS\n";
    return 2;
  }
  const std::string url = argv[1];
  const std::int64_t patients = std::stoll(argv[2]);
  const int requests = std::stoi(argv[3]);

  log::init("warn");
  SystemClock clock;
  auto database = db::Database::open(url, {.pool_size = 8});
  db::migrate(*database, clock);
  std::map<std::string, app::DemoSignIn> demo;
  for (auto& s : app::seed_demo(*database, clock)) demo.emplace(s.key, s);
  app::seed_demo_inbox(*database, clock);
  const auto dialect = database->dialect() == db::Dialect::sqlite ? "SQLite" : "PostgreSQL";

  std::int64_t have = 0;
  {
    auto session = database->read();
    have = session.query_one("SELECT COUNT(*) FROM patients")->integer(0);
  }
  if (have < patients) {
    const auto start = std::chrono::steady_clock::now();
    app::seed_demo_patients(*database, clock, patients - have, 500, [&](std::int64_t done) {
      if (done % 50'000 == 0)
        std::cerr << "\r" << dialect << " patients: " << have + done << std::flush;
    });
    std::cerr << fmt::format("\r{} filled to {} patients in {:.0f} s\n", dialect, patients,
                             Seconds(std::chrono::steady_clock::now() - start).count());
    have = patients;
  }
  if (database->dialect() == db::Dialect::postgresql) {
    auto tx = database->write();
    tx.execute("ANALYZE");
    tx.commit();
  }
  std::int64_t waiting = 0, confirmed = 0;
  {
    auto session = database->read();
    const auto area = demo.at("hc-tama").organisation.id;
    waiting = session
                  .query_one(
                      "SELECT COUNT(*) FROM reports WHERE area_health_center_id = ? AND "
                      "state = 'submitted'",
                      {area})
                  ->integer(0);
    confirmed = session
                    .query_one(
                        "SELECT COUNT(*) FROM reports WHERE area_health_center_id = ? AND "
                        "state = 'confirmed'",
                        {area})
                    ->integer(0);
  }
  std::cerr << fmt::format("{}: the Tama health center has {} reports to confirm, {} confirmed\n",
                           dialect, waiting, confirmed);

  http::Router router;
  app::Context context{*database, clock};
  app::register_routes(router, context);
  http::ServerOptions options;
  options.port = 0;
  http::Server server(options, router);
  server.start();

  const struct {
    const char* who;
    const char* target;
    const char* what;
  } cases[] = {
      {"hc-tama", "/api/v1/workbench", "top page counts, health center"},
      {"tokyo", "/api/v1/workbench", "top page counts, prefecture"},
      {"clinic", "/api/v1/workbench", "top page counts, clinic"},
      {"phi", "/api/v1/workbench", "top page counts, 地方衛生研究所"},
      {"hc-tama", "/api/v1/reports/inbox", "inbox, reports to confirm"},
      {"hc-tama", "/api/v1/reports/inbox?filter=confirmed", "inbox, confirmed, page 1"},
      {"hc-tama", "/api/v1/reports/inbox?filter=confirmed&page=50", "inbox, confirmed, page 50"},
      {"phi", "/api/v1/reports/inbox", "inbox, 地方衛生研究所 (prefecture, unchecked)"},
      {"tokyo", "/api/v1/reports/inbox?filter=confirmed", "inbox, prefecture, confirmed, page 1"},
  };
  for (const auto& c : cases) {
    Client client(server.port(), token_for(*database, clock, demo.at(c.who)));
    for (int i = 0; i < 20; ++i) client.get(c.target);  // warm
    const auto [route, baseline] = measure(client, c.target, requests);
    std::cout << fmt::format(
                     "| {} | {}, {} patients | p50 {:.1f} ms, p99 {:.1f} ms | p50 {:.1f} ms, "
                     "**p99 {:.1f} ms** | {:.1f} |\n",
                     dialect, c.what, have, baseline.p50, baseline.p99, route.p50, route.p99,
                     route.p99 / baseline.p99)
              << std::flush;
  }
  server.stop();
  server.wait();
  return 0;
}
