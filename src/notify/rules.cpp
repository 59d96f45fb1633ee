#include "notify/rules.h"

#include <algorithm>

namespace hersys::notify {
std::chrono::seconds retry_after(int attempts_so_far) {
  const int doublings = std::clamp(attempts_so_far - 1, 0, 7);  // 30 s * 2^7 = 64 min
  return std::min(std::chrono::seconds(30 << doublings), std::chrono::seconds(3600));
}

bool gives_up(int attempts, bool permanent) { return permanent || attempts >= kMaxAttempts; }

}  // namespace hersys::notify
