#pragma once
// Throttling the password step of sign-in (SPEC AUTH-3, issue 19 items 2 and 7), in memory and
// per process (docs/operations.md says what that means behind a load balancer):
//   - a rate limit per source address (a token bucket: a burst, then one attempt per interval);
//   - growing delays after consecutive wrong passwords, per source (over every login id it tries)
//     and per login id (over every source), answered as 429 with Retry-After, never by sleeping
//     on a server thread;
//   - repeated identical failures (same source, same login id, same reason) written to the access
//     log once per window, with a count, instead of once each (RepeatedFailures).
// Keys are the login id as typed, known or not, so a throttled answer says nothing about which
// login ids exist. The lockout itself (per account and source, in the database) is sign_in.cpp's.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/model.h"
#include "platform/time/clock.h"

namespace hersys::identity {

struct ThrottleRules {
  // The rate limit per source: `source_burst` attempts at once, then one per `source_interval`.
  int source_burst = 30;
  std::chrono::seconds source_interval{2};
  // After this many consecutive failures from one source, the next attempt waits 1 s, then
  // 2 s, 4 s ... up to source_max_delay.
  int source_free_failures = 10;
  std::chrono::seconds source_max_delay{15 * 60};
  // The same per login id over all sources, with a short cap: it also delays the real user.
  int account_free_failures = 3;
  std::chrono::seconds account_max_delay{30};
  // Failures are forgotten this long after the last one.
  std::chrono::seconds forget_after{15 * 60};
  // At most this many sources and login ids are tracked; the oldest quiet ones go first.
  size_t max_entries = 200000;
};

// The delay before the next attempt after `failures` consecutive failures: none below `free`,
// then 1 s, doubling with each further failure, at most `max`.
std::chrono::seconds failure_delay(int failures, int free, std::chrono::seconds max);

// The source an address counts as: an IPv4 address itself (also when IPv4-mapped), an IPv6
// address's /48 (one host or site is often given a whole /48 or /56: counting /64s would let it
// act as thousands of sources).
std::string source_of(std::string_view client_address);

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleRules rules = {}) : rules_(rules) {}

  // Whether an attempt from `source` for `login_id` may go ahead now: nullopt, taking one from
  // the source's allowance, or how long to wait (at least 1 s).
  std::optional<std::chrono::seconds> admit(const std::string& source, const std::string& login_id,
                                            Clock::time_point now);
  // A wrong password, an unknown login id or a locked account.
  void failed(const std::string& source, const std::string& login_id, Clock::time_point now);
  // The correct password: the login id's failures are cleared (the source's are not: one account
  // an attacker controls must not reset the count of its guesses at others).
  void succeeded(const std::string& login_id);

  const ThrottleRules& rules() const { return rules_; }
  // How many sources, login ids and allowances are tracked (bounded by max_entries).
  size_t tracked();

 private:
  struct Failures {
    int count = 0;
    Clock::time_point last{};
  };
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated{};
  };
  void prune(Clock::time_point now);
  Clock::time_point pruned_{};

  ThrottleRules rules_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
  std::map<std::string, Failures> by_source_;
  std::map<std::string, Failures> by_login_;
};

// Aggregates repeated identical failures for the access log: the first of a kind in a window is
// written at once; the rest of the window are counted and written as one record at its end.
class RepeatedFailures {
 public:
  explicit RepeatedFailures(std::chrono::seconds window = std::chrono::seconds(60),
                            size_t max_kinds = 10000)
      : window_(window), max_kinds_(max_kinds) {}

  // Whether to write `event` now (the first of its kind in the window). When not, it is counted
  // for the window's summary. `kind` is source, login id and reason.
  bool note(const std::string& kind, const audit::Event& event, Clock::time_point now);
  // The summaries of windows ended by `now` (one event each, its detail saying how many more
  // there were); their kinds start afresh.
  std::vector<audit::Event> due(Clock::time_point now);
  // Every summary, ended or not (shutdown, tests).
  std::vector<audit::Event> flush() { return due(Clock::time_point::max()); }

 private:
  struct Window {
    Clock::time_point started;
    int repeats = 0;
    audit::Event last;
  };
  std::chrono::seconds window_;
  size_t max_kinds_;
  std::mutex mutex_;
  std::map<std::string, Window> windows_;
};

}  // namespace hersys::identity
