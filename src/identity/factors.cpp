#include "identity/factors.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit/log.h"
#include "notify/outbox.h"
#include "platform/crypto/crypto.h"
#include "platform/phone/phone.h"

namespace hersys::identity {
namespace {

std::string_view purpose_name(CodePurpose purpose) {
  return purpose == CodePurpose::sign_in ? "sign_in" : "verify_phone";
}

notify::Message code_message(const Phone& phone, const std::string& code) {
  notify::Message m;
  m.recipient = phone.number;
  m.purpose = "auth.code";
  if (phone.channel == "voice") {
    m.channel = notify::Channel::voice;
    std::string spoken;
    for (char digit : code) spoken += fmt::format("{}、", digit);
    m.body = "こちらはハーシスです。確認コードは、" + spoken + "です。";
  } else {
    m.channel = notify::Channel::sms;
    m.body = fmt::format(
        "【HER-SYS】確認コード: {}\n5分以内に入力してください。このコードを他の人に教えないで"
        "ください。\nYour HER-SYS code is {}. It expires in 5 minutes.",
        code, code);
  }
  return m;
}

struct NoticeText {
  std::string_view purpose, ja, en;
};

NoticeText notice_text(SecurityNotice notice) {
  switch (notice) {
    case SecurityNotice::password_changed:
      return {"auth.password-changed", "パスワードが変更されました", "The password was changed"};
    case SecurityNotice::authenticator_replaced:
      return {"auth.totp-replaced",
              "認証アプリが登録し直されました（ほかのサインインは終了しました）",
              "The authenticator app was replaced (other sessions were ended)"};
    case SecurityNotice::token_created:
      return {"auth.token-created", "APIトークンが作成されました", "An API token was created"};
    case SecurityNotice::phone_added:
      return {"auth.phone-added",
              "電話番号が認証手段として登録されました（ほかのサインインは終了しました）",
              "A phone was added as a second factor (other sessions were ended)"};
  }
  return {};
}

void log_event(db::Transaction& tx, const Caller& caller, const Origin& origin,
               audit::Action action, const std::string& type, const std::string& resource_type,
               std::int64_t resource_id, Clock::time_point now,
               audit::Outcome outcome = audit::Outcome::success) {
  auto e = audit_event(&caller, origin, action, type, resource_type, std::to_string(resource_id));
  e.outcome = outcome;
  audit::append(tx, e, now);
}

FieldErrors check_phone_input(const PhoneInput& input, std::optional<phone::Number>& number) {
  FieldErrors errors;
  number = phone::parse(input.number);
  if (!number) {
    errors.push_back(
        {"number",
         "invalid_phone",
         {"電話番号を確認してください（日本国内の番号。フリーダイヤル等は使えません）。",
          "Check the phone number (a Japanese number; toll-free and similar "
          "numbers cannot be used)."}});
  }
  if (input.channel != "sms" && input.channel != "voice") {
    errors.push_back({"channel",
                      "invalid_choice",
                      {"SMSまたは音声通話を選んでください。", "Choose SMS or voice call."}});
  } else if (number && input.channel == "sms" && !number->receives_sms()) {
    errors.push_back(
        {"channel",
         "sms_needs_mobile",
         {"SMSは携帯電話番号（070・080・090）にのみ送れます。音声通話を選んでください。",
          "SMS can only go to mobile numbers (070, 080, 090). Choose a voice call."}});
  }
  return errors;
}

}  // namespace

void queue_security_notice(db::Transaction& tx, const Caller& caller, SecurityNotice notice,
                           Clock::time_point now) {
  if (caller.organisation.email.empty()) return;
  const auto text = notice_text(notice);
  notify::Message m;
  m.channel = notify::Channel::email;
  m.recipient = caller.organisation.email;
  m.purpose = std::string(text.purpose);
  m.subject = fmt::format("【HER-SYS】{} / {}", text.ja, text.en);
  m.body = fmt::format(
      "アカウント {}（{}）: "
      "{}。\n心当たりがない場合は、すぐにアカウントの発行元に連絡してください。"
      "\n\nAccount {} ({}): {}.\nIf this was not you, tell whoever issued the account at once.\n",
      caller.account.login_id, caller.account.display_name, text.ja, caller.account.login_id,
      caller.account.display_name, text.en);
  notify::enqueue(tx, m, now);
}

void queue_code(db::Transaction& tx, std::int64_t account_id, const Phone& phone,
                CodePurpose purpose, Clock::time_point now) {
  const auto code = fmt::format("{:06}", crypto::random_below(1'000'000));
  create_code(tx, account_id, phone.id, std::string(purpose_name(purpose)), code,
              now + kCodeLifetime, now);
  notify::enqueue(tx, code_message(phone, code), now);
}

std::optional<StoredCode> check_code(db::Database& database, std::int64_t account_id,
                                     CodePurpose purpose, std::string_view code,
                                     Clock::time_point now) {
  std::optional<StoredCode> live;
  {
    auto session = database.read();
    live = find_live_code(session, account_id, std::string(purpose_name(purpose)), now);
  }
  if (!live) return std::nullopt;
  auto tx = database.write();
  if (live->attempts >= kCodeAttempts) {
    use_code(tx, live->id);  // spent: a new code must be sent
    tx.commit();
    return std::nullopt;
  }
  count_code_attempt(tx, live->id);
  const bool ok = code_matches(*live, code) && use_code(tx, live->id);
  tx.commit();
  if (!ok) return std::nullopt;
  return live;
}

bool Factors::over_send_limit(std::int64_t account_id, Clock::time_point now) {
  auto session = database_.read();
  return codes_sent_since(session, account_id, now - kCodeWindow) >= kCodesPerWindow;
}

SendOutcome Factors::send(const Caller& caller, const Phone& phone, CodePurpose purpose,
                          const Origin& origin) {
  const auto now = clock_.now();
  if (over_send_limit(caller.account.id, now)) return SendOutcome::too_many;
  auto tx = database_.write();
  queue_code(tx, caller.account.id, phone, purpose, now);
  log_event(tx, caller, origin, audit::Action::execute, "auth.code-sent", "Phone", phone.id, now);
  tx.commit();
  return SendOutcome::sent;
}

std::optional<Phone> Factors::own_phone(const Caller& caller, std::int64_t phone_id,
                                        bool verified) {
  auto session = database_.read();
  auto phone = find_phone(session, caller.account.id, phone_id);
  if (!phone || phone->verified != verified) return std::nullopt;
  return phone;
}

std::vector<Phone> Factors::phones(const Caller& caller) {
  auto session = database_.read();
  return list_phones(session, caller.account.id);
}

AddedPhone Factors::add_phone(const Caller& caller, const PhoneInput& input, const Origin& origin) {
  AddedPhone added;
  std::optional<phone::Number> number;
  added.errors = check_phone_input(input, number);
  if (!added.errors.empty()) return added;
  const auto now = clock_.now();
  if (over_send_limit(caller.account.id, now)) {
    added.outcome = SendOutcome::too_many;
    return added;
  }
  auto tx = database_.write();
  added.phone = {0, number->e164, input.channel, false};
  added.phone.id = identity::add_phone(tx, caller.account.id, number->e164, input.channel, now);
  queue_code(tx, caller.account.id, added.phone, CodePurpose::verify_phone, now);
  log_event(tx, caller, origin, audit::Action::create, "auth.phone-add", "Phone", added.phone.id,
            now);
  tx.commit();
  return added;
}

SendOutcome Factors::resend(const Caller& caller, std::int64_t phone_id, const Origin& origin) {
  const auto phone = own_phone(caller, phone_id, false);
  if (!phone) return SendOutcome::no_such_phone;
  return send(caller, *phone, CodePurpose::verify_phone, origin);
}

SentCode Factors::send_sign_in_code(const Caller& caller, std::int64_t phone_id,
                                    const Origin& origin) {
  const auto phone = own_phone(caller, phone_id, true);
  if (!phone) return {SendOutcome::no_such_phone, {}};
  return {send(caller, *phone, CodePurpose::sign_in, origin), *phone};
}

bool Factors::verify_phone(const Caller& caller, std::int64_t phone_id, std::string_view code,
                           const Origin& origin) {
  const auto now = clock_.now();
  const auto matched =
      check_code(database_, caller.account.id, CodePurpose::verify_phone, code, now);
  auto tx = database_.write();
  const bool ok = matched && matched->phone_id == phone_id;
  if (ok) identity::verify_phone(tx, phone_id);
  if (ok && caller.stage == Stage::active) {  // a new second factor: other sessions end (item 5)
    revoke_sessions_of(tx, caller.account.id, caller.session_id);
    queue_security_notice(tx, caller, SecurityNotice::phone_added, now);
  }
  log_event(tx, caller, origin, audit::Action::update, "auth.phone-verify", "Phone", phone_id, now,
            ok ? audit::Outcome::success : audit::Outcome::failure);
  tx.commit();
  return ok;
}

Factors::Removal Factors::remove_phone(const Caller& caller, std::int64_t phone_id,
                                       const Origin& origin) {
  std::vector<Phone> phones;
  std::optional<Credentials> credentials;
  {
    auto session = database_.read();
    phones = list_phones(session, caller.account.id);
    credentials = find_credentials(session, caller.account.id);
  }
  const auto it =
      std::find_if(phones.begin(), phones.end(), [&](const Phone& p) { return p.id == phone_id; });
  if (it == phones.end()) return Removal::not_found;
  const auto other_factors =
      std::count_if(phones.begin(), phones.end(),
                    [&](const Phone& p) { return p.verified && p.id != phone_id; }) +
      (credentials && !credentials->totp_secret.empty() ? 1 : 0);
  if (it->verified && other_factors == 0) return Removal::last_factor;
  const auto now = clock_.now();
  auto tx = database_.write();
  identity::remove_phone(tx, caller.account.id, phone_id, now);
  log_event(tx, caller, origin, audit::Action::remove, "auth.phone-remove", "Phone", phone_id, now);
  tx.commit();
  return Removal::removed;
}

std::vector<ApiToken> Factors::tokens(const Caller& caller) {
  auto session = database_.read();
  return list_api_tokens(session, caller.account.id);
}

NewApiToken Factors::create_token(const Caller& caller, const std::string& name, int days,
                                  const Origin& origin) {
  const auto now = clock_.now();
  auto tx = database_.write();
  auto token = create_api_token(tx, caller.account.id, name, now + std::chrono::days(days), now);
  log_event(tx, caller, origin, audit::Action::create, "auth.token-create", "ApiToken",
            token.token.id, now);
  queue_security_notice(tx, caller, SecurityNotice::token_created, now);
  tx.commit();
  return token;
}

bool Factors::revoke_token(const Caller& caller, std::int64_t token_id, const Origin& origin) {
  const auto now = clock_.now();
  auto tx = database_.write();
  if (!revoke_api_token(tx, caller.account.id, token_id)) return false;
  log_event(tx, caller, origin, audit::Action::remove, "auth.token-revoke", "ApiToken", token_id,
            now);
  tx.commit();
  return true;
}

}  // namespace hersys::identity
