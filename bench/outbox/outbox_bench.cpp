// Outbox throughput (SPEC NTF-3): how fast features can enqueue messages in their own
// transactions, and how fast one worker drains them (local sink, so the database is what is
// measured), against a baseline of bare write transactions on the same database in the same run.
//
// usage: bench_outbox DATABASE_URL [MESSAGES]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "notify/store.h"
#include "notify/worker.h"
#include "platform/db/migrations.h"
#include "platform/log/log.h"

using namespace hersys;
using Seconds = std::chrono::duration<double>;

template <typename Work>
double per_second(int n, Work work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return n / Seconds(std::chrono::steady_clock::now() - start).count();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATABASE_URL [MESSAGES]\n", argv[0]);
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 2000;
  auto database = db::Database::open(argv[1], {.pool_size = 4});
  spdlog::set_level(spdlog::level::warn);
  SystemClock clock;
  db::migrate(*database, clock);
  {
    auto tx = database->write();
    tx.execute_script(
        "CREATE TABLE IF NOT EXISTS bench_rows (id BIGINT PRIMARY KEY, value TEXT NOT NULL);"
        "DELETE FROM bench_rows; DELETE FROM outbox;");
    tx.commit();
  }

  // The least a committed message costs: one INSERT in its own transaction, then one UPDATE
  // in another (what claiming and recording an outcome must at least do).
  const double baseline = per_second(n, [&] {
    for (int i = 0; i < n; ++i) {
      {
        auto tx = database->write();
        tx.execute("INSERT INTO bench_rows (id, value) VALUES (?, 'x')", {std::int64_t{i}});
        tx.commit();
      }
      auto tx = database->write();
      tx.execute("UPDATE bench_rows SET value = 'y' WHERE id = ?", {std::int64_t{i}});
      tx.commit();
    }
  });
  const double enqueued = per_second(n, [&] {
    for (int i = 0; i < n; ++i) {
      auto tx = database->write();
      notify::enqueue(
          tx, {notify::Channel::email, "hc@example.jp", "新しい発生届", "HER-SYS ID 1", "bench"},
          clock.now());
      tx.commit();
    }
  });
  std::shared_ptr<notify::Transport> sink = notify::local_sink();
  notify::Worker worker(*database, clock, {sink, sink, sink});
  int delivered = 0;
  const double drained = per_second(n, [&] { delivered = worker.run_once(); });
  if (delivered != n) {
    std::fprintf(stderr, "delivered %d of %d\n", delivered, n);
    return 1;
  }
  std::printf("| %s | %d | %.0f | %.0f | %.0f | %.2f |\n", database->describe().c_str(), n,
              baseline, enqueued, drained, drained / baseline);
  return 0;
}
