#pragma once
// The issuers' work (SPEC ORG-2, AUTH-3): organisations created under their issuer, accounts
// issued with an initial password shown once, unlock and reset, and each organisation's own
// access log (ACL-7). Every step is decided by the policy and recorded in the access log.
// Problems are thrown as Problem (403 denied, 404 unknown, 422 invalid fields).
//
// The operator's variants (no caller) are for `hersys admin` and `hersys demo`, run on the
// server by someone who already holds the database: they bypass the policy but are logged.
#include <functional>

#include "audit/log.h"
#include "audit/model.h"
#include "identity/access.h"
#include "identity/store.h"
#include "identity/throttle.h"

namespace hersys::identity {

struct NewAccount {
  std::string login_id;  // empty: generated from the organisation's code
  std::string display_name;
  Role role = Role::staff;
};

inline constexpr auto kMaxSupportGrant = std::chrono::hours(72);

// Imports of accounts per administrator (issue 14 item 3): 10 checks or imports at once (a file
// is checked, then imported: 5 files), then one a minute.
inline constexpr ThrottleRules kImportRules{.source_burst = 10,
                                            .source_interval = std::chrono::seconds(60)};

struct BulkAccount {
  std::string organisation_code;
  NewAccount account;
  size_t row = 0;  // its row in the import file, for errors (0: its place in the list)
};

// What an issuer may change of an organisation it registered (issue 14 item 1, ORG-1).
struct OrganisationEdit {
  std::string name;
  std::string address;
  std::string email;
  std::string phone;
  std::string contact_person;
  bool files_daily_reports = false;  // kept only for a medical institution
  // 地方衛生研究所 (seeds Q19), kept only for a health center; absent: unchanged.
  std::optional<bool> public_health_institute;
  // 市区町村コード (5 or 6 digits, or empty); absent: unchanged (walk item 18, ORG-1).
  std::optional<std::string> municipality_code;
  std::int64_t version = 0;  // as read: a later change meanwhile answers 409
};

// A row of an import (issue 14 item 3): its organisation, and once issued, the account with its
// initial password (shown once).
struct ImportedAccount {
  BulkAccount row;
  Organisation organisation;
  std::optional<IssuedAccount> issued;
};

// What other features keep in step with an organisation, in the transaction of its change.
// identity includes no feature, so src/app wires these (issue 14 items 1-2); unset: nothing.
struct AdministrationHooks {
  // A 地方衛生研究所 registered, or its flag changed: its reach of the prefecture's patients
  // (cases::keep_institute_reach, ACL-3).
  std::function<void(db::Transaction&, const Organisation&)> institute_changed;
  // The open cases a health center is the responsible one of (cases::open_cases_of): retiring
  // it is refused while there are any (ORG-2, ACL-5).
  std::function<std::int64_t(db::Session&, std::int64_t)> open_cases_of;
};

class Administration {
 public:
  Administration(db::Database& database, const Clock& clock, AdministrationHooks hooks = {})
      : database_(database), clock_(clock), hooks_(std::move(hooks)) {}

  std::vector<Organisation> directory(const Caller& caller, const OrganisationFilter& filter,
                                      int limit);
  Organisation organisation(const Caller& caller, std::int64_t id, const Origin& origin);
  // Under the caller's organisation, which must be allowed to create `input.kind`. The code
  // and prefecture come from the issuer.
  Organisation create_organisation(const Caller& caller, Organisation input, const Origin& origin);
  // Edits an organisation the caller registered (policy create_organisation through `child`);
  // 409 changed_meanwhile when `edit.version` is not the stored one. Logged organisation.update.
  Organisation update_organisation(const Caller& caller, std::int64_t id,
                                   const OrganisationEdit& edit, const Origin& origin);
  // Retires (or reinstates) an organisation the caller registered: a retired organisation's
  // accounts sign in no more and their sessions and API tokens end at once; its records stay.
  // Reinstating brings back no session or token. Logged organisation.retire / .reinstate.
  // Retiring is refused (409, with the count) while the organisation has organisations of its
  // own in use (has_active_children) or, a health center, open cases it is responsible for
  // (has_open_cases: transfer them first).
  Organisation set_retired(const Caller& caller, std::int64_t id, bool retired,
                           const Origin& origin);

  std::vector<AccountStatus> accounts(const Caller& caller, std::int64_t organisation_id,
                                      const Origin& origin);
  IssuedAccount issue(const Caller& caller, std::int64_t organisation_id, const NewAccount& input,
                      const Origin& origin);
  void unlock(const Caller& caller, std::int64_t account_id, const Origin& origin);
  // A new initial password, the second factors removed and every session and API token ended.
  IssuedAccount reset(const Caller& caller, std::int64_t account_id, const Origin& origin);
  // The API tokens of an account the caller manages, and revoking one (issue 19 item 1).
  std::vector<ApiToken> tokens(const Caller& caller, std::int64_t account_id, const Origin& origin);
  // False when the account has no such token.
  bool revoke_token(const Caller& caller, std::int64_t account_id, std::int64_t token_id,
                    const Origin& origin);
  // Disables (its sessions end; it cannot sign in; its tokens stop working) or re-enables.
  AccountStatus set_disabled(const Caller& caller, std::int64_t account_id, bool disabled,
                             const Origin& origin);

