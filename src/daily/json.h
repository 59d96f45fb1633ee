#pragma once
// Daily reports as JSON: counts as an object keyed by bracket name ("age_0" ... "unknown").
#include <nlohmann/json.hpp>

#include "daily/model.h"
#include "daily/service.h"
#include "platform/http/body.h"

namespace hersys::daily {

nlohmann::json counts_json(const Counts& counts);
nlohmann::json to_json(const DailyReport& report);
nlohmann::json to_json(const Opened& opened);
nlohmann::json to_json(const History& history);
nlohmann::json to_json(const Area& area);
// The brackets in the form's order with their labels, for screens that draw the grid.
nlohmann::json brackets_json();

// The form's "counts" object: each bracket as read (nullopt when missing); other keys and
// values that are not whole numbers are errors on the body.
std::array<std::optional<std::int64_t>, kBracketCount> read_counts(const nlohmann::json& request,
                                                                   http::BodyReader& body);

}  // namespace hersys::daily
