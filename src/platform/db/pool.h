#pragma once
// A bounded pool of connections, opened on demand. Thread-safe. A connection that reports
// itself unhealthy when given back is closed, and a new one opened when next needed.
#include <condition_variable>
#include <functional>
#include <mutex>

#include "platform/db/database.h"

namespace hersys::db {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  ConnectionPool(Factory factory, size_t max_size, std::chrono::milliseconds acquire_timeout);

  // Waits up to the acquire timeout for a connection; throws Busy past it, or Error when a new
  // connection cannot be opened.
  Lease acquire();
  void give_back(std::unique_ptr<Connection> connection);

 private:
  Factory factory_;
  size_t max_size_;
  std::chrono::milliseconds acquire_timeout_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;
};

}  // namespace hersys::db
