#pragma once
// Outbox rules: names of channels and statuses, and the retry back-off.
#include <chrono>
#include <optional>
#include <string_view>

#include "notify/model.h"

namespace hersys::notify {

// A failed delivery is retried after 30 s, doubling up to an hour between tries; after
// kMaxAttempts tries (about 8 hours in all) the message is marked failed.
inline constexpr int kMaxAttempts = 12;
std::chrono::seconds retry_after(int attempts_so_far);
// Whether a failed try, the `attempts`-th, ends the message's tries for good.
bool gives_up(int attempts, bool permanent);

}  // namespace hersys::notify
