#include "identity/administration.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

#include "audit/log.h"
#include "identity/account_import.h"
#include "identity/lockout_store.h"
#include "identity/rules.h"
#include "platform/concurrency/bounded_pool.h"
#include "platform/crypto/crypto.h"
#include "platform/errors.h"
#include "platform/time/format.h"

namespace hersys::identity {
namespace {

Problem login_id_taken() {
  return Problem::invalid(
      {{"login_id",
        "taken",
        {"このログインIDは既に使われています。", "This login ID is already in use."}}});
}

Problem organisation_retired() {
  return Problem(ProblemKind::conflict, "organisation_retired",
                 {"この機関は利用を終了しています。", "This organisation is retired."});
}

audit::Event operator_event(const std::string& operator_name, audit::Action action,
                            std::string type) {
  auto e = audit_event(nullptr, {"cli", ""}, action, std::move(type));
  e.detail = "operator " + operator_name;
  return e;
}

// The filter of an export as its access-log record names it (ids and codes, no personal data).
std::string describe(const audit::Filter& f) {
  std::string out = "filter";
  if (!f.from.empty()) out += " from " + f.from;
  if (!f.until.empty()) out += " until " + f.until;
  if (f.type) out += fmt::format(" type {}", audit::name_of(*f.type));
  if (f.account_id) out += fmt::format(" account {}", *f.account_id);
  if (f.resource_type) out += fmt::format(" resource {}", audit::name_of(*f.resource_type));
  if (f.outcome) out += fmt::format(" outcome {}", audit::name_of(*f.outcome));
  return out == "filter" ? "filter none" : out;
}

}  // namespace

Administration::Secret Administration::Secret::make() {
  Secret secret{crypto::initial_password(), {}};
  secret.hash = crypto::hash_password(secret.text);
  return secret;
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

namespace {
// The directory is not personal data, but its 担当者 is a named member of staff: shown to the
// organisation itself and to the one that registered it (which edits it), empty to others.
Organisation as_seen_by(const Caller& caller, Organisation o) {
  const auto relations = relations_to(caller, o);
  const auto either = [&](Relation r) {
    return std::find(relations.begin(), relations.end(), r) != relations.end();
  };
  if (!either(Relation::own) && !either(Relation::child)) o.contact_person.clear();
  return o;
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
  auto found = list_organisations(session, filter, limit);
  for (auto& o : found) o = as_seen_by(caller, std::move(o));
  return found;
}

Organisation Administration::organisation(const Caller& caller, std::int64_t id,
                                          const Origin& origin) {
  std::optional<Organisation> found;
  {
    auto session = database_.read();
    found = find_organisation(session, id);
  }
  if (!found || !permits(caller, Action::read_organisation, relations_to(caller, *found))) {
    not_yours_or_not_there(caller, origin, Action::read_organisation, "Organization", id);
  }
  return as_seen_by(caller, *found);
}

void Administration::not_yours_or_not_there(const Caller& caller, const Origin& origin,
                                            Action action, const std::string& resource_type,
                                            std::int64_t id) {
  refuse_as_missing(database_, clock_, caller, origin, action, resource_type, std::to_string(id));
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
      // A 地方衛生研究所 registered after patients exist reaches them at once (issue 14 item 1).
      if (organisation.public_health_institute && hooks_.institute_changed) {
        hooks_.institute_changed(tx, organisation);
      }
      auto e = event;
      e.action = audit::Action::create;
      e.resource_type = "Organization";
      e.resource_id = std::to_string(organisation.id);
      audit::append(tx, e, now);
      tx.commit();
      return organisation;
    } catch (const db::UniqueViolation&) {
      if (!input.code.empty() || attempt >= 3) {
        throw Problem::invalid(
            {{"code",
              "taken",
              {"このコードは既に使われています。", "This code is already in use."}}});
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
  input.public_health_institute =  // 地方衛生研究所: a prefecture's (issue 14 item 3)
      input.kind == OrganisationKind::health_center && input.public_health_institute;
  return insert_organisation(
      std::move(input), audit_event(&caller, origin, audit::Action::create, "organisation.create"));
}

Organisation Administration::registered_by_caller(const Caller& caller, std::int64_t id,
                                                  const Origin& origin) {
  const auto target = organisation(caller, id, origin);
  // Only through `child`: an issuer edits what it registered, never itself.
  const std::vector<Relation> relations = target.parent_id == caller.organisation.id
                                              ? std::vector<Relation>{Relation::child}
                                              : std::vector<Relation>{};
  if (!permits(caller, Action::create_organisation, relations)) {
    not_yours_or_not_there(caller, origin, Action::create_organisation, "Organization", id);
  }
  return target;
}

Organisation Administration::update_organisation(const Caller& caller, std::int64_t id,
                                                 const OrganisationEdit& edit,
                                                 const Origin& origin) {
  auto organisation = registered_by_caller(caller, id, origin);
  organisation.name = edit.name;
  organisation.address = edit.address;
  organisation.email = edit.email;
  organisation.phone = edit.phone;
  organisation.contact_person = edit.contact_person;
  if (edit.municipality_code) organisation.municipality_code = *edit.municipality_code;
  organisation.files_daily_reports =
      organisation.kind == OrganisationKind::medical_institution && edit.files_daily_reports;
  const bool was_institute = organisation.public_health_institute;
  if (edit.public_health_institute) {  // 地方衛生研究所: a health center's (issue 14 item 1)
    organisation.public_health_institute =
        organisation.kind == OrganisationKind::health_center && *edit.public_health_institute;
  }
  auto errors = validate_organisation(organisation);
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  const auto now = clock_.now();
  auto tx = database_.write();
  audit::Change::saved(identity::update_organisation(tx, organisation, edit.version));
  auto e = audit_event(&caller, origin, audit::Action::update, "organisation.update",
                       "Organization", std::to_string(id));
  if (organisation.public_health_institute != was_institute) {
    // Its reach of the prefecture's patients changes with the flag, in this transaction.
    if (hooks_.institute_changed) hooks_.institute_changed(tx, organisation);
    e.add_detail(organisation.public_health_institute ? "public health institute set"
                                                      : "public health institute cleared");
  }
  audit::append(tx, e, now);
  tx.commit();
  organisation.version = edit.version + 1;
  return organisation;
}

void Administration::refuse_retiring(db::Transaction& tx, const Organisation& organisation) {
  // ORG-2: what it registered and still works would be left without an issuer.
  if (const auto children = active_children(tx, organisation.id); children > 0) {
    throw Problem(ProblemKind::conflict, "has_active_children",
                  {fmt::format("この機関が登録した機関のうち{}件がまだ利用中です。先にそれらの"
                               "利用を終了してください。",
                               children),
                   fmt::format("{} organisation(s) this one registered are still in use: retire "
                               "them first.",
                               children)})
        .with("count", children);
  }
  // ACL-5: its open cases would have no health center working on them.
  if (organisation.kind != OrganisationKind::health_center || !hooks_.open_cases_of) return;
  if (const auto open = hooks_.open_cases_of(tx, organisation.id); open > 0) {
    throw Problem(ProblemKind::conflict, "has_open_cases",
                  {fmt::format("この保健所が担当保健所となっている対応中の患者が{}人います。"
                               "先に他の保健所へ移管してください。",
                               open),
                   fmt::format("This health center is the responsible health center of {} open "
                               "case(s): transfer them to another health center first.",
                               open)})
        .with("count", open);
  }
}

Organisation Administration::set_retired(const Caller& caller, std::int64_t id, bool retired,
                                         const Origin& origin) {
  auto organisation = registered_by_caller(caller, id, origin);
  const auto now = clock_.now();
  auto e = audit_event(&caller, origin, audit::Action::update,
                       retired ? "organisation.retire" : "organisation.reinstate", "Organization",
                       std::to_string(id));
  const bool already_retired = organisation.retired_at.has_value();
  organisation.retired_at = retired ? std::optional(iso8601_utc(now)) : std::nullopt;
  bool changed = false;
  {
    auto tx = database_.write();
    if (retired && !already_retired) refuse_retiring(tx, organisation);
    changed = set_organisation_retired(tx, id, organisation.retired_at);
    if (changed) {
      if (retired) {
        e.add_detail(fmt::format("{} sessions and API tokens ended", end_credentials_of(tx, id)));
      }
      audit::append(tx, e, now);
      tx.commit();
    }
  }
  // Already as asked: nothing changed and nothing is logged; the organisation as it is.
  auto session = database_.read();
  organisation = identity::organisation(session, id);
  return organisation;
}

Organisation Administration::create_organisation(Organisation input,
                                                 const std::string& operator_name) {
  return insert_organisation(std::move(input), operator_event(operator_name, audit::Action::create,
                                                              "organisation.create"));
}

FieldErrors Administration::check(const NewAccount& input, const std::string& prefix) {
  FieldErrors errors;
  if (!input.login_id.empty()) errors = validate_login_id(input.login_id, prefix + "login_id");
  for (auto& e : validate_display_name(input.display_name, prefix + "display_name")) {
    errors.push_back(std::move(e));
  }
  return errors;
}

IssuedAccount Administration::insert_account(db::Transaction& tx, const Organisation& organisation,
                                             const NewAccount& input, const Secret& password,
                                             std::optional<std::int64_t> issued_by,
                                             audit::Event event) {
  const auto now = clock_.now();
  auto login_id = input.login_id;
  if (login_id.empty()) {
    // The organisation's code and the next number: "mi13-00001-03".
    const auto count =
        tx.query_one("SELECT COUNT(*) FROM accounts WHERE organisation_id = ?", {organisation.id});
    login_id = fmt::format("{}-{:02}", lower(organisation.code), count->integer(0) + 1);
  }
  IssuedAccount issued{issue_account(tx, organisation.id, login_id, input.display_name, input.role,
                                     password.hash, issued_by, now),
                       password.text};
  event.action = audit::Action::create;
  event.resource_type = "Account";
  event.resource_id = std::to_string(issued.account.id);
  audit::append(tx, event, now);
  return issued;
}

IssuedAccount Administration::insert_account(const Organisation& organisation,
                                             const NewAccount& input,
                                             std::optional<std::int64_t> issued_by,
                                             const audit::Event& event) {
  auto errors = check(input, "");
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  const auto password = Secret::make();
  try {
    auto tx = database_.write();
    auto issued = insert_account(tx, organisation, input, password, issued_by, event);
    tx.commit();
    return issued;
  } catch (const db::UniqueViolation&) {
    throw login_id_taken();
  }
}

std::vector<Organisation> Administration::check_rows(const std::vector<BulkAccount>& rows,
                                                     FieldErrors& errors) {
  std::vector<Organisation> organisations;
  std::set<std::string> login_ids;
  auto session = database_.read();
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto prefix = row_prefix(rows[i].row ? rows[i].row : i + 1);
    auto found = rows[i].organisation_code.empty()
                     ? std::nullopt
                     : find_organisation_by_code(session, rows[i].organisation_code);
    if (!found) {
      errors.push_back(
          {prefix + "organisation_code", "unknown",
           with_value({"この機関コードは登録されていません。", "No organisation has this code."},
                      rows[i].organisation_code)});
    } else if (found->retired_at) {
      errors.push_back({prefix + "organisation_code", "retired",
                        with_value(organisation_retired().title(), rows[i].organisation_code)});
    }
    organisations.push_back(found.value_or(Organisation{}));
    const auto& login_id = rows[i].account.login_id;
    for (auto& e : check(rows[i].account, prefix)) {
      // The typed login id beside its problem (walk item 13); a display name is personal.
      if (e.field == prefix + "login_id") e.message = with_value(std::move(e.message), login_id);
      errors.push_back(std::move(e));
    }
    if (login_id.empty()) continue;
    if (!login_ids.insert(login_id).second) {
      errors.push_back({prefix + "login_id", "duplicate",
                        with_value({"このログインIDはファイルの中で二度使われています。",
                                    "This login ID appears twice in the file."},
                                   login_id)});
    } else if (found && !found->retired_at && find_credentials(session, login_id)) {
      // Looked up only for a row of a known organisation, which the caller must then manage
      // (import_accounts refuses the whole file otherwise): a file of made-up codes learns
      // nothing of which login ids exist.
      errors.push_back({prefix + "login_id", "taken",
                        with_value(login_id_taken().errors()[0].message, login_id)});
    }
  }
  return organisations;
}

std::vector<IssuedAccount> Administration::insert_rows(
    const std::vector<BulkAccount>& rows, const std::vector<Organisation>& organisations,
    std::optional<std::int64_t> issued_by, const audit::Event& event) {
  // argon2id before the transaction, so the write lock is held only for the inserts; on half
  // the cores at once (issue 14 item 3: one hash takes about 0.1 s, a file holds up to 100
  // rows),
  // threads of the request's own so that sign-ins keep their hashing pool.
  std::vector<Secret> passwords(rows.size());
  {
    std::atomic<size_t> next{0};
    std::exception_ptr failed;
    std::mutex failed_mutex;
    const auto work = [&] {
      try {
        for (size_t i; (i = next++) < passwords.size();) passwords[i] = Secret::make();
      } catch (...) {
        std::lock_guard lock(failed_mutex);
        failed = std::current_exception();
        next = passwords.size();
      }
    };
    const auto threads = std::min<size_t>(concurrency::BoundedPool::half_the_cores(), rows.size());
    std::vector<std::jthread> helpers;
    for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
    helpers.clear();  // joins
    if (failed) std::rethrow_exception(failed);
  }
  std::vector<IssuedAccount> issued;
  try {
    auto tx = database_.write();
    for (size_t i = 0; i < rows.size(); ++i) {
      issued.push_back(
          insert_account(tx, organisations[i], rows[i].account, passwords[i], issued_by, event));
    }
    tx.commit();
  } catch (const db::UniqueViolation&) {
    // A login id taken meanwhile (or generated twice): nothing was issued.
    throw login_id_taken();
  }
  return issued;
}

std::vector<IssuedAccount> Administration::issue_many(const std::vector<BulkAccount>& rows,
                                                      const std::string& operator_name,
                                                      FieldErrors read_errors) {
  FieldErrors errors = std::move(read_errors);
  const auto organisations = check_rows(rows, errors);
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  return insert_rows(rows, organisations, std::nullopt,
                     operator_event(operator_name, audit::Action::create, "account.issue"));
}

std::vector<ImportedAccount> Administration::import_accounts(const Caller& caller,
                                                             const std::vector<BulkAccount>& rows,
                                                             bool commit, const Origin& origin,
                                                             FieldErrors read_errors) {
  // Decide first: the caller must manage accounts at all (an administrator).
  if (scope(caller, Action::manage_accounts).empty()) {
    refuse(database_, clock_, caller, origin, Action::manage_accounts, "Account", "import");
  }
  // Throttled per account: each file looks up up to kMaxImportRows login ids.
  if (const auto wait =
          imports_.admit(fmt::format("account {}", caller.account.id), "", clock_.now())) {
    // The refusal is logged too (one line per refused file, as each allowed one is).
    auto refused = audit_event(&caller, origin, audit::Action::read, "account.import-check");
    refused.resource_type = "Account";
    refused.resource_id = "import";
    refused.outcome = audit::Outcome::denied;
    refused.add_detail(fmt::format("{} rows; throttled", rows.size()));
    audit::append(database_, refused, clock_.now());
    throw Problem(ProblemKind::too_many_requests, "too_many_imports",
                  {"ファイルの確認が多すぎます。しばらく待ってから再度お試しください。",
                   "Too many files checked. Please wait a moment and try again."})
        .retry_after(static_cast<int>(wait->count()));
  }
  FieldErrors errors = std::move(read_errors);
  const auto organisations = check_rows(rows, errors);
  // Every organisation named must be one whose accounts the caller manages (its own, or one
  // it registered): another's is refused and logged, whatever else the file holds.
  std::set<std::int64_t> decided;
  for (const auto& o : organisations) {
    if (o.id == 0 || !decided.insert(o.id).second) continue;
    if (!permits(caller, Action::manage_accounts, relations_to(caller, o))) {
      refuse(database_, clock_, caller, origin, Action::manage_accounts, "Organization",
             std::to_string(o.id));
    }
  }
  if (!commit || !errors.empty()) {
    // Who checked a file, and how big it was (no login id, no name).
    auto checked = audit_event(&caller, origin, audit::Action::read, "account.import-check");
    checked.resource_type = "Account";
    checked.resource_id = "import";
    checked.add_detail(fmt::format("{} rows; {} problems", rows.size(), errors.size()));
    if (commit) checked.add_detail("import refused");
    audit::append(database_, checked, clock_.now());
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  std::vector<ImportedAccount> imported;
  for (size_t i = 0; i < rows.size(); ++i) imported.push_back({rows[i], organisations[i], {}});
  if (!commit) return imported;
  auto event = audit_event(&caller, origin, audit::Action::create, "account.issue");
  event.add_detail(fmt::format("import of {} rows", rows.size()));
  const auto issued = insert_rows(rows, organisations, caller.account.id, event);
  for (size_t i = 0; i < issued.size(); ++i) imported[i].issued = issued[i];
  return imported;
}

IssuedAccount Administration::issue(const Caller& caller, std::int64_t organisation_id,
                                    const NewAccount& input, const Origin& origin) {
  const auto target = organisation(caller, organisation_id, origin);
  if (!permits(caller, Action::manage_accounts, relations_to(caller, target))) {
    not_yours_or_not_there(caller, origin, Action::manage_accounts, "Organization",
                           organisation_id);
  }
  if (target.retired_at) throw organisation_retired();
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
  if (!permits(caller, Action::manage_accounts, relations_to(caller, target))) {
    not_yours_or_not_there(caller, origin, Action::manage_accounts, "Organization",
                           organisation_id);
  }
  std::vector<AccountStatus> accounts;
  {
    auto session = database_.read();
    const auto scope = identity::scope(caller, Action::manage_accounts);
    accounts = list_accounts(session, organisation_id, caller, scope);
  }
  audit::append(database_,
                audit_event(&caller, origin, audit::Action::read, "account.list", "Organization",
                            std::to_string(organisation_id)),
                clock_.now());
  return accounts;
}

AccountStatus Administration::managed_account(const Caller& caller, std::int64_t account_id,
                                              const Origin& origin) {
  const auto scope = identity::scope(caller, Action::manage_accounts);
  std::optional<AccountStatus> found;
  if (!scope.empty()) {
    auto session = database_.read();
    found = find_account_in_scope(session, account_id, caller, scope);
  }
  if (!found)
    not_yours_or_not_there(caller, origin, Action::manage_accounts, "Account", account_id);
  return *found;
}

std::vector<ApiToken> Administration::tokens(const Caller& caller, std::int64_t account_id,
                                             const Origin& origin) {
  managed_account(caller, account_id, origin);
  std::vector<ApiToken> tokens;
  {
    auto session = database_.read();
    tokens = list_api_tokens(session, account_id);
  }
  audit::append(database_,
                audit_event(&caller, origin, audit::Action::read, "account.token-list", "Account",
                            std::to_string(account_id)),
                clock_.now());
  return tokens;
}

bool Administration::revoke_token(std::int64_t account_id, std::int64_t token_id,
                                  audit::Event event) {
  event.action = audit::Action::remove;
  event.resource_type = "ApiToken";
  event.resource_id = std::to_string(token_id);
  event.detail +=
      (event.detail.empty() ? "" : "; ") + std::string("account ") + std::to_string(account_id);
  auto tx = database_.write();
  if (!revoke_api_token(tx, account_id, token_id)) return false;
  audit::append(tx, event, clock_.now());
  tx.commit();
  return true;
}

bool Administration::revoke_token(const Caller& caller, std::int64_t account_id,
                                  std::int64_t token_id, const Origin& origin) {
  managed_account(caller, account_id, origin);
  return revoke_token(account_id, token_id,
                      audit_event(&caller, origin, audit::Action::remove, "account.token-revoke"));
}

void Administration::set_disabled(std::int64_t account_id, bool disabled, audit::Event event) {
  event.action = audit::Action::update;
  event.resource_type = "Account";
  event.resource_id = std::to_string(account_id);
  auto tx = database_.write();
  identity::set_disabled(tx, account_id, disabled);
  audit::append(tx, event, clock_.now());
  tx.commit();
}

AccountStatus Administration::set_disabled(const Caller& caller, std::int64_t account_id,
                                           bool disabled, const Origin& origin) {
  auto status = managed_account(caller, account_id, origin);
  if (account_id == caller.account.id && disabled) {
    throw Problem(ProblemKind::conflict, "own_account",
                  {"自分のアカウントは無効にできません。", "You cannot disable your own account."});
  }
  set_disabled(account_id, disabled,
               audit_event(&caller, origin, audit::Action::update,
                           disabled ? "account.disable" : "account.enable"));
  status.account.disabled = disabled;
  return status;
}

std::vector<ApiToken> Administration::tokens(const std::string& login_id,
                                             const std::string& operator_name) {
  const auto account = account_by_login(login_id);
  std::vector<ApiToken> tokens;
  {
    auto session = database_.read();
    tokens = list_api_tokens(session, account.id);
  }
  auto e = operator_event(operator_name, audit::Action::read, "account.token-list");
  e.resource_type = "Account";
  e.resource_id = std::to_string(account.id);
  audit::append(database_, e, clock_.now());
  return tokens;
}

bool Administration::revoke_token(const std::string& login_id, std::int64_t token_id,
                                  const std::string& operator_name) {
  return revoke_token(account_by_login(login_id).id, token_id,
                      operator_event(operator_name, audit::Action::remove, "account.token-revoke"));
}

void Administration::set_disabled(const std::string& login_id, bool disabled,
                                  const std::string& operator_name) {
  set_disabled(account_by_login(login_id).id, disabled,
               operator_event(operator_name, audit::Action::update,
                              disabled ? "account.disable" : "account.enable"));
}

void Administration::unlock(std::int64_t account_id, audit::Event event) {
  event.action = audit::Action::update;
  event.resource_type = "Account";
  event.resource_id = std::to_string(account_id);
  auto tx = database_.write();
  clear_failures(tx, account_id);
  clear_all_source_failures(tx, account_id);  // every source starts afresh (issue 19 item 2)
  audit::append(tx, event, clock_.now());
  tx.commit();
}

IssuedAccount Administration::reset(const Account& account, audit::Event event) {
  const auto password = Secret::make();
  IssuedAccount reset{account, password.text};
  event.action = audit::Action::update;
  event.resource_type = "Account";
  event.resource_id = std::to_string(account.id);
  const auto now = clock_.now();
  auto tx = database_.write();
  reset_account(tx, account.id, password.hash, now);
  clear_all_source_failures(tx, account.id);  // issue 19 item 2
  audit::append(tx, event, now);
  tx.commit();
  reset.account.must_change_password = true;
  reset.account.totp_enrolled = false;
  reset.account.has_verified_phone = false;
  return reset;
}

void Administration::unlock(const Caller& caller, std::int64_t account_id, const Origin& origin) {
  managed_account(caller, account_id, origin);
  unlock(account_id, audit_event(&caller, origin, audit::Action::update, "account.unlock"));
}

IssuedAccount Administration::reset(const Caller& caller, std::int64_t account_id,
                                    const Origin& origin) {
  return reset(managed_account(caller, account_id, origin).account,
               audit_event(&caller, origin, audit::Action::update, "account.reset"));
}

Account Administration::account_by_login(const std::string& login_id) {
  auto session = database_.read();
  auto credentials = find_credentials(session, login_id);
  if (!credentials) {
    throw Problem(ProblemKind::not_found, "no_such_account",
                  {"このログインIDのアカウントはありません。", "No account has this login ID."});
  }
  return credentials->account;
}

void Administration::unlock(const std::string& login_id, const std::string& operator_name) {
  unlock(account_by_login(login_id).id,
         operator_event(operator_name, audit::Action::update, "account.unlock"));
}

IssuedAccount Administration::reset(const std::string& login_id, const std::string& operator_name) {
  return reset(account_by_login(login_id),
               operator_event(operator_name, audit::Action::update, "account.reset"));
}

SupportGrant Administration::grant_support(const std::string& login_id,
                                           const std::string& organisation_code,
                                           std::chrono::hours duration, const std::string& reason,
                                           const std::string& operator_name) {
  FieldErrors errors;
  if (duration < std::chrono::hours(1) || duration > kMaxSupportGrant) {
    errors.push_back(
        {"hours", "out_of_range", {"期間は1〜72時間にしてください。", "Grant 1 to 72 hours."}});
  }
  for (auto& e : validate_display_name(reason, "reason")) errors.push_back(std::move(e));
  std::optional<Organisation> organisation;
  {
    auto session = database_.read();
    organisation = find_organisation_by_code(session, organisation_code);
  }
  if (!organisation) {
    errors.push_back({"organisation",
                      "unknown",
                      {"この機関コードは登録されていません。", "No organisation has this code."}});
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  const auto account = account_by_login(login_id);
  const auto now = clock_.now();
  SupportGrant grant{0, account.id, organisation->id, reason, iso8601_utc(now + duration)};
  auto tx = database_.write();
  grant.id = create_support_grant(tx, grant, operator_name, now);
  auto e = operator_event(operator_name, audit::Action::create, "support.grant");
  e.resource_type = "SupportGrant";
  e.resource_id = std::to_string(grant.id);
  e.detail += "; account " + std::to_string(account.id) + " may read organisation " +
              std::to_string(organisation->id) + " until " + grant.expires_at;
  audit::append(tx, e, now);
  tx.commit();
  return grant;
}

bool Administration::revoke_support(std::int64_t grant_id, const std::string& operator_name) {
  auto tx = database_.write();
  if (!revoke_support_grant(tx, grant_id)) return false;
  auto e = operator_event(operator_name, audit::Action::update, "support.revoke");
  e.resource_type = "SupportGrant";
  e.resource_id = std::to_string(grant_id);
  audit::append(tx, e, clock_.now());
  tx.commit();
  return true;
}

audit::Page Administration::access_log(const Caller& caller, audit::Filter filter,
                                       const Origin& origin, bool export_csv) {
  if (filter.organisation_id == 0) filter.organisation_id = caller.organisation.id;
  const auto id = std::to_string(filter.organisation_id);
  std::optional<Organisation> target;
  if (filter.organisation_id == caller.organisation.id) {
    target = caller.organisation;
  } else {
    auto session = database_.read();
    target = find_organisation(session, filter.organisation_id);
  }
  // An organisation that does not exist is refused like one that is not the caller's.
  std::vector<Relation> relations;
  if (target) relations = relations_to(caller, *target);
  require(database_, clock_, caller, origin, Action::read_access_log, relations, "AuditEvent", id);
  audit::Page page;
  {
    auto session = database_.read();
    page = audit::search(session, filter);
  }
  auto e = audit_event(&caller, origin, export_csv ? audit::Action::execute : audit::Action::read,
                       export_csv ? "audit.export" : "audit.read", "AuditEvent", id);
  if (export_csv) e.add_detail(describe(filter) + fmt::format("; {} rows", page.records.size()));
  audit::append(database_, e, clock_.now());
  return page;
}

}  // namespace hersys::identity
