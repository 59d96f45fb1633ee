// issue 19 item 7: the bounded pool refuses work at once when full instead of queueing forever.
#include "platform/concurrency/bounded_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>

namespace hersys::concurrency {
namespace {

using namespace std::chrono_literals;

TEST(BoundedPoolTest, RunsWorkOnItsOwnThreadAndReturnsTheResult) {
  BoundedPool pool(1, 2);
  const auto caller = std::this_thread::get_id();
  EXPECT_NE(pool.run([] { return std::this_thread::get_id(); }), caller);
  EXPECT_EQ(pool.run([] { return 6 * 7; }), 42);
  EXPECT_THROW(pool.run([]() -> int { throw std::runtime_error("x"); }), std::runtime_error);
}

TEST(BoundedPoolTest, RefusesAtOnceWhenThreadsAndQueueAreFull_Issue19Item7) {
  BoundedPool pool(1, 2);
  std::latch release(1);
  std::atomic<int> done = 0;
  // One running and two queued fill it.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(pool.try_submit([&] {
      release.wait();
      ++done;
    })) << i;
  }
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(pool.try_submit([] {}));
  EXPECT_THROW(pool.run([] { return 1; }), PoolSaturated);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 100ms);  // refused, not queued
  EXPECT_EQ(pool.load(), 3u);
  release.count_down();
  while (pool.load() > 0) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(done, 3);
  EXPECT_EQ(pool.run([] { return 1; }), 1);  // takes work again
}

TEST(BoundedPoolTest, FinishesQueuedWorkWhenDestroyed) {
  std::atomic<int> done = 0;
  {
    BoundedPool pool(2, 8);
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(pool.try_submit([&] { ++done; }));
  }
  EXPECT_EQ(done, 6);
}

TEST(BoundedPoolTest, HalfTheCoresIsAtLeastOne) { EXPECT_GE(BoundedPool::half_the_cores(), 1u); }

}  // namespace
}  // namespace hersys::concurrency
