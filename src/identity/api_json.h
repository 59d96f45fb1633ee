#pragma once
// The identity models as JSON, for the feature's routes (api.cpp, admin_api.cpp).
#include <nlohmann/json.hpp>

#include "identity/model.h"
#include "identity/store.h"

namespace hersys::identity {

void to_json(nlohmann::json& j, const Organisation& o);
void to_json(nlohmann::json& j, const Account& a);
void to_json(nlohmann::json& j, const AccountStatus& a);
// An API token as listed to its owner and to its account's issuer (never the secret).
nlohmann::json token_json(const ApiToken& t);

}  // namespace hersys::identity
