#include "identity/directory.h"

#include <stdexcept>
#include <string>

#include "identity/store.h"

namespace hersys::identity {

Organisation organisation(db::Session& session, std::int64_t id) {
  auto found = find_organisation(session, id);
  if (!found) throw std::runtime_error("organisation " + std::to_string(id) + " vanished");
  return *found;
}

std::optional<Organisation> prefecture_of_city(db::Session& session, const Organisation& hc) {
  if (!hc.city_health_center) return std::nullopt;
  OrganisationFilter filter;
  filter.kind = OrganisationKind::prefecture;
  filter.prefecture_code = hc.prefecture_code;
  auto found = list_organisations(session, filter, 1);
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace hersys::identity
