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

std::string_view to_string(Action action) {
  switch (action) {
    case Action::create:
      return "C";
    case Action::read:
      return "R";
    case Action::update:
      return "U";
    case Action::remove:
      return "D";
    case Action::execute:
      return "E";
  }
  return "E";
}

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::success:
      return "success";
    case Outcome::denied:
      return "denied";
    case Outcome::failure:
      return "failure";
  }
  return "failure";
}

std::optional<Action> action_from(std::string_view code) {
  for (auto a : {Action::create, Action::read, Action::update, Action::remove, Action::execute}) {
    if (to_string(a) == code) return a;
  }
  return std::nullopt;
}

std::optional<Outcome> outcome_from(std::string_view name) {
  for (auto o : {Outcome::success, Outcome::denied, Outcome::failure}) {
    if (to_string(o) == name) return o;
  }
  return std::nullopt;
}

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
