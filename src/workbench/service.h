#pragma once
// The top page's counts (issue 14 item 1), read from each feature's public counts header when
// asked: never cached, so a number is right after every change. Counts are not personal data
// (ACL-6); each one covers only what the caller's role reaches, so there is nothing to refuse.
#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"
#include "workbench/model.h"

namespace hersys::workbench {

class Workbench {
 public:
  Workbench(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Counts counts(const identity::Caller& caller);

 private:
  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::workbench
