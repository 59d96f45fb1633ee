#pragma once
// What the feature modules are given when the application wires them together.
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::app {

struct Context {
  db::Database& database;
  const Clock& clock;
};

}  // namespace hersys::app
