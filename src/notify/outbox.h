#pragma once
// Public: how a feature tells someone (SPEC NTF-1..3). A message is enqueued inside the
// transaction of the change that causes it, so it exists exactly when the change does; the
// outbox worker delivers it with retries, at least once.
#include <cstdint>

#include "notify/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::notify {

std::int64_t enqueue(db::Transaction& tx, const Message& message, Clock::time_point now);

}  // namespace hersys::notify
