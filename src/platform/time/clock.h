#pragma once
// The one source of "now". Code that depends on the time takes a Clock&, so tests set the time
// (the daily report's business day, midnight rollover, code expiry).
#include <atomic>
#include <chrono>

namespace hersys {

class Clock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  time_point now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(time_point start) : now_(start.time_since_epoch().count()) {}
  time_point now() const override { return time_point(time_point::duration(now_.load())); }
  void set(time_point t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::system_clock::duration d) { now_ += d.count(); }

 private:
  std::atomic<time_point::rep> now_;
};

// Asia/Tokyo has no daylight saving time: the business day is UTC+9.
inline constexpr std::chrono::hours kTokyoOffset{9};

// A calendar date (a birth date, the day of a report).
using Day = std::chrono::year_month_day;

// The calendar date of `t` in Asia/Tokyo (the business day, SPEC DAY-3).
inline Day tokyo_date(Clock::time_point t) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t + kTokyoOffset));
}

}  // namespace hersys
