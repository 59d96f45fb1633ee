#pragma once
// The top page's counts as JSON (docs/openapi.yaml Workbench).
#include <nlohmann/json.hpp>

#include "workbench/model.h"

namespace hersys::workbench {

void to_json(nlohmann::json& j, const Count& count);
void to_json(nlohmann::json& j, const Counts& counts);

}  // namespace hersys::workbench