  // An organisation's access log (the caller's own when filter.organisation_id is 0), newest
  // first, with names, as the policy allows (read_access_log; a refusal is logged). Reading it
  // is logged as audit.read, exporting it (`export_csv`) as audit.export with the filter.
  audit::Page access_log(const Caller& caller, audit::Filter filter, const Origin& origin,
                         bool export_csv = false);

  // Accounts in bulk on the issuer's screen (issue 14 item 3, ORG-2): every row checked first
  // (the same checks as issue_many), then, with `commit`, all issued in one transaction or
  // none, each logged account.issue. A row for an organisation the caller does not manage is
  // refused (403, logged). Without `commit` nothing is written: the rows as they would be.
  // `read_errors` are those of reading the file (account_import.h), named with the rest.
  // Each check (and each import that fails it) is logged account.import-check with its row
  // count; both are throttled per account (kImportRules: 429), so a file cannot be used to
  // probe which login ids exist at volume.
  std::vector<ImportedAccount> import_accounts(const Caller& caller,
                                               const std::vector<BulkAccount>& rows, bool commit,
                                               const Origin& origin, FieldErrors read_errors = {});

  // The rules a new account must meet; `prefix` goes before each field name.
  static FieldErrors check(const NewAccount& input, const std::string& prefix);

  // --- The operator's (CLI) ---
  Organisation create_organisation(Organisation input, const std::string& operator_name);
  IssuedAccount issue(std::int64_t organisation_id, const NewAccount& input,
                      const std::string& operator_name);
  // Bulk issuing (ORG-2): all rows or none. Every row is checked first; the problem names
  // each bad field as "row N: field".
  std::vector<IssuedAccount> issue_many(const std::vector<BulkAccount>& rows,
                                        const std::string& operator_name,
                                        FieldErrors read_errors = {});
  void unlock(const std::string& login_id, const std::string& operator_name);
  IssuedAccount reset(const std::string& login_id, const std::string& operator_name);
  std::vector<ApiToken> tokens(const std::string& login_id, const std::string& operator_name);
  bool revoke_token(const std::string& login_id, std::int64_t token_id,
                    const std::string& operator_name);
  void set_disabled(const std::string& login_id, bool disabled, const std::string& operator_name);
  // Break-glass (ACL-6): lets the account read the organisation's records for `duration`
  // (1 to 72 hours). Every read through it is logged as such.
  SupportGrant grant_support(const std::string& login_id, const std::string& organisation_code,
                             std::chrono::hours duration, const std::string& reason,
                             const std::string& operator_name);
  bool revoke_support(std::int64_t grant_id, const std::string& operator_name);

 private:
  Organisation insert_organisation(Organisation input, const audit::Event& event);
  // The organisation `id`, when the caller registered it (and may create organisations);
  // otherwise not_yours_or_not_there.
  Organisation registered_by_caller(const Caller& caller, std::int64_t id, const Origin& origin);
  // Throws 409 when `organisation` may not be retired yet (set_retired).
  void refuse_retiring(db::Transaction& tx, const Organisation& organisation);
  // The rows' organisations (in order), with every problem of a row: unknown or retired
  // organisation, the account's fields, a login id taken in the file or the database.
  std::vector<Organisation> check_rows(const std::vector<BulkAccount>& rows, FieldErrors& errors);
  // Issues the checked rows in one transaction (all or none).
  std::vector<IssuedAccount> insert_rows(const std::vector<BulkAccount>& rows,
                                         const std::vector<Organisation>& organisations,
                                         std::optional<std::int64_t> issued_by,
                                         const audit::Event& event);
  // A new initial password and its argon2id hash, made before any transaction opens (slow).
  struct Secret {
    std::string text;
    std::string hash;
    static Secret make();
  };
  // Inserts in `tx` (hashing `password`), generating the login id when none is given.
  IssuedAccount insert_account(db::Transaction& tx, const Organisation& organisation,
                               const NewAccount& input, const Secret& password,
                               std::optional<std::int64_t> issued_by, audit::Event event);
  IssuedAccount insert_account(const Organisation& organisation, const NewAccount& input,
                               std::optional<std::int64_t> issued_by, const audit::Event& event);
  void unlock(std::int64_t account_id, audit::Event event);
  IssuedAccount reset(const Account& account, audit::Event event);
  bool revoke_token(std::int64_t account_id, std::int64_t token_id, audit::Event event);
  void set_disabled(std::int64_t account_id, bool disabled, audit::Event event);
  // Out of the caller's scope and not there answer alike: 404 not_found, logged as denied
  // (issue 19 item 8).
  [[noreturn]] void not_yours_or_not_there(const Caller& caller, const Origin& origin,
                                           Action action, const std::string& resource_type,
                                           std::int64_t id);
  Account account_by_login(const std::string& login_id);
  // The account, when the caller may manage it (decided first, in the SQL scope); otherwise
  // not_yours_or_not_there.
  AccountStatus managed_account(const Caller& caller, std::int64_t account_id,
                                const Origin& origin);

  db::Database& database_;
  const Clock& clock_;
  AdministrationHooks hooks_;
  SignInThrottle imports_{kImportRules};
};

}  // namespace hersys::identity
