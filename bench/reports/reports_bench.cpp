// Occurrence reports under load (issue 4): submissions per second through the API with N
// concurrent clients, against a baseline of the same rows inserted directly (one transaction
// per report, the same number of threads) in the same run; then search latency through the API
// with the database filled to a given number of patients. Prints Markdown table rows.
//
// usage: bench_reports DATABASE_URL SUBMISSIONS CLIENTS SEARCH_PATIENTS SEARCHES
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <random>
#include <thread>

#include "app/context.h"
#include "app/demo.h"
#include "app/demo_patients.h"
#include "app/routes.h"
#include "audit/store.h"
#include "bench_support.h"
#include "cases/json.h"
#include "cases/search_keys.h"
#include "cases/store.h"
#include "identity/store.h"
#include "notify/store.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/log/log.h"
#include "platform/time/format.h"

namespace {
using namespace hersys;
using namespace hersys::bench;

// The baseline: one submission's rows written straight through the stores in one transaction,
// every row the API writes for it (the patient with who reaches it and its search terms, the
// report, its submission, both versions, the e-mail to the health center and the access-log
// record), without HTTP, sign-in, validation, the look-alike check or the JSON.
void insert_directly(db::Database& database, const Clock& clock, const app::SyntheticCase& c,
                     const app::DemoSignIn& clinic, const identity::Organisation& area) {
  const auto at = iso8601_utc(clock.now());
  auto tx = database.write();
  cases::Patient p;
  p.identity = c.patient;
  p.created_by = clinic.organisation.id;
  p.area_health_center_id = area.id;
  p.responsible_health_center_id = area.id;
  p.reported_on = c.report.diagnosis_date;
  p.created_at = p.updated_at = at;
  cases::insert_patient(tx, p);
  cases::assign_hersys_id(tx, p);
  cases::Report r;
  r.patient_id = p.id;
  r.reporter_id = clinic.organisation.id;
  r.area_health_center_id = area.id;
  r.state = cases::ReportState::submitted;
  r.fields = c.report;
  r.created_at = r.updated_at = at;
  cases::insert_report(tx, r);
  cases::add_submission(tx, r.id, *r.fields.diagnosis_class, at, clinic.account.id);
  audit::add_versions(tx,
                      {{p.id, "patient", p.id, 1, "patient.create", cases::patient_document(p),
                        clinic.account.id, clinic.organisation.id, at},
                       {p.id, "report", r.id, 1, "report.submit", nlohmann::json(r.fields).dump(),
                        clinic.account.id, clinic.organisation.id, at}});
  notify::enqueue(tx,
                  {notify::Channel::email, area.email, "【HER-SYS】発生届が提出されました",
                   "HER-SYS ID: " + p.hersys_id, "case.report_submitted"},
                  clock.now());
  audit::Event e;
  e.action = audit::Action::create;
  e.type = "report.submit";
  e.account_id = clinic.account.id;
  e.organisation_id = clinic.organisation.id;
  e.resource_type = "OccurrenceReport";
  e.resource_id = std::to_string(r.id);
  e.patient_id = std::to_string(p.id);
  audit::append(tx, e, clock.now());
  tx.commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: bench_reports DATABASE_URL SUBMISSIONS CLIENTS SEARCH_PATIENTS SEARCHES\n";
    return 2;
  }
  const std::string url = argv[1];
  const int submissions = std::stoi(argv[2]);
  const int clients = std::stoi(argv[3]);
  const std::int64_t search_patients = std::stoll(argv[4]);
  const int searches = std::stoi(argv[5]);

  log::init("warn");  // no line per request in the figures
  SystemClock clock;
  auto database = db::Database::open(url, {.pool_size = static_cast<size_t>(clients) + 4});
  db::migrate(*database, clock);
  std::map<std::string, app::DemoSignIn> demo;
  for (auto& s : app::seed_demo(*database, clock)) demo.emplace(s.key, s);
  const auto today = tokyo_date(clock.now());
  const auto dialect = database->dialect() == db::Dialect::sqlite ? "SQLite" : "PostgreSQL";

  http::Router router;
  app::Context context{*database, clock};
  app::register_routes(router, context);
  http::ServerOptions options;
  options.port = 0;
  http::Server server(options, router);
  server.start();

