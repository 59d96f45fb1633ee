#include "notify/transports.h"

#include <curl/curl.h>
#include <sodium.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>

namespace hersys::notify {
namespace {

constexpr long kTimeoutSeconds = 30;

void ensure_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One libcurl easy handle with its header list, released on scope exit.
class Curl {
 public:
  Curl() {
    ensure_curl();
    handle_ = curl_easy_init();
    if (!handle_) throw DeliveryError("curl_easy_init failed", false);
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT, kTimeoutSeconds);
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT, 10L);
  }
  ~Curl() {
    if (headers_) curl_slist_free_all(headers_);
    if (recipients_) curl_slist_free_all(recipients_);
    curl_easy_cleanup(handle_);
  }
  Curl(const Curl&) = delete;
  Curl& operator=(const Curl&) = delete;

  CURL* get() const { return handle_; }
  void add_header(const std::string& header) {
    headers_ = curl_slist_append(headers_, header.c_str());
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
  }
  void add_recipient(const std::string& recipient) {
    recipients_ = curl_slist_append(recipients_, recipient.c_str());
    curl_easy_setopt(handle_, CURLOPT_MAIL_RCPT, recipients_);
  }
  std::string escape(const std::string& s) const {
    char* escaped = curl_easy_escape(handle_, s.data(), static_cast<int>(s.size()));
    std::string result = escaped ? escaped : "";
    curl_free(escaped);
    return result;
  }
  // Performs the transfer; a transport-level failure (no connection, timeout) is temporary.
  long perform() {
    const auto code = curl_easy_perform(handle_);
    long status = 0;
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK) {
      // A final refusal by the relay (5xx) will not change on a retry.
      const bool permanent = status >= 500 && status < 600 && code != CURLE_OPERATION_TIMEDOUT;
      throw DeliveryError(std::string(curl_easy_strerror(code)) +
                              (status ? " (status " + std::to_string(status) + ")" : ""),
                          permanent);
    }
    return status;
  }

 private:
  CURL* handle_ = nullptr;
  curl_slist* headers_ = nullptr;
  curl_slist* recipients_ = nullptr;
};

std::string base64(std::string_view data) {
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Base64 in lines of 76 characters (RFC 2045).
std::string base64_lines(std::string_view data) {
  const auto encoded = base64(data);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

std::string rfc5322_date() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

// Reads a string out to libcurl piece by piece (CURLOPT_READFUNCTION).
struct Upload {
  std::string data;
  size_t offset = 0;
  static size_t read(char* buffer, size_t size, size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
  }
};

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {}
  std::string name() const override { return "smtp"; }

  void deliver(const StoredMessage& message) override {
    Curl curl;
    Upload upload{email_payload(message, settings_.from, rfc5322_date())};
    curl_easy_setopt(curl.get(), CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_USE_SSL,
                     settings_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    if (!settings_.username.empty()) {
      curl_easy_setopt(curl.get(), CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const auto from = "<" + settings_.from + ">";
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
    curl.add_recipient("<" + message.message.recipient + ">");
    curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, &Upload::read);
    curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
    curl.perform();
  }

 private:
  SmtpSettings settings_;
};

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

class ProviderTransport final : public Transport {
 public:
  explicit ProviderTransport(ProviderSettings settings) : settings_(std::move(settings)) {
    while (!settings_.base_url.empty() && settings_.base_url.back() == '/') {
      settings_.base_url.pop_back();
    }
  }
  std::string name() const override { return "provider"; }

  void deliver(const StoredMessage& message) override {
    Curl curl;
    const bool voice = message.message.channel == Channel::voice;
    const auto url = settings_.base_url + "/2010-04-01/Accounts/" +
                     curl.escape(settings_.account_sid) +
                     (voice ? "/Calls.json" : "/Messages.json");
    std::string form =
        "To=" + curl.escape(message.message.recipient) + "&From=" + curl.escape(settings_.from);
    if (voice) {
      // Read twice, slowly enough to write down: the listener has no screen to look back at.
      const auto said = xml_escape(message.message.body);
      form += "&Twiml=" + curl.escape("<Response><Say language=\"ja-JP\">" + said +
                                      "</Say><Pause length=\"1\"/><Say language=\"ja-JP\">" + said +
                                      "</Say></Response>");
    } else {
      form += "&Body=" + curl.escape(message.message.body);
    }
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, settings_.account_sid.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, settings_.auth_token.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &discard);
    curl.add_header("I-Twilio-Idempotency-Token: hersys-outbox-" + std::to_string(message.id));
    const long status = curl.perform();
    if (status >= 200 && status < 300) return;
    const bool retry = status == 429 || status >= 500;
    throw DeliveryError("provider answered " + std::to_string(status), !retry);
  }

 private:
  ProviderSettings settings_;
};

class LocalSink final : public Transport {
 public:
  std::string name() const override { return "local"; }
  void deliver(const StoredMessage&) override {}
};

}  // namespace

std::string email_payload(const StoredMessage& message, const std::string& from,
                          const std::string& date_rfc5322) {
  std::string payload;
  payload += "Date: " + date_rfc5322 + "\r\n";
  payload += "From: " + from + "\r\n";
  payload += "To: " + message.message.recipient + "\r\n";
  payload += "Subject: =?UTF-8?B?" + base64(message.message.subject) + "?=\r\n";
  // Stable across retries, so a receiver can drop a second copy after a worker restart.
  const auto domain = from.substr(from.find('@') + 1);
  payload += "Message-ID: <hersys-outbox-" + std::to_string(message.id) + "@" + domain + ">\r\n";
  payload += "MIME-Version: 1.0\r\n";
  payload += "Content-Type: text/plain; charset=UTF-8\r\n";
  payload += "Content-Transfer-Encoding: base64\r\n";
  payload += "\r\n";
  payload += base64_lines(message.message.body);
  return payload;
}

std::unique_ptr<Transport> smtp_transport(SmtpSettings settings) {
  return std::make_unique<SmtpTransport>(std::move(settings));
}
std::unique_ptr<Transport> provider_transport(ProviderSettings settings) {
  return std::make_unique<ProviderTransport>(std::move(settings));
}
std::unique_ptr<Transport> local_sink() { return std::make_unique<LocalSink>(); }

Transports configure(const SmtpSettings& smtp, const ProviderSettings& provider,
                     std::vector<std::string>& unconfigured) {
  Transports transports;
  std::shared_ptr<Transport> sink = local_sink();
  if (smtp.url.empty()) {
    transports.email = sink;
    unconfigured.emplace_back("e-mail (--smtp-url)");
  } else {
    transports.email = smtp_transport(smtp);
  }
  if (provider.base_url.empty()) {
    transports.sms = transports.voice = sink;
    unconfigured.emplace_back("SMS and voice (--sms-provider-url)");
  } else {
    transports.sms = transports.voice = provider_transport(provider);
  }
  return transports;
}

}  // namespace hersys::notify
