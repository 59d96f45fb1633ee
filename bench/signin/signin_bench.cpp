// Sign-in floods against everyone else (issue 19 item 7): the latency of an authenticated read
// (GET /api/v1/organisations; an API token cannot use /auth/me) and of a patient search, idle and
// while FLOODERS clients send unknown-id sign-ins as fast as they are answered, each from a
// loopback address of its own (127.0.1.x, so the throttle per source applies) or from a new address
// for every request (127.x.y.z: a distributed flood that no throttle per source sees; only the
// bounded hashing pool helps). Compiles against the code before issue 19 too (only app, http and
// the demo are used), so the same program measures before and after. Prints Markdown rows for
// docs/performance.md.
//
// usage: bench_signin SQLITE_FILE SECONDS FLOODERS LABEL
#include <fmt/format.h>

#include <atomic>
#include <iostream>
#include <map>
#include <random>

#include "app/context.h"
#include "app/demo_patients.h"
#include "app/routes.h"
#include "bench_support.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/log/log.h"

using namespace hersys;
using namespace hersys::bench;

namespace {

// One sign-in attempt on a new connection from `from`; the status, or 0 when it failed.
int sign_in_from(const std::string& from, unsigned short port, const std::string& login_id) {
  try {
    boost::asio::io_context io;
    tcp::socket socket(io);
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(boost::asio::ip::make_address(from), 0));
    socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/api/v1/auth/sign-in", 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::content_type, "application/json");
    request.body() =
        nlohmann::json{{"login_id", login_id}, {"password", "not the password"}}.dump();
    request.prepare_payload();
    bhttp::write(socket, request);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response);
    return static_cast<int>(response.result_int());
  } catch (const std::exception&) {
    return 0;
  }
}

struct Latency {
  double p50 = 0, p90 = 0;
};

// Alternating GET /api/v1/organisations (a small authenticated read) and a search for `seconds`,
// one at a time, as one user would.
std::pair<Latency, Latency> measure(Client& client, double seconds) {
  std::vector<double> me, search;
  const auto until = std::chrono::steady_clock::now() + Seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    auto start = std::chrono::steady_clock::now();
    if (client.get("/api/v1/organisations") != 200)
      std::cerr << "organisations answered otherwise\n";
    me.push_back(Seconds(std::chrono::steady_clock::now() - start).count() * 1000);
    start = std::chrono::steady_clock::now();
    if (client.post("/api/v1/patients/search", R"({"name":"ヤマ"})") != 200) {
      std::cerr << "search answered otherwise: " << client.answer() << "\n";
    }
    search.push_back(Seconds(std::chrono::steady_clock::now() - start).count() * 1000);
  }
  return {{percentile(me, 0.5), percentile(me, 0.9)},
          {percentile(search, 0.5), percentile(search, 0.9)}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: bench_signin SQLITE_FILE SECONDS FLOODERS LABEL\n";
    return 2;
  }
  const std::string file = argv[1];
  const double seconds = std::stod(argv[2]);
  const int flooders = std::stoi(argv[3]);
  const std::string label = argv[4];

  log::init("warn");
  SystemClock clock;
  auto database = db::Database::open("sqlite:" + file, {});
  db::migrate(*database, clock);
  std::map<std::string, app::DemoSignIn> demo;
  for (auto& s : app::seed_demo(*database, clock)) demo.emplace(s.key, s);
  app::seed_demo_patients(*database, clock, 2000, 500, [](std::int64_t) {});

  http::Router router;
  app::Context context{*database, clock};
  app::register_routes(router, context);
  http::ServerOptions options;  // the defaults of `hersys serve`: 2 I/O threads, 8 workers
  options.port = 0;
  options.max_connections = 100000;
  http::Server server(options, router);
  server.start();
  const auto port = server.port();

  Client user(port, token_for(*database, clock, demo.at("hc-tama")));
  measure(user, 1);  // warm up
  const auto [idle_me, idle_search] = measure(user, seconds);

  auto row = [&](const std::string& what, Latency me, Latency search, const std::string& extra) {
    std::cout << fmt::format(
                     "| {} | {} | {:.1f} / {:.1f} ms | {:.1f}× | {:.1f} / {:.1f} ms | {:.1f}× | {} "
                     "|\n",
                     label, what, me.p50, me.p90, me.p50 / idle_me.p50, search.p50, search.p90,
                     search.p50 / idle_search.p50, extra)
              << std::flush;
  };
  row("idle", idle_me, idle_search, "");

  for (const bool distributed : {false, true}) {
    std::atomic<bool> stop = false;
    std::atomic<long> answered = 0, limited = 0, busy = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < flooders; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 rng(static_cast<unsigned>(t));
        long n = 0;
        while (!stop) {
          const auto from = distributed ? fmt::format("127.{}.{}.{}", 2 + rng() % 200, rng() % 256,
                                                      1 + rng() % 250)
                                        : fmt::format("127.0.1.{}", t + 1);
          const int status = sign_in_from(from, port, fmt::format("nobody-{}-{}", t, ++n));
          ++answered;
          if (status == 429) ++limited;
          if (status == 503) ++busy;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the flood is on
    const auto [me, search] = measure(user, seconds);
    const double rate = static_cast<double>(answered) / (seconds + 1);
    stop = true;
    for (auto& t : threads) t.join();
    row(fmt::format("{} flooders, {}", flooders,
                    distributed ? "a new source per request" : "one source each"),
        me, search,
        fmt::format("{:.0f} sign-ins/s answered, {:.0f} % 429, {:.0f} % 503", rate,
                    100.0 * static_cast<double>(limited) / std::max(1L, answered.load()),
                    100.0 * static_cast<double>(busy) / std::max(1L, answered.load())));
  }
  server.stop();
  server.wait();
  return 0;
}
