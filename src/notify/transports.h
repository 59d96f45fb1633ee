#pragma once
// How messages leave the system: e-mail over SMTP to a relay (libcurl), SMS and voice calls
// through an HTTP provider API in the common Twilio-compatible shape, or, when nothing is
// configured, a local sink that keeps them in the outbox for `hersys outbox list`.
//
// Delivery is at-least-once (a worker can die after the hand-over and before recording it), so
// every hand-over carries a stable id the receiver can deduplicate on: the e-mail Message-ID
// and the provider's idempotency header are both derived from the outbox id.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "notify/model.h"

namespace hersys::notify {

// A failed hand-over. `permanent` failures (the relay refused the recipient, the provider
// rejected the request) are not retried.
class DeliveryError : public std::runtime_error {
 public:
  DeliveryError(const std::string& message, bool permanent)
      : std::runtime_error(message), permanent_(permanent) {}
  bool permanent() const { return permanent_; }

 private:
  bool permanent_;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::string name() const = 0;  // recorded as delivered_via
  // Hands the message over, or throws DeliveryError. Blocking; called by the worker only.
  virtual void deliver(const StoredMessage& message) = 0;
};

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS used when offered) or smtps://host:port
  std::string from;
  std::string username;  // optional
  std::string password;
  bool require_tls = false;  // refuse to send when the relay offers no STARTTLS
};

struct ProviderSettings {
  std::string base_url;  // e.g. https://api.twilio.com
  std::string account_sid;
  std::string auth_token;
  std::string from;  // the sending number, E.164
};

std::unique_ptr<Transport> smtp_transport(SmtpSettings settings);
// Sends SMS (Messages.json) and places voice calls that read the body aloud (Calls.json).
std::unique_ptr<Transport> provider_transport(ProviderSettings settings);
std::unique_ptr<Transport> local_sink();

struct Transports {
  std::shared_ptr<Transport> email;
  std::shared_ptr<Transport> sms;
  std::shared_ptr<Transport> voice;
};

// The configured transports: SMTP when smtp.url is set, the provider when provider.base_url is
// set, the local sink for whatever is not configured (named in `unconfigured`, for a warning).
Transports configure(const SmtpSettings& smtp, const ProviderSettings& provider,
                     std::vector<std::string>& unconfigured);

// The e-mail as sent: RFC 5322 headers, UTF-8 subject (RFC 2047) and base64 body.
std::string email_payload(const StoredMessage& message, const std::string& from,
                          const std::string& date_rfc5322);

}  // namespace hersys::notify
