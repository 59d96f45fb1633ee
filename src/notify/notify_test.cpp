// The outbox (SPEC NTF-3): same-transaction enqueue, leases, retries, and delivery to a real
// SMTP server and a loopback provider API, on both databases.
#include <gtest/gtest.h>

#include <mutex>

#include "notify/rules.h"
#include "notify/store.h"
#include "notify/worker.h"
#include "platform/db/migrations.h"
#include "platform/http/router.h"
#include "test_support.h"

namespace hersys::notify {
namespace {
using namespace std::chrono_literals;

TEST(NotifyRules, RetryBacksOffToAnHour) {
  EXPECT_EQ(retry_after(1), 30s);
  EXPECT_EQ(retry_after(2), 60s);
  EXPECT_EQ(retry_after(3), 120s);
  EXPECT_EQ(retry_after(8), 3600s);
  EXPECT_EQ(retry_after(11), 3600s);
  EXPECT_EQ(parse_name<Channel>("voice"), Channel::voice);
  EXPECT_FALSE(parse_name<Channel>("fax"));
}

TEST(NotifyRules, EmailPayloadIsUtf8AndCarriesAStableMessageId) {
  StoredMessage m;
  m.id = 42;
  m.message = {Channel::email, "hc@example.jp", "新しい発生届", "HER-SYS ID: 123456789", "t"};
  const auto payload =
      email_payload(m, "noreply@hersys.example", "Sat, 21 Nov 2026 00:00:00 +0000");
  EXPECT_NE(payload.find("Message-ID: <hersys-outbox-42@hersys.example>\r\n"), std::string::npos);
  EXPECT_NE(payload.find("Subject: =?UTF-8?B?5paw44GX44GE55m655Sf5bGK?=\r\n"), std::string::npos);
  EXPECT_NE(payload.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
}

class Outbox : public ::testing::TestWithParam<db::Dialect> {
 protected:
  Outbox() : database_(GetParam()), clock_(Clock::time_point{} + 1'800'000'000s) {
    db::migrate(*database_, clock_);
  }

  std::int64_t enqueue_email(const std::string& subject) {
    auto tx = database_->write();
    const auto id =
        enqueue(tx, {Channel::email, "hc@example.jp", subject, "本文 body", "test"}, clock_.now());
    tx.commit();
    return id;
  }

  std::vector<StoredMessage> all() {
    auto session = database_->read();
    auto messages = list(session, std::nullopt, 100);
    std::reverse(messages.begin(), messages.end());
    return messages;
  }

  test::TestDatabase database_;
  ManualClock clock_;
};

TEST_P(Outbox, AMessageExistsOnlyWithTheChangeThatCausedIt) {
  {
    auto tx = database_->write();
    enqueue(tx, {Channel::sms, "+819012345678", "", "code", "test"}, clock_.now());
    // no commit: the change failed, so no message
  }
  EXPECT_TRUE(all().empty());
  enqueue_email("件名");
  ASSERT_EQ(all().size(), 1u);
  EXPECT_EQ(all()[0].status, Status::pending);
}

TEST_P(Outbox, ALeaseKeepsOtherWorkersOffUntilItRunsOut) {
  enqueue_email("a");
  auto first = claim_next(*database_, clock_.now(), 120s);
  ASSERT_TRUE(first);
  EXPECT_FALSE(claim_next(*database_, clock_.now() + 119s, 120s));
  // The first worker died: after its lease, another takes over, and the first can no longer
  // record an outcome.
  auto second = claim_next(*database_, clock_.now() + 121s, 120s);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->message.id, first->message.id);
  EXPECT_FALSE(mark_sent(*database_, *first, "smtp", clock_.now()));
  EXPECT_TRUE(mark_sent(*database_, *second, "smtp", clock_.now()));
  EXPECT_FALSE(claim_next(*database_, clock_.now() + 1h, 120s));
  EXPECT_EQ(all()[0].status, Status::sent);
  EXPECT_EQ(all()[0].attempts, 1);
}

TEST_P(Outbox, FailuresAreRetriedWithBackOffThenGivenUp) {
  enqueue_email("a");
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    auto claim = claim_next(*database_, clock_.now(), 120s);
    ASSERT_TRUE(claim) << attempt;
    EXPECT_TRUE(mark_failed(*database_, *claim, "connection refused", false, clock_.now()));
    EXPECT_FALSE(claim_next(*database_, clock_.now(), 120s)) << "not due before the back-off";
    clock_.advance(retry_after(attempt));
  }
  EXPECT_EQ(all()[0].status, Status::failed);
  EXPECT_EQ(all()[0].attempts, kMaxAttempts);
  EXPECT_EQ(all()[0].last_error, "connection refused");
}

TEST_P(Outbox, APermanentFailureIsNotRetried) {
  enqueue_email("a");
  auto claim = claim_next(*database_, clock_.now(), 120s);
  mark_failed(*database_, *claim, "550 no such user", true, clock_.now());
  clock_.advance(24h);
  EXPECT_FALSE(claim_next(*database_, clock_.now(), 120s));
  EXPECT_EQ(all()[0].status, Status::failed);
}

TEST_P(Outbox, SmtpDeliverySurvivesARelayOutageAndAWorkerRestart) {
  test::SmtpServer smtp;
  smtp.stop();  // the relay is down when the messages are written
  for (auto subject : {"新しい発生届", "担当保健所に設定されました", "third"}) {
    enqueue_email(subject);
  }
  const auto email = std::shared_ptr<Transport>(
      smtp_transport({.url = smtp.url(), .from = "noreply@hersys.example"}));
  const Transports transports{email, local_sink(), local_sink()};
  {
    Worker worker(*database_, clock_, transports);
    EXPECT_EQ(worker.run_once(), 3);
  }  // the worker stops, as in a restart of `hersys serve`
  for (const auto& m : all()) {
    EXPECT_EQ(m.status, Status::pending);
    EXPECT_EQ(m.attempts, 1);
  }
  // A worker that died holding a lease, mid-delivery.
  auto orphan = claim_next(*database_, clock_.now() + 30s, 120s);
  ASSERT_TRUE(orphan);

  smtp.start();
  clock_.advance(30s);
  Worker restarted(*database_, clock_, transports);
  EXPECT_EQ(restarted.run_once(), 2);  // the orphan's lease still holds
  clock_.advance(121s);
  EXPECT_EQ(restarted.run_once(), 1);
  EXPECT_EQ(restarted.run_once(), 0);

  const auto received = smtp.messages();
  ASSERT_EQ(received.size(), 3u) << "each message exactly once";
  for (const auto& m : all()) {
    EXPECT_EQ(m.status, Status::sent);
    EXPECT_EQ(m.delivered_via, "smtp");
    const auto id = "<hersys-outbox-" + std::to_string(m.id) + "@hersys.example>";
    EXPECT_EQ(std::count_if(received.begin(), received.end(),
                            [&](const std::string& r) { return r.find(id) != std::string::npos; }),
              1);
  }
}

TEST_P(Outbox, TheWorkerThreadDeliversAndStops) {
  test::SmtpServer smtp;
  Transports transports{smtp_transport({.url = smtp.url(), .from = "noreply@hersys.example"}),
                        local_sink(), local_sink()};
  Worker worker(*database_, clock_, transports, {.poll_interval = 20ms});
  worker.start();
  enqueue_email("threaded");
  for (int i = 0; i < 250 && smtp.messages().empty(); ++i) std::this_thread::sleep_for(20ms);
  worker.stop();
  EXPECT_EQ(smtp.messages().size(), 1u);
}

// A loopback stand-in for an SMS/voice provider with the Twilio-compatible API.
class Provider {
 public:
  explicit Provider(http::Status answer) {
    for (auto resource : {"Messages.json", "Calls.json"}) {
      // The provider's body is a form, not JSON.
      router_.add(http::Verb::post, std::string("/2010-04-01/Accounts/{sid}/") + resource,
                  [this, answer](http::Request& request) {
                    std::lock_guard lock(mutex_);
                    requests_.push_back(request);
                    return http::Response::json(answer, {{"sid", "SM1"}});
                  },
                  {.access = http::Access::public_access, .json_body = false});
    }
    server_ = std::make_unique<test::RunningServer>(router_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  std::vector<http::Request> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  http::Router router_;
  std::unique_ptr<test::RunningServer> server_;
  std::mutex mutex_;
  std::vector<http::Request> requests_;
};

TEST_P(Outbox, SmsAndVoiceGoToTheProviderApi) {
  Provider provider(http::Status::created);
  std::shared_ptr<Transport> phone = provider_transport({.base_url = provider.url() + "/",
                                                         .account_sid = "AC123",
                                                         .auth_token = "secret",
                                                         .from = "+815012345678"});
  {
    auto tx = database_->write();
    enqueue(tx, {Channel::sms, "+819012345678", "", "確認コード 123456", "auth.code"},
            clock_.now());
    enqueue(tx, {Channel::voice, "+81312345678", "", "確認コードは 1 2 3 です", "auth.code"},
            clock_.now());
    tx.commit();
  }
  Worker worker(*database_, clock_, {local_sink(), phone, phone});
  EXPECT_EQ(worker.run_once(), 2);
  const auto requests = provider.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, "/2010-04-01/Accounts/AC123/Messages.json");
  EXPECT_EQ(requests[0].headers["Authorization"], "Basic QUMxMjM6c2VjcmV0");  // AC123:secret
  EXPECT_EQ(requests[0].headers["I-Twilio-Idempotency-Token"],
            "hersys-outbox-" + std::to_string(all()[0].id));
  EXPECT_NE(requests[0].body.find("To=%2B819012345678"), std::string::npos);
  EXPECT_NE(requests[0].body.find("Body=%E7%A2%BA"), std::string::npos);
  EXPECT_EQ(requests[1].path, "/2010-04-01/Accounts/AC123/Calls.json");
  EXPECT_NE(requests[1].body.find("Twiml=%3CResponse%3E%3CSay%20language%3D%22ja-JP%22"),
            std::string::npos);
  for (const auto& m : all()) EXPECT_EQ(m.delivered_via, "provider");
}

TEST_P(Outbox, AProviderRefusalIsFinalButItsOutageIsRetried) {
  Provider refusing(http::Status::bad_request);
  Provider down(http::Status::service_unavailable);
  {
    auto tx = database_->write();
    enqueue(tx, {Channel::sms, "+819012345678", "", "x", "t"}, clock_.now());
    tx.commit();
  }
  Worker w1(*database_, clock_,
            {local_sink(), provider_transport({.base_url = down.url(), .account_sid = "A"}),
             local_sink()});
  w1.run_once();
  EXPECT_EQ(all()[0].status, Status::pending);
  clock_.advance(30s);
  Worker w2(*database_, clock_,
            {local_sink(), provider_transport({.base_url = refusing.url(), .account_sid = "A"}),
             local_sink()});
  w2.run_once();
  EXPECT_EQ(all()[0].status, Status::failed);
  EXPECT_EQ(all()[0].last_error, "provider answered 400");
}

INSTANTIATE_TEST_SUITE_P(Backends, Outbox, test::kBothDatabases, test::database_test_name);

}  // namespace
}  // namespace hersys::notify
