#include "platform/db/pool.h"

namespace hersys::db {

ConnectionPool::ConnectionPool(Factory factory, size_t max_size,
                               std::chrono::milliseconds acquire_timeout)
    : factory_(std::move(factory)),
      max_size_(std::max<size_t>(1, max_size)),
      acquire_timeout_(acquire_timeout) {}

Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, acquire_timeout_,
                           [this] { return !idle_.empty() || open_ < max_size_; })) {
    throw Busy("no database connection became free in time");
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, factory_());
  } catch (...) {
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  const bool keep = connection->healthy();
  if (!keep) connection.reset();  // close outside the lock
  std::lock_guard lock(mutex_);
  if (keep) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  available_.notify_one();
}

}  // namespace hersys::db
