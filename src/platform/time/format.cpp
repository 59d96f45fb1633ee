#include "platform/time/format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace hersys {

std::string iso8601_utc(Clock::time_point t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  return fmt::format("{:%FT%T}.{:03d}Z", seconds, (ms - seconds).count());
}

}  // namespace hersys
