#include "identity/administration.h"

#include <fmt/format.h>

#include <cctype>

#include "audit/store.h"
#include "identity/rules.h"
#include "platform/crypto/crypto.h"
#include "platform/http/problem.h"

namespace hersys::identity {
namespace {
using http::Problem;

Problem login_id_taken() {
  return Problem::invalid({{"login_id",
                            "taken",
                            {"このログインIDは既に使われています。",
                             "This login ID is already in use."}}});
}

audit::Event operator_event(const std::string& operator_name, audit::Action action,
                            std::string type) {
  auto e = audit_event(nullptr, {"cli", ""}, action, std::move(type));
  e.detail = "operator " + operator_name;
  return e;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<Organisation> Administration::directory(const Caller& caller,
                                                    const OrganisationFilter& filter, int limit) {
  // The directory is not personal data; the policy lets every kind read it nationally.
  if (!permits(caller.organisation.kind, caller.account.role, Action::read_organisation,
               Relation::national)) {
    throw Problem::forbidden();
  }
  auto session = database_.read();
  return list_organisations(session, filter, limit);
}

Organisation Administration::organisation(const Caller& caller, std::int64_t id,
                                          const Origin& origin) {
  std::optional<Organisation> found;
  {
    auto session = database_.read();
    found = find_organisation(session, id);
  }
  if (!found) throw Problem::not_found();
  require(database_, clock_, caller, origin, Action::read_organisation,
          relations_to(caller, *found), "Organization", std::to_string(id));
  return *found;
}

Organisation Administration::insert_organisation(Organisation input, const audit::Event& event) {
  auto errors = validate_organisation(input);
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  const auto now = clock_.now();
  // Two issuers creating at once may pick the same generated code: try the next one.
  for (int attempt = 0;; ++attempt) {
    auto organisation = input;
    if (organisation.code.empty()) {
      auto session = database_.read();
      organisation.code = next_organisation_code(session, code_prefix(organisation.kind),
                                                 organisation.prefecture_code);
    }
    try {
      auto tx = database_.write();
      organisation.id = identity::create_organisation(tx, organisation, now);
      auto e = event;
      e.action = audit::Action::create;
      e.resource_type = "Organization";
      e.resource_id = std::to_string(organisation.id);
      audit::append(tx, e, now);
      tx.commit();
      return organisation;
    } catch (const db::UniqueViolation&) {
      if (!input.code.empty() || attempt >= 3) {
        throw Problem::invalid({{"code",
                                 "taken",
                                 {"このコードは既に使われています。",
                                  "This code is already in use."}}});
      }
    }
  }
}

Organisation Administration::create_organisation(const Caller& caller, Organisation input,
                                                 const Origin& origin) {
  require(database_, clock_, caller, origin, Action::create_organisation,
          relations_to(caller, caller.organisation), "Organization", "");
  if (!may_create(caller.organisation.kind, input.kind)) {
    throw Problem::invalid({{"kind",
                             "not_allowed",
                             {"この種別の機関は作成できません。",
                              "Your organisation cannot create this kind of organisation."}}});
  }
  input.id = 0;
  input.code.clear();
  input.parent_id = caller.organisation.id;
  input.prefecture_code = caller.organisation.prefecture_code;
  input.city_health_center =
      input.kind == OrganisationKind::health_center && input.city_health_center;
  input.files_daily_reports =
      input.kind == OrganisationKind::medical_institution && input.files_daily_reports;
  return insert_organisation(
      std::move(input),
      audit_event(&caller, origin, audit::Action::create, "organisation.create"));
}

Organisation Administration::create_organisation(Organisation input,
                                                 const std::string& operator_name) {
  return insert_organisation(
      std::move(input),
      operator_event(operator_name, audit::Action::create, "organisation.create"));
}

IssuedAccount Administration::insert_account(const Organisation& organisation,
                                             const NewAccount& input,
                                             std::optional<std::int64_t> issued_by,
                                             const audit::Event& event) {
  FieldErrors errors;
  if (!input.login_id.empty()) errors = validate_login_id(input.login_id);
  for (auto& e : validate_display_name(input.display_name)) errors.push_back(std::move(e));
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  const auto now = clock_.now();
  for (int attempt = 0;; ++attempt) {
    auto login_id = input.login_id;
    if (login_id.empty()) {
      // The organisation's code and a number: "mi13-00001-03".
      auto session = database_.read();
      const auto count = session.query_one(
          "SELECT COUNT(*) FROM accounts WHERE organisation_id = ?", {organisation.id});
      login_id = fmt::format("{}-{:02}", lower(organisation.code),
                             count->integer(0) + 1 + attempt);
    }
    try {
      auto tx = database_.write();
      auto issued = issue_account(tx, organisation.id, login_id, input.display_name, input.role,
                                  issued_by, now);
      auto e = event;
      e.action = audit::Action::create;
      e.resource_type = "Account";
      e.resource_id = std::to_string(issued.account.id);
      audit::append(tx, e, now);
      tx.commit();
      return issued;
    } catch (const db::UniqueViolation&) {
      if (!input.login_id.empty() || attempt >= 3) throw login_id_taken();
    }
  }
}

IssuedAccount Administration::issue(const Caller& caller, std::int64_t organisation_id,
                                    const NewAccount& input, const Origin& origin) {
  const auto target = organisation(caller, organisation_id, origin);
  require(database_, clock_, caller, origin, Action::manage_accounts,
          relations_to(caller, target), "Organization", std::to_string(organisation_id));
  return insert_account(target, input, caller.account.id,
                        audit_event(&caller, origin, audit::Action::create, "account.issue"));
}

IssuedAccount Administration::issue(std::int64_t organisation_id, const NewAccount& input,
                                    const std::string& operator_name) {
  std::optional<Organisation> target;
  {
    auto session = database_.read();
    target = find_organisation(session, organisation_id);
  }
  if (!target) throw Problem::not_found();
  return insert_account(*target, input, std::nullopt,
                        operator_event(operator_name, audit::Action::create, "account.issue"));
}

std::vector<AccountStatus> Administration::accounts(const Caller& caller,
                                                    std::int64_t organisation_id,
                                                    const Origin& origin) {
  const auto target = organisation(caller, organisation_id, origin);
  require(database_, clock_, caller, origin, Action::manage_accounts,
          relations_to(caller, target), "Organization", std::to_string(organisation_id));
  auto session = database_.read();
  const auto scope = identity::scope(caller, Action::manage_accounts);
  return list_accounts(session, organisation_id, caller, scope);
}

AccountStatus Administration::managed_account(const Caller& caller, std::int64_t account_id,
                                              const Origin& origin) {
  std::optional<Credentials> credentials;
  std::optional<Organisation> owner;
  {
    auto session = database_.read();
    credentials = find_credentials(session, account_id);
    if (credentials) owner = find_organisation(session, credentials->account.organisation_id);
  }
  if (!credentials || !owner) throw Problem::not_found();
  require(database_, clock_, caller, origin, Action::manage_accounts,
          relations_to(caller, *owner), "Account", std::to_string(account_id));
  auto session = database_.read();
  const auto scope = identity::scope(caller, Action::manage_accounts);
  auto found = find_account_in_scope(session, account_id, caller, scope);
  if (!found) throw Problem::forbidden();  // the policy and the SQL scope disagree: refuse
  return *found;
}

void Administration::unlock(const Caller& caller, std::int64_t account_id, const Origin& origin) {
  managed_account(caller, account_id, origin);
  auto tx = database_.write();
  clear_failures(tx, account_id);
  audit::append(tx,
                audit_event(&caller, origin, audit::Action::update, "account.unlock", "Account",
                            std::to_string(account_id)),
                clock_.now());
  tx.commit();
}

IssuedAccount Administration::reset(const Caller& caller, std::int64_t account_id,
                                    const Origin& origin) {
  IssuedAccount reset{managed_account(caller, account_id, origin).account,
                      crypto::initial_password()};
  const auto hash = crypto::hash_password(reset.initial_password);
  const auto now = clock_.now();
  auto tx = database_.write();
  reset_account(tx, account_id, hash, now);
  audit::append(tx,
                audit_event(&caller, origin, audit::Action::update, "account.reset", "Account",
                            std::to_string(account_id)),
                now);
  tx.commit();
  reset.account.must_change_password = true;
  reset.account.totp_enrolled = false;
  reset.account.has_verified_phone = false;
  return reset;
}

std::vector<audit::Record> Administration::access_log(const Caller& caller,
                                                      std::int64_t before_id, int limit,
                                                      const Origin& origin) {
  const auto id = std::to_string(caller.organisation.id);
  require(database_, clock_, caller, origin, Action::read_access_log,
          relations_to(caller, caller.organisation), "AuditEvent", id);
  std::vector<audit::Record> records;
  {
    auto session = database_.read();
    records = audit::list(session, caller.organisation.id, before_id, limit);
  }
  audit::append(database_,
                audit_event(&caller, origin, audit::Action::read, "audit.read", "AuditEvent", id),
                clock_.now());
  return records;
}

}  // namespace hersys::identity
