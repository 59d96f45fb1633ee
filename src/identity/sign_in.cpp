#include "identity/sign_in.h"

#include "audit/log.h"
#include "identity/factors.h"
#include "identity/lockout_store.h"
#include "identity/rules.h"
#include "notify/outbox.h"
#include "platform/crypto/crypto.h"

namespace hersys::identity {
namespace {

audit::Event event(const std::string& type, audit::Outcome outcome, const Origin& origin,
                   std::optional<std::int64_t> account_id = std::nullopt,
                   std::optional<std::int64_t> organisation_id = std::nullopt) {
  audit::Event e;
  e.action = audit::Action::execute;
  e.type = type;
  e.outcome = outcome;
  e.account_id = account_id;
  e.organisation_id = organisation_id;
  if (account_id) {
    e.resource_type = "Account";
    e.resource_id = std::to_string(*account_id);
  }
  e.client_address = origin.client_address;
  e.request_id = origin.request_id;
  return e;
}

// Verifying against a real argon2id hash when the login id is unknown keeps the answer's timing
// from telling which login ids exist.
const std::string& dummy_hash() {
  static const std::string hash = crypto::hash_password("hersys timing equaliser");
  return hash;
}

}  // namespace

void SignIn::complete(db::Transaction& tx, const Caller& caller, const std::string& type,
                      const Origin& origin) {
  clear_failures(tx, caller.account.id);
  set_stage(tx, caller.session_id, Stage::active);
  audit::append(
      tx, event(type, audit::Outcome::success, origin, caller.account.id, caller.organisation.id),
      clock_.now());
  tx.commit();
}

bool SignIn::locked(const Credentials& c) const {
  return c.locked_until && *c.locked_until > clock_.now();
}

Outcome SignIn::fail(const Account& account, std::int64_t organisation_id, const std::string& type,
                     const Origin& origin) {
  auto tx = database_.write();
  const int failures = add_failure(tx, account.id);
  const auto lock = lockout_after(failures);
  const bool now_locked = lock.count() > 0;
  if (now_locked) {
    lock_account(tx, account.id, clock_.now() + lock);
    revoke_sessions_of(tx, account.id);
  }
  auto e = event(type, audit::Outcome::failure, origin, account.id, organisation_id);
  e.detail = now_locked ? "locked after " + std::to_string(failures) + " failures" : "";
  audit::append(tx, e, clock_.now());
  tx.commit();
  return now_locked ? Outcome::locked : Outcome::invalid;
}

SignIn::SignIn(db::Database& database, const Clock& clock,
               std::shared_ptr<concurrency::BoundedPool> hashing, ThrottleRules rules)
    : database_(database), clock_(clock), hashing_(std::move(hashing)), throttle_(rules) {
  if (!hashing_) {
    const auto threads = concurrency::BoundedPool::half_the_cores();
    hashing_ = std::make_shared<concurrency::BoundedPool>(threads, 2 * threads);
  }
}

bool SignIn::verify(const std::string& hash, const std::string& password) {
  return hashing_->run([&] { return crypto::verify_password(hash, password); });
}

void SignIn::log_repeated(const std::string& source, const std::string& login_id,
                          const std::string& reason, audit::Event e) {
  const auto now = clock_.now();
  e.add_detail(reason);
  // The kind is kept in memory only; the login id as typed is never logged (people type
  // passwords into the wrong field). Refusals that checked nothing are counted more coarsely:
  // throttled ones per source, busy ones all together (a distributed flood must not cost one
  // access-log write per request).
  const auto kind = reason == "busy"        ? reason
                    : reason == "throttled" ? source + '\n' + reason
                                            : source + '\n' + reason + '\n' + login_id;
  if (repeated_.note(kind, e, now)) {
    audit::append(database_, e, now);
  }
}

void SignIn::wrong_password(const Credentials& c, const std::string& source, const Origin& origin) {
  const auto now = clock_.now();
  const auto& account = c.account;
  auto tx = database_.write();
  const int failures = add_source_failure(tx, account.id, source, now);
  auto e =
      event("auth.sign-in", audit::Outcome::failure, origin, account.id, account.organisation_id);
  e.detail = "wrong_password";
  const auto lock = lockout_after(failures);
  if (lock.count() > 0) {
    lock_source(tx, account.id, source, now + lock);
    e.add_detail("source locked for " + std::to_string(lock.count()) + " min after " +
                 std::to_string(failures) + " failures");
    const int sources = sources_locked(tx, account.id, now - kAttackEpisode);
    const bool account_lock = sources >= kLockedSourcesForAccountLock;
    if (account_lock) {
      lock_account(tx, account.id, now + kAccountLockForManySources);
      e.add_detail("account locked: " + std::to_string(sources) + " sources locked");
    }
    if (start_alert_episode(tx, account.id, now, kAttackEpisode)) {
      for (const auto& to : alert_recipients(tx, account.id)) {
        notify::Message m;
        m.channel = notify::Channel::email;
        m.recipient = to;
        m.purpose = "auth.attack";
        m.subject =
            "【HER-SYS】アカウントへの不正なサインインの試み / Sign-in attempts on an account";
        m.body = "HER-SYSのアカウント「" + account.login_id +
                 "」に誤ったパスワードによるサインインが繰り返されています。"
                 "試みた接続元からのサインインは一時的に止めています。"
                 "心当たりがない場合は、アカウントの発行元に連絡し、パスワードを変更してください。"
                 "現在のセッションは終了していません。\n\n"
                 "Someone keeps trying wrong passwords for the HER-SYS account \"" +
                 account.login_id +
                 "\". Sign-ins from where they come from are paused for a while. If this was not "
                 "you, tell whoever issued the account and change the password. Current sessions "
                 "have not been ended.\n";
        notify::enqueue(tx, m, now);
      }
      e.add_detail("holder and issuer told");
    }
  }
  audit::append(tx, e, now);
  tx.commit();
}

PasswordStep SignIn::with_password(const std::string& login_id, const std::string& password,
                                   const Origin& origin) {
  PasswordStep step;
  const auto source = source_of(origin.client_address);
  for (const auto& summary : repeated_.due(clock_.now())) {
    audit::append(database_, summary, clock_.now());
  }
  if (auto wait = throttle_.admit(source, login_id, clock_.now())) {
    step.retry_after = *wait;
    log_repeated(source, login_id, "throttled",
                 event("auth.sign-in", audit::Outcome::denied, origin));
    return step;
  }
  if (hashing_->load() >= hashing_->threads() + hashing_->max_queued()) {
    // Full already: refused before even reading the database.
    log_repeated(source, login_id, "busy", event("auth.sign-in", audit::Outcome::denied, origin));
    throw concurrency::PoolSaturated();
  }
  std::optional<Credentials> c;
  {
    auto session = database_.read();
    c = find_credentials(session, login_id);
  }
  const bool known = c && !c->account.disabled;
  // The hash is checked for every attempt - unknown ids (against a dummy hash with the same
  // parameters), locked accounts and sources alike - so that neither the answer nor its timing
  // tells which login ids exist or are locked (issue 19 item 3).
  bool correct = false;
  try {
    correct = verify(known ? c->password_hash : dummy_hash(), password) && known;
  } catch (const concurrency::PoolSaturated&) {
    log_repeated(source, login_id, "busy", event("auth.sign-in", audit::Outcome::denied, origin));
    throw;
  }
  if (!known) {
    throttle_.failed(source, login_id, clock_.now());
    log_repeated(source, login_id, "unknown_login_id",
                 event("auth.sign-in", audit::Outcome::failure, origin));
    return step;
  }
  std::optional<Clock::time_point> source_lock;
  {
    auto session = database_.read();
    source_lock = source_locked_until(session, c->account.id, source, clock_.now());
  }
  if (locked(*c) || source_lock) {
    if (!correct) throttle_.failed(source, login_id, clock_.now());
    log_repeated(source, login_id, correct ? "locked" : "locked_wrong_password",
                 event("auth.sign-in", audit::Outcome::denied, origin, c->account.id,
                       c->account.organisation_id));
    // Only the correct password learns that the account is locked.
    if (correct) step.outcome = Outcome::locked;
    return step;
  }
  if (!correct) {
    throttle_.failed(source, login_id, clock_.now());
    wrong_password(*c, source, origin);
    return step;
  }
  throttle_.succeeded(login_id);
  auto session = database_.read();
  auto organisation = find_organisation(session, c->account.organisation_id);
  step.stage = stage_after_password(c->account);
  auto tx = database_.write();
  clear_source_failures(tx, c->account.id, source);
  step.session = create_session(tx, c->account.id, step.stage, clock_.now());
  audit::append(tx,
                event("auth.sign-in", audit::Outcome::success, origin, c->account.id,
                      c->account.organisation_id),
                clock_.now());
  tx.commit();
  step.outcome = Outcome::ok;
  step.account = c->account;
  step.organisation = *organisation;
  return step;
}

PasswordChange SignIn::change_password(const Caller& caller, const std::string& current,
                                       const std::string& next, const Origin& origin) {
  PasswordChange change;
  const auto& account = caller.account;
  std::optional<Credentials> c;
  {
    auto session = database_.read();
    c = find_credentials(session, account.id);
  }
  if (!c || locked(*c)) {
    change.outcome = Outcome::locked;
    return change;
  }
  if (!verify(c->password_hash, current)) {
    change.outcome = fail(account, caller.organisation.id, "auth.password-change", origin);
    return change;
  }
  change.errors = validate_new_password(next, account.login_id);
  if (next == current) {
    change.errors.push_back({"new_password",
                             "unchanged",
                             {"現在と異なるパスワードにしてください。",
                              "Choose a password different from the current one."}});
  }
  if (!change.errors.empty()) return change;

  const auto hash = hashing_->run([&] { return crypto::hash_password(next); });
  Account updated = account;
  updated.must_change_password = false;
  change.stage =
      caller.stage == Stage::password_change ? stage_after_password(updated) : caller.stage;
  auto tx = database_.write();
  set_password(tx, account.id, hash, false);
  revoke_sessions_of(tx, account.id, caller.session_id);
  revoke_api_tokens_of(tx, account.id);  // issue 19 item 1
  queue_security_notice(tx, caller, SecurityNotice::password_changed, clock_.now());
  if (change.stage != caller.stage) set_stage(tx, caller.session_id, change.stage);
  audit::append(tx,
                event("auth.password-change", audit::Outcome::success, origin, account.id,
                      caller.organisation.id),
                clock_.now());
  tx.commit();
  change.outcome = Outcome::ok;
  return change;
}

TotpEnrolment SignIn::begin_totp_enrolment(const Caller& caller, const Origin&) {
  const auto secret = crypto::random_bytes(20);  // 160 bits, as RFC 4226 recommends
  auto tx = database_.write();
  set_pending_totp(tx, caller.session_id, secret);
  tx.commit();
  return {otpauth_uri(secret, caller.account.login_id)};
}

Outcome SignIn::confirm_totp_enrolment(const Caller& caller, const std::string& code,
                                       const Origin& origin) {
  const auto& pending_secret = caller.pending_totp_secret;
  const auto step =
      pending_secret.empty() ? std::nullopt : verify_totp(pending_secret, code, clock_.now(), 0);
  if (!step) return fail(caller.account, caller.organisation.id, "auth.totp-enrolment", origin);
  auto tx = database_.write();
  set_totp(tx, caller.account.id, pending_secret, *step);
  if (caller.stage == Stage::active) {  // re-enrolment (issue 19 item 5)
    revoke_sessions_of(tx, caller.account.id, caller.session_id);
    queue_security_notice(tx, caller, SecurityNotice::authenticator_replaced, clock_.now());
  }
  complete(tx, caller, "auth.totp-enrolment", origin);
  return Outcome::ok;
}

Outcome SignIn::confirm_phone_enrolment(const Caller& caller, std::int64_t phone_id,
                                        const std::string& code, const Origin& origin) {
  const auto matched =
      check_code(database_, caller.account.id, CodePurpose::verify_phone, code, clock_.now());
  if (!matched || matched->phone_id != phone_id) {
    return fail(caller.account, caller.organisation.id, "auth.phone-enrolment", origin);
  }
  auto tx = database_.write();
  verify_phone(tx, phone_id);
  complete(tx, caller, "auth.phone-enrolment", origin);
  return Outcome::ok;
}

Outcome SignIn::with_code(const Caller& caller, const std::string& code, const Origin& origin) {
  std::optional<Credentials> c;
  {
    auto session = database_.read();
    c = find_credentials(session, caller.account.id);
  }
  if (!c || locked(*c)) return Outcome::locked;
  if (!c->totp_secret.empty()) {
    const auto step = verify_totp(c->totp_secret, code, clock_.now(), c->totp_last_step);
    if (step) {
      auto tx = database_.write();
      if (use_totp_step(tx, caller.account.id, *step)) {
        complete(tx, caller, "auth.second-factor", origin);
        return Outcome::ok;
      }
    }
  }
  if (check_code(database_, caller.account.id, CodePurpose::sign_in, code, clock_.now())) {
    auto tx = database_.write();
    complete(tx, caller, "auth.second-factor", origin);
    return Outcome::ok;
  }
  return fail(caller.account, caller.organisation.id, "auth.second-factor", origin);
}

void SignIn::sign_out(const Caller& caller, const Origin& origin) {
  auto tx = database_.write();
  revoke_session(tx, caller.session_id);
  audit::append(tx,
                event("auth.sign-out", audit::Outcome::success, origin, caller.account.id,
                      caller.organisation.id),
                clock_.now());
  tx.commit();
}

Outcome SignIn::reauthenticate(const Caller& caller, const std::string& password,
                               const std::string& code, const std::string& type,
                               const Origin& origin) {
  std::optional<Credentials> c;
  {
    auto session = database_.read();
    c = find_credentials(session, caller.account.id);
  }
  if (!c || locked(*c)) return Outcome::locked;
  bool ok = verify(c->password_hash, password);  // on the hashing pool, like sign-in
  if (ok && !c->totp_secret.empty()) {
    const auto step = verify_totp(c->totp_secret, code, clock_.now(), c->totp_last_step);
    if (step) {
      auto tx = database_.write();
      ok = use_totp_step(tx, caller.account.id, *step);
      tx.commit();
      if (ok) return Outcome::ok;
    }
  }
  if (ok && check_code(database_, caller.account.id, CodePurpose::sign_in, code, clock_.now())) {
    return Outcome::ok;
  }
  return fail(caller.account, caller.organisation.id, type, origin);
}

}  // namespace hersys::identity
