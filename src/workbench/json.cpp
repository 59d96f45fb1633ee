#include "workbench/json.h"

namespace hersys::workbench {

void to_json(nlohmann::json& j, const Count& c) {
  j = {{"kind", name_of(c.kind)}, {"count", c.count}, {"capped", c.capped}};
}

void to_json(nlohmann::json& j, const Counts& c) { j = {{"date", c.date}, {"counts", c.counts}}; }

}  // namespace hersys::workbench
