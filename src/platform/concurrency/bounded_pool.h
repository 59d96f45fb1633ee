#pragma once
// A small pool of threads of its own with a bounded queue, for CPU-heavy work that must not take
// every thread of the server (password hashing, issue 19 item 7). When the queue is full, work
// is refused at once (PoolSaturated) instead of waiting: the caller answers "busy, retry after"
// while the server's other threads keep serving everyone else.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "platform/errors.h"

namespace hersys::concurrency {

// The pool's queue is full: retry later. Answered as Problem::busy() (503 + Retry-After) when
// nobody catches it first.
class PoolSaturated : public TemporarilyUnavailable {
 public:
  PoolSaturated() : TemporarilyUnavailable("the bounded pool is saturated") {}
};

class BoundedPool {
 public:
  // `threads` (at least 1) run the work; at most `max_queued` more wait for one.
  BoundedPool(unsigned threads, std::size_t max_queued);
  ~BoundedPool();  // finishes the queued work, then joins
  BoundedPool(const BoundedPool&) = delete;
  BoundedPool& operator=(const BoundedPool&) = delete;

  // Queues `work`; false (and nothing queued) when every thread is busy and the queue is full.
  bool try_submit(std::function<void()> work);

  // Runs `f` on the pool and waits for its result (or its exception). Throws PoolSaturated
  // when it cannot be queued.
  template <class F>
  std::invoke_result_t<F> run(F&& f) {
    using R = std::invoke_result_t<F>;
    auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(f));
    auto result = task->get_future();
    if (!try_submit([task] { (*task)(); })) throw PoolSaturated();
    return result.get();
  }

  unsigned threads() const { return static_cast<unsigned>(threads_.size()); }
  std::size_t max_queued() const { return max_queued_; }
  // Work running or waiting now.
  std::size_t load() const;

  // Half the cores (at least one): what password hashing may take.
  static unsigned half_the_cores();

 private:
  void loop();

  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace hersys::concurrency
