#pragma once
// Public: the messages every feature queues (outbox.h).
// Messages to people outside the system (SPEC NTF-1..3): e-mail to staff, SMS and voice calls
// to phones. Features put them in the outbox in the transaction of the change that causes them;
// the worker delivers them.
#include <cstdint>
#include <optional>
#include <string>

#include "platform/enum_names.h"

namespace hersys::notify {

enum class Channel { email, sms, voice };

constexpr std::string_view name_of(Channel value) {
  switch (value) {
    case Channel::email: return "email";
    case Channel::sms: return "sms";
    case Channel::voice: return "voice";
  }
  return {};
}

struct Message {
  Channel channel = Channel::email;
  std::string recipient;  // e-mail address, or a phone number in E.164 ("+8190...")
  std::string subject;    // e-mail only
  std::string body;
  std::string purpose;  // what it is for, e.g. "auth.code", "report.submitted" (safe to log)
};

enum class Status { pending, sent, failed };

constexpr std::string_view name_of(Status value) {
  switch (value) {
    case Status::pending: return "pending";
    case Status::sent: return "sent";
    case Status::failed: return "failed";
  }
  return {};
}

struct StoredMessage {
  std::int64_t id = 0;
  Message message;
  Status status = Status::pending;
  int attempts = 0;
  std::string created_at;
  std::string next_attempt_at;
  std::optional<std::string> sent_at;
  std::string delivered_via;  // smtp, provider, local
  std::string last_error;
};

}  // namespace hersys::notify
