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

std::string iso_date(std::chrono::year_month_day day) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
      if (text[k] < '0' || text[k] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[k] - '0');
    }
  }
  using namespace std::chrono;
  const year_month_day day{year{parts[0]} / parts[1] / parts[2]};
  if (!day.ok()) return std::nullopt;
  return day;
}

}  // namespace hersys
