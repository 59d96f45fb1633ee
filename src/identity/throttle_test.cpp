// The sign-in throttle's rules without a server (issue 19 items 2 and 7): delays, sources, the
// rate limit and the aggregation of repeated failures, on a manual clock.
#include "identity/throttle.h"

#include <gtest/gtest.h>

namespace hersys::identity {
namespace {

using namespace std::chrono_literals;
const Clock::time_point kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + 1h;

TEST(Throttle, DelaysGrowFromOneSecondToTheirCap) {
  EXPECT_EQ(failure_delay(2, 3, 30s), 0s);
  EXPECT_EQ(failure_delay(3, 3, 30s), 1s);
  EXPECT_EQ(failure_delay(4, 3, 30s), 2s);
  EXPECT_EQ(failure_delay(7, 3, 30s), 16s);
  EXPECT_EQ(failure_delay(8, 3, 30s), 30s);
  EXPECT_EQ(failure_delay(1000, 3, 30s), 30s);
}

TEST(Throttle, AnIpv6SourceIsItsSlash48) {
  EXPECT_EQ(source_of("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(source_of("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(source_of("2001:db8:1:2:aaaa::1"), "2001:db8:1::/48");
  EXPECT_EQ(source_of("2001:db8:1:2:bbbb::9"), source_of("2001:db8:1:2:aaaa::1"));
  EXPECT_EQ(source_of("2001:db8:1:ff00::9"), source_of("2001:db8:1:2:aaaa::1"));  // same site
  EXPECT_NE(source_of("2001:db8:2::9"), source_of("2001:db8:1:2:aaaa::1"));
  EXPECT_EQ(source_of("not an address"), "not an address");
}

// Review of issue 19 item 7: a spray of login ids from many sources keeps what is tracked (and
// the work per attempt) bounded, and the newest failures are the ones kept.
TEST(Throttle, ASprayOfLoginIdsAndSourcesStaysWithinTheBound) {
  ThrottleRules rules;
  rules.max_entries = 400;
  SignInThrottle throttle(rules);
  auto now = kNow;
  for (int i = 0; i < 20000; ++i) {
    const auto source = "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".1";
    throttle.admit(source, "guess-" + std::to_string(i), now);
    throttle.failed(source, "guess-" + std::to_string(i), now);
    now += 100ms;
  }
  EXPECT_LE(throttle.tracked(), rules.max_entries + 50);  // at most a second's worth over
  for (int i = 0; i < 4; ++i) throttle.failed("10.9.9.9", "victim", now);
  EXPECT_TRUE(throttle.admit("10.9.9.8", "victim", now).has_value());  // the newest are kept
}

TEST(Throttle, FailuresPerLoginIdDelayEverySourceAndASuccessClearsThem) {
  SignInThrottle t;
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(t.admit("a", "clinic01", kNow));
    t.failed("a", "clinic01", kNow);
  }
  EXPECT_EQ(t.admit("b", "clinic01", kNow), 1s);
  EXPECT_FALSE(t.admit("b", "clinic02", kNow));
  EXPECT_FALSE(t.admit("b", "clinic01", kNow + 1s));
  t.succeeded("clinic01");
  EXPECT_FALSE(t.admit("b", "clinic01", kNow + 1s));
  // Forgotten after a quiet quarter of an hour.
  for (int i = 0; i < 3; ++i) t.failed("a", "clinic03", kNow);
  t.failed("a", "clinic03", kNow + 16min);
  EXPECT_FALSE(t.admit("c", "clinic03", kNow + 16min));
}

TEST(Throttle, FailuresPerSourceDelayItOverEveryLoginId) {
  SignInThrottle t;
  for (int i = 0; i < 10; ++i) t.failed("a", "id" + std::to_string(i), kNow);
  EXPECT_EQ(t.admit("a", "another", kNow), 1s);
  EXPECT_FALSE(t.admit("b", "another", kNow));
  t.failed("a", "x", kNow + 1s);
  EXPECT_EQ(t.admit("a", "another", kNow + 1s), 2s);
}

TEST(Throttle, EachSourceHasABurstThenOneAttemptPerInterval) {
  SignInThrottle t({.source_burst = 3, .source_interval = 2s});
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(t.admit("a", "x", kNow)) << i;
  EXPECT_EQ(t.admit("a", "x", kNow), 2s);
  EXPECT_FALSE(t.admit("b", "x", kNow));
  EXPECT_FALSE(t.admit("a", "x", kNow + 2s));
  EXPECT_EQ(t.admit("a", "x", kNow + 3s), 1s);
}

TEST(RepeatedFailures, TheFirstIsWrittenTheRestCountedIntoOneSummary) {
  RepeatedFailures r(60s);
  audit::Event e;
  e.type = "auth.sign-in";
  e.detail = "unknown_login_id";
  EXPECT_TRUE(r.note("k", e, kNow));
  for (int i = 1; i <= 5; ++i) EXPECT_FALSE(r.note("k", e, kNow + std::chrono::seconds(i)));
  EXPECT_TRUE(r.note("other", e, kNow));
  EXPECT_TRUE(r.due(kNow + 59s).empty());
  const auto due = r.due(kNow + 60s);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].detail, "unknown_login_id; repeated 5 more times within 60 s");
  EXPECT_TRUE(r.note("k", e, kNow + 61s));  // a new window
  EXPECT_TRUE(r.flush().empty());
}

}  // namespace
}  // namespace hersys::identity
