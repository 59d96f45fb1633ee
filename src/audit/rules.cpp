#include "audit/rules.h"

#include "platform/crypto/crypto.h"
#include "platform/enum_names.h"

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

constexpr EnumNames<Action, 5> kActions{{{
    {Action::create, "C"},
    {Action::read, "R"},
    {Action::update, "U"},
    {Action::remove, "D"},
    {Action::execute, "E"},
}}};
constexpr EnumNames<Outcome, 3> kOutcomes{{{
    {Outcome::success, "success"},
    {Outcome::denied, "denied"},
    {Outcome::failure, "failure"},
}}};

}  // namespace

std::string_view to_string(Action action) { return kActions.name(action); }
std::string_view to_string(Outcome outcome) { return kOutcomes.name(outcome); }
std::optional<Action> action_from(std::string_view code) { return kActions.parse(code); }
std::optional<Outcome> outcome_from(std::string_view name) { return kOutcomes.parse(name); }

std::string chain_hash(const Record& r) {
  const auto& e = r.event;
  std::string canonical = "hersys-audit-v1|";
  put(canonical, std::optional<std::int64_t>(r.id));
  put(canonical, r.recorded_at);
  put(canonical, to_string(e.action));
  put(canonical, e.type);
  put(canonical, e.account_id);
  put(canonical, e.organisation_id);
  put(canonical, e.resource_type);
  put(canonical, e.resource_id);
  put(canonical, e.patient_id);
  put(canonical, to_string(e.outcome));
  put(canonical, e.client_address);
  put(canonical, e.request_id);
  put(canonical, e.detail);
  put(canonical, r.previous_hash);
  return crypto::hash_hex(canonical);
}

}  // namespace hersys::audit
