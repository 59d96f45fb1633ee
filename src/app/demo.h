#pragma once
// Demo data (`hersys demo`): two prefectures, three health centers (one of a city), a hospital,
// two clinics, a follow-up organisation and the ministry, each with an administrator account
// that is ready to sign in (password set, authenticator enrolled). Idempotent: running it
// again prints the same sign-ins. Refused on a database that holds real organisations.
#include <stdexcept>
#include <string>
#include <vector>

#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::app {

struct DemoSignIn {
  std::string key;  // stable handle for scripts: "clinic", "hc-tama", ...
  identity::Organisation organisation;
  identity::Account account;
  std::string password;
  std::string totp_secret;  // raw bytes
};

// Thrown when the database is not a demo database.
class DemoRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Creates what is missing and returns every demo sign-in.
std::vector<DemoSignIn> seed_demo(db::Database& database, const Clock& clock);

}  // namespace hersys::app