  // Bodies made before the clock starts, of people not yet in the database (a rerun on the same
  // database would otherwise meet its own patients as look-alikes).
  std::uint64_t first = 50'000'000;
  {
    auto session = database->read();
    first +=
        static_cast<std::uint64_t>(session.query_one("SELECT COUNT(*) FROM patients")->integer(0));
  }
  std::vector<std::string> bodies;
  for (int i = 0; i < submissions; ++i) {
    const auto c = app::synthetic_case(first + static_cast<std::uint64_t>(i), today);
    nlohmann::json body = c.report;
    body["patient"] = c.patient;
    body["submit"] = true;
    bodies.push_back(body.dump());
  }

  // Baseline and API file as many people each (different ones, or the API would meet the
  // baseline's as look-alikes), taking turns in rounds so that a growing database or a
  // background vacuum weighs on both alike.
  constexpr int kRounds = 4;
  const auto& clinic = demo.at("clinic");
  const auto& area = demo.at("hc-tama").organisation;
  std::vector<app::SyntheticCase> cases;
  for (int i = 0; i < submissions; ++i) {
    cases.push_back(
        app::synthetic_case(first + static_cast<std::uint64_t>(submissions + i), today));
  }
  const auto token = token_for(*database, clock, clinic);
  std::atomic<int> next{0}, created{0}, refused{0};
  double direct = 0, api = 0;
  for (int round = 0; round < kRounds; ++round) {
    const int begin = submissions * round / kRounds;
    const int end = submissions * (round + 1) / kRounds;
    next = begin;
    direct += timed(clients, [&](int) {
      for (int i = next++; i < end; i = next++)
        insert_directly(*database, clock, cases[i], clinic, area);
    });
    next = begin;
    api += timed(clients, [&](int) {
      Client client(server.port(), token);
      for (int i = next++; i < end; i = next++) {
        (client.post("/api/v1/reports", bodies[i]) == 201 ? created : refused)++;
      }
    });
  }
  const double direct_rate = submissions / direct;
  const double api_rate = created / api;
  std::cout << fmt::format(
                   "| {} | submissions, {} clients | {:.0f} /s (direct insert) | {:.0f} /s ({} "
                   "filed, {} refused) | {:.2f} |\n",
                   dialect, clients, direct_rate, api_rate, created.load(), refused.load(),
                   api_rate / direct_rate)
            << std::flush;

  // Search at scale: fill up to SEARCH_PATIENTS, then partial-kana searches as a user types them.
  std::int64_t have = 0;
  {
    auto session = database->read();
    have = session.query_one("SELECT COUNT(*) FROM patients")->integer(0);
  }
  if (have < search_patients) {
    const auto start = std::chrono::steady_clock::now();
    app::seed_demo_patients(*database, clock, search_patients - have, 500, [&](std::int64_t done) {
      if (done % 50'000 == 0)
        std::cerr << "\r" << dialect << " patients: " << have + done << std::flush;
    });
    std::cerr << fmt::format("\r{} filled to {} patients in {:.0f} s\n", dialect, search_patients,
                             Seconds(std::chrono::steady_clock::now() - start).count());
  }
  std::mt19937 rng(42);
  for (const char* who : {"hc-tama", "clinic"}) {
    if (searches == 0) break;  // a submissions-only run
    Client client(server.port(), token_for(*database, clock, demo.at(who)));
    std::vector<double> latencies;
    for (int i = 0; i < searches; ++i) {
      const auto person = app::synthetic_case(rng() % 1'000'000, today).patient;
      // A part of the reading, as typed: two or three characters from somewhere in it.
      const auto key = *cases::kana_key(person.kana);
      const auto cut = [&](size_t chars) {
        std::vector<size_t> starts;
        for (size_t k = 0; k < key.size(); ++k)
          if ((static_cast<unsigned char>(key[k]) & 0xC0) != 0x80) starts.push_back(k);
        const size_t from = rng() % (starts.size() - chars + 1);
        const size_t end = from + chars < starts.size() ? starts[from + chars] : key.size();
        return key.substr(starts[from], end - starts[from]);
      };
      const auto query = nlohmann::json{{"name", cut(2 + rng() % 2)}}.dump();
      const auto start = std::chrono::steady_clock::now();
      const int status = client.post("/api/v1/patients/search", query);
      latencies.push_back(Seconds(std::chrono::steady_clock::now() - start).count() * 1000);
      if (status != 200) std::cerr << "search answered " << status << "\n";
    }
    std::cout << fmt::format(
                     "| {} | partial-kana search as {}, {} patients | p50 {:.1f} ms | p99 {:.1f} "
                     "ms | |\n",
                     dialect, who, std::max(have, search_patients), percentile(latencies, 0.5),
                     percentile(latencies, 0.99))
              << std::flush;
  }
  server.stop();
  server.wait();
  return 0;
}
