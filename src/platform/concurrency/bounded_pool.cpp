#include "platform/concurrency/bounded_pool.h"

#include <algorithm>

namespace hersys::concurrency {

BoundedPool::BoundedPool(unsigned threads, std::size_t max_queued) : max_queued_(max_queued) {
  threads = std::max(threads, 1u);
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

BoundedPool::~BoundedPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

bool BoundedPool::try_submit(std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    // Idle threads take work at once; beyond them, at most max_queued_ wait.
    const std::size_t idle = threads_.size() - std::min(running_, threads_.size());
    if (queue_.size() >= idle + max_queued_) return false;
    queue_.push_back(std::move(work));
  }
  ready_.notify_one();
  return true;
}

std::size_t BoundedPool::load() const {
  std::lock_guard lock(mutex_);
  return running_ + queue_.size();
}

unsigned BoundedPool::half_the_cores() {
  return std::max(1u, std::thread::hardware_concurrency() / 2);
}

void BoundedPool::loop() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      work = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    work();  // packaged tasks keep their exceptions for the waiting caller
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
  }
}

}  // namespace hersys::concurrency
