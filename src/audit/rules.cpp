#include "audit/rules.h"

#include "platform/crypto/crypto.h"

namespace hersys::audit {
namespace {

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

void put(std::string& out, const std::optional<std::int64_t>& field) {
  put(out, field ? std::to_string(*field) : std::string("-"));
}

}  // namespace

std::string chain_hash(const Record& r) {
  const auto& e = r.event;
  std::string canonical = "hersys-audit-v1|";
  put(canonical, std::optional<std::int64_t>(r.id));
  put(canonical, r.recorded_at);
  put(canonical, name_of(e.action));
  put(canonical, e.type);
  put(canonical, e.account_id);
  put(canonical, e.organisation_id);
  put(canonical, e.resource_type);
  put(canonical, e.resource_id);
  put(canonical, e.patient_id);
  put(canonical, name_of(e.outcome));
  put(canonical, e.client_address);
  put(canonical, e.request_id);
  put(canonical, e.detail);
  put(canonical, r.previous_hash);
  return crypto::hash_hex(canonical);
}

}  // namespace hersys::audit
