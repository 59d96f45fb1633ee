#include "identity/api_json.h"

#include "identity/rules.h"

namespace hersys::identity {
using nlohmann::json;

void to_json(json& j, const Organisation& o) {
  j = {{"id", o.id},
       {"kind", name_of(o.kind)},
       {"code", o.code},
       {"name", o.name},
       {"address", o.address},
       {"email", o.email},
       {"prefecture_code", o.prefecture_code},
       {"municipality_code", o.municipality_code},
       {"parent_id", o.parent_id ? json(*o.parent_id) : json(nullptr)},
       {"city_health_center", o.city_health_center},
       {"files_daily_reports", o.files_daily_reports},
       {"phone", o.phone},
       {"contact_person", o.contact_person},
       {"retired", o.retired_at.has_value()},
       {"retired_at", o.retired_at ? json(*o.retired_at) : json(nullptr)},
       {"version", o.version},
       {"public_health_institute", o.public_health_institute}};
}

void to_json(json& j, const Account& a) {
  j = {{"id", a.id},
       {"organisation_id", a.organisation_id},
       {"login_id", a.login_id},
       {"display_name", a.display_name},
       {"role", name_of(a.role)}};
}

void to_json(json& j, const AccountStatus& a) {
  to_json(j, a.account);
  j["must_change_password"] = a.account.must_change_password;
  j["second_factor"] = a.account.totp_enrolled || a.account.has_verified_phone;
  j["failed_attempts"] = a.failed_attempts;
  j["locked_until"] = a.locked_until ? json(*a.locked_until) : json(nullptr);
  j["disabled"] = a.account.disabled;
  j["created_at"] = a.created_at;
}

nlohmann::json token_json(const ApiToken& t) {
  nlohmann::json j = {{"id", t.id},
                      {"name", t.name},
                      {"created_at", t.created_at},
                      {"expires_at", t.expires_at},
                      {"revoked", t.revoked}};
  j["last_used_at"] = t.last_used_at ? nlohmann::json(*t.last_used_at) : nlohmann::json(nullptr);
  return j;
}

}  // namespace hersys::identity
