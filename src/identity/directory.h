#pragma once
// Public: the directory of organisations as other features read it (not personal data): who
// an id is, and which prefecture a city health center still tells (REP-4, Q&A 4, 8).
#include <optional>

#include "identity/model.h"
#include "platform/db/database.h"

namespace hersys::identity {

std::optional<Organisation> find_organisation(db::Session& session, std::int64_t id);
// The organisation `id`, which the caller knows exists (a foreign key): throws when it does not.
Organisation organisation(db::Session& session, std::int64_t id);
// The prefecture a city health center also tells; nullopt for any other organisation.
std::optional<Organisation> prefecture_of_city(db::Session& session, const Organisation& hc);

}  // namespace hersys::identity
