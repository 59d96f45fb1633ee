#pragma once
// What an account holder manages for themselves: phones for the second factor (SPEC AUTH-2)
// and API tokens for system integration. Codes sent to phones are single use, stored only
// hashed, live 5 minutes, allow 5 tries, and at most 5 are sent per 15 minutes.
#include "identity/access.h"
#include "identity/store.h"
#include "platform/errors.h"

namespace hersys::identity {

inline constexpr auto kCodeLifetime = std::chrono::minutes(5);
inline constexpr int kCodeAttempts = 5;
inline constexpr int kCodesPerWindow = 5;
inline constexpr auto kCodeWindow = std::chrono::minutes(15);
inline constexpr auto kMaxTokenLifetime = std::chrono::days(365);

enum class CodePurpose { sign_in, verify_phone };

// Why a code was not sent.
enum class SendOutcome { sent, too_many, no_such_phone };

// Creates a code for `phone` and queues its SMS or call, in `tx` (the outbox, NTF-3).
void queue_code(db::Transaction& tx, std::int64_t account_id, const Phone& phone,
                CodePurpose purpose, Clock::time_point now);

// Checks `code` against the account's live code for `purpose`, counting the try. The matched
// code (now used) or nullopt.
std::optional<StoredCode> check_code(db::Database& database, std::int64_t account_id,
                                     CodePurpose purpose, std::string_view code,
                                     Clock::time_point now);

// What the account holder is told about by e-mail, through the outbox (issue 19 item 5): changes
// to the account's credentials that someone else holding a session could have made.
enum class SecurityNotice { password_changed, authenticator_replaced, token_created, phone_added };

// Queues the e-mail in `tx`. Accounts have no address of their own: it goes to the
// organisation's address (where its notifications go, ORG-1), naming the account.
void queue_security_notice(db::Transaction& tx, const Caller& caller, SecurityNotice notice,
                           Clock::time_point now);

struct SentCode {
  SendOutcome outcome = SendOutcome::sent;
  Phone phone;  // where it went
};

struct PhoneInput {
  std::string number;
  std::string channel;  // sms or voice
};

struct AddedPhone {
  FieldErrors errors;  // when the number or channel is not acceptable
  SendOutcome outcome = SendOutcome::sent;
  Phone phone;
};

class Factors {
 public:
  Factors(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  std::vector<Phone> phones(const Caller& caller);
  // Registers an unverified phone and sends it a code; verify_phone() confirms it.
  AddedPhone add_phone(const Caller& caller, const PhoneInput& input, const Origin& origin);
  // Sends a new code to an unverified phone.
  SendOutcome resend(const Caller& caller, std::int64_t phone_id, const Origin& origin);
  // True when the code matched: the phone becomes a second factor.
  bool verify_phone(const Caller& caller, std::int64_t phone_id, std::string_view code,
                    const Origin& origin);
  // False when it is the account's last second factor (register another first) or unknown.
  enum class Removal { removed, not_found, last_factor };
  Removal remove_phone(const Caller& caller, std::int64_t phone_id, const Origin& origin);

  std::vector<ApiToken> tokens(const Caller& caller);
  NewApiToken create_token(const Caller& caller, const std::string& name, int days,
                           const Origin& origin);
  bool revoke_token(const Caller& caller, std::int64_t token_id, const Origin& origin);

  // A code to a registered, verified phone for the sign-in step.
  SentCode send_sign_in_code(const Caller& caller, std::int64_t phone_id, const Origin& origin);

 private:
  bool over_send_limit(std::int64_t account_id, Clock::time_point now);
  // The caller's phone `phone_id` if its verified state is `verified`.
  std::optional<Phone> own_phone(const Caller& caller, std::int64_t phone_id, bool verified);
  SendOutcome send(const Caller& caller, const Phone& phone, CodePurpose purpose,
                   const Origin& origin);

  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::identity
