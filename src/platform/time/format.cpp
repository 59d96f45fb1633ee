#include "platform/time/format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>

namespace hersys {

std::string iso8601_utc(Clock::time_point t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  return fmt::format("{:%FT%T}.{:03d}Z", seconds, (ms - seconds).count());
}

std::optional<Clock::time_point> parse_iso8601_utc(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  char z = 0;
  const std::string copy(text);
  if (text.size() != 24 ||
      std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &sec, &ms,
                  &z) != 8 ||
      z != 'Z') {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day day{year{y} / mo / d};
  if (!day.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return sys_days{day} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms};
}

}  // namespace hersys
