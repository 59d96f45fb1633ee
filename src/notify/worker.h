#pragma once
// The outbox worker inside `hersys serve`: claims due messages, hands them to the transport of
// their channel, and records the outcome, retrying failures with back-off (rules.h).
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "notify/store.h"
#include "notify/transports.h"

namespace hersys::notify {

struct WorkerOptions {
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::seconds lease{120};  // longer than any transport's timeout
};

class Worker {
 public:
  Worker(db::Database& database, const Clock& clock, Transports transports,
         WorkerOptions options = {});
  ~Worker();  // stops the thread, if started
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Delivers on a thread of its own until stop().
  void start();
  // Finishes the delivery in hand, then returns.
  void stop();
  // Delivers every message due now, one by one; returns how many were tried.
  int run_once();

 private:
  Transport& transport_for(Channel channel) const;
  void deliver(const Claim& claim);

  db::Database& database_;
  const Clock& clock_;
  Transports transports_;
  WorkerOptions options_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace hersys::notify
