// The password step under attack, over real HTTP on both databases (SPEC AUTH-3, ACL-7; issue 19
// items 2, 3 and 7): the lockout counts per account and source and never ends sessions, the
// throttle answers 429 with Retry-After, a locked account answers like an unknown login id,
// hashing has a bounded pool of its own, and repeated identical failures are logged once with a
// count. The clock is a ManualClock: no test waits for a delay to pass.
#include <gtest/gtest.h>
#include <liboath/oath.h>

#include <latch>

#include "app/routes.h"
#include "audit/store.h"
#include "browser.h"
#include "identity/api.h"
#include "identity/auth.h"
#include "identity/rules.h"
#include "identity/store.h"
#include "platform/crypto/crypto.h"
#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::identity {
namespace {

using namespace std::chrono_literals;
namespace bhttp = boost::beast::http;
using json = nlohmann::json;
using test::body_of;
using test::Browser;
using test::HttpResponse;

constexpr const char* kPassword = "春の小川はさらさら行くよ";

std::string secret_from(const std::string& otpauth_uri) {
  const auto start = otpauth_uri.find("secret=") + 7;
  std::string base32 = otpauth_uri.substr(start, otpauth_uri.find('&', start) - start);
  while (base32.size() % 8) base32 += '=';
  char* secret = nullptr;
  size_t length = 0;
  EXPECT_EQ(oath_base32_decode(base32.data(), base32.size(), &secret, &length), OATH_OK);
  std::string result(secret, length);
  free(secret);
  return result;
}

Organisation organisation(OrganisationKind kind, std::string code, std::string name,
                          std::string email, std::optional<std::int64_t> parent) {
  return {0,
          kind,
          std::move(code),
          std::move(name),
          "東京都新宿区",
          std::move(email),
          "13",
          "131041",
          parent,
          false,
          kind == OrganisationKind::medical_institution};
}

class LockoutTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  LockoutTest() {
    db::migrate(*db_, clock_);
    const auto hash = crypto::hash_password(kPassword);
    auto tx = db_->write();
    const auto center =
        create_organisation(tx,
                            organisation(OrganisationKind::health_center, "HC-13-0001",
                                         "新宿区保健所", "hc@example.jp", std::nullopt),
                            clock_.now());
    const auto issuer = issue_account(tx, center, "hc-admin", "管理者", Role::admin, hash,
                                      std::nullopt, clock_.now());
    const auto clinic =
        create_organisation(tx,
                            organisation(OrganisationKind::medical_institution, "MI-13-0001",
                                         "新宿クリニック", "clinic@example.jp", center),
                            clock_.now());
    account_id_ =
        issue_account(tx, clinic, "clinic01", "受付1", Role::staff, hash, issuer.id, clock_.now())
            .id;
    issue_account(tx, clinic, "clinic02", "受付2", Role::staff, hash, issuer.id, clock_.now());
    set_password(tx, account_id_, hash, false);
    tx.commit();
    app::register_routes(router_, context_);
    router_.add(http::Verb::get, "/api/v1/test/private", [](http::Request& r) {
      return http::Response::json(http::Status::ok, {{"login_id", caller_of(r).account.login_id}});
    });
    server_ = std::make_unique<test::RunningServer>(router_);
  }

  Browser from(const std::string& address) { return Browser{server_->port(), {}, {}, {}, address}; }

  HttpResponse attempt(const std::string& address, const std::string& login_id,
                       const std::string& password) {
    return from(address).post("/api/v1/auth/sign-in",
                              {{"login_id", login_id}, {"password", password}});
  }

  // `n` wrong passwords for clinic01 from `address`, a minute apart (past the throttle's delays).
  void guess(const std::string& address, int n) {
    for (int i = 0; i < n; ++i) {
      clock_.advance(1min);
      auto r = attempt(address, "clinic01", "guess-" + std::to_string(i));
      EXPECT_EQ(r.result_int(), 401) << address << " attempt " << i + 1;
    }
  }

  // clinic01 signed in to an active session from 127.0.0.1 (password, TOTP enrolment).
  Browser signed_in() {
    auto b = from("127.0.0.1");
    EXPECT_EQ(b.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", kPassword}})
                  .result_int(),
              200);
    const auto secret = secret_from(body_of(b.post("/api/v1/auth/totp/enrolment"))["otpauth_uri"]);
    EXPECT_EQ(
        b.post("/api/v1/auth/totp/enrolment/confirm", {{"code", totp_code(secret, clock_.now())}})
            .result_int(),
        200);
    return b;
  }

  std::vector<std::string> alerts() {
    std::vector<std::string> to;
    for (const auto& row :
         db_->read()
             .query("SELECT recipient FROM outbox WHERE purpose = 'auth.attack' ORDER BY id")
             .rows) {
      to.push_back(row.text(0));
    }
    return to;
  }

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + 1h};
  test::TestDatabase db_{GetParam()};
  app::Context context_{*db_, clock_};
  http::Router router_;
  std::unique_ptr<test::RunningServer> server_;
  std::int64_t account_id_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, LockoutTest, test::kBothDatabases, test::database_test_name);

// issue 19 item 2, AUTH-3: five wrong passwords from a stranger used to end the real user's
// sessions and lock the account for everyone.
TEST_P(LockoutTest, AStrangersWrongPasswordsEndNoSessionAndLockOnlyTheStranger_Issue19Item2) {
  auto user = signed_in();
  guess("127.0.0.2", 5);
  EXPECT_EQ(user.get("/api/v1/test/private").result_int(), 200);  // the session lives on

  // The stranger's source is locked out of the account, and only it.
  clock_.advance(1min);  // past the delay per login id
  EXPECT_EQ(body_of(attempt("127.0.0.2", "clinic01", kPassword))["code"], "account_locked");
  EXPECT_EQ(attempt("127.0.0.1", "clinic01", kPassword).result_int(), 200);
  EXPECT_EQ(attempt("127.0.0.3", "clinic01", kPassword).result_int(), 200);

  // Further guesses while locked do not count; the lock ends after 15 minutes, and the next
  // failure locks the source again for twice as long.
  guess("127.0.0.2", 3);
  EXPECT_EQ(user.get("/api/v1/test/private").result_int(), 200);
  clock_.advance(15min);
  guess("127.0.0.2", 1);
  clock_.advance(16min);
  EXPECT_EQ(body_of(attempt("127.0.0.2", "clinic01", kPassword))["code"], "account_locked");
  clock_.advance(15min);
  EXPECT_EQ(attempt("127.0.0.2", "clinic01", kPassword).result_int(), 200);
  EXPECT_TRUE(audit::verify(*db_).intact());
}

// issue 19 item 2, AUTH-3: the account locks for everyone only when many sources are locked out
// of it at once, for an hour, without ending sessions; the issuer can unlock it.
TEST_P(LockoutTest, ManySourcesLockTheAccountForEveryoneForAnHour_Issue19Item2) {
  auto user = signed_in();
  for (int s = 0; s < kLockedSourcesForAccountLock - 1; ++s) {
    guess("127.0.1." + std::to_string(s + 1), 5);
    EXPECT_EQ(user.get("/api/v1/test/private").result_int(), 200);  // (and it stays active)
  }
  clock_.advance(1min);
  EXPECT_EQ(attempt("127.0.0.1", "clinic01", kPassword).result_int(), 200);  // nine: not yet
  guess("127.0.1.10", 5);
  clock_.advance(1min);
  EXPECT_EQ(body_of(attempt("127.0.0.1", "clinic01", kPassword))["code"], "account_locked");
  EXPECT_EQ(user.get("/api/v1/test/private").result_int(), 200);
  clock_.advance(kAccountLockForManySources);
  EXPECT_EQ(attempt("127.0.0.1", "clinic01", kPassword).result_int(), 200);
}

// issue 19 item 2: the account holder's organisation and the issuer's are told by e-mail, once
// per episode, not per attempt.
TEST_P(LockoutTest, TheHolderAndTheIssuerAreToldOncePerEpisode_Issue19Item2) {
  guess("127.0.0.2", 4);
  EXPECT_TRUE(alerts().empty());
  guess("127.0.0.2", 1);
  EXPECT_EQ(alerts(), (std::vector<std::string>{"clinic@example.jp", "hc@example.jp"}));
  guess("127.0.0.3", 5);
  guess("127.0.0.2", 3);
  EXPECT_EQ(alerts().size(), 2u);
  clock_.advance(kAttackEpisode);
  guess("127.0.0.4", 5);
  EXPECT_EQ(alerts().size(), 4u);
  const auto body = db_->read().query_one(
      "SELECT body FROM outbox WHERE purpose = 'auth.attack' ORDER BY id LIMIT 1");
  EXPECT_NE(body->text(0).find("clinic01"), std::string::npos);
}

// issue 19 items 2 and 7: growing delays per login id and per source, and a rate limit per
// source, answered 429 with Retry-After at once.
TEST_P(LockoutTest, ThrottledAttemptsAnswer429WithRetryAfter_Issue19Items2And7) {
  // Per login id (over all sources): three failures free, then 1 s, 2 s, 4 s ...
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(attempt("127.0.0." + std::to_string(2 + i), "clinic01", "x").result_int(), 401);
  }
  auto throttled = attempt("127.0.0.9", "clinic01", kPassword);
  EXPECT_EQ(throttled.result_int(), 429);
  EXPECT_EQ(body_of(throttled)["code"], "too_many_attempts");
  EXPECT_EQ(throttled[bhttp::field::retry_after], "1");
  clock_.advance(1s);
  EXPECT_EQ(attempt("127.0.0.9", "clinic01", "x").result_int(), 401);
  EXPECT_EQ(attempt("127.0.0.9", "clinic01", "x")[bhttp::field::retry_after], "2");
  // Unknown login ids are throttled alike (the throttle says nothing about which ids exist).
  for (int i = 0; i < 3; ++i) attempt("127.0.0.5", "nobody", "x");
  EXPECT_EQ(attempt("127.0.0.6", "nobody", "x")[bhttp::field::retry_after], "1");

  // Per source (over all login ids): ten failures free, then growing delays.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(attempt("127.0.0.7", "unknown" + std::to_string(i), "x").result_int(), 401) << i;
  }
  EXPECT_EQ(attempt("127.0.0.7", "someone-else", "x").result_int(), 429);
  EXPECT_EQ(attempt("127.0.0.8", "someone-else", "x").result_int(), 401);

  // The rate limit per source: a burst of 30, then one every 2 s, whatever the outcome.
  clock_.advance(1h);
  int refused = 0;
  for (int i = 0; i < 31; ++i) {
    if (attempt("127.0.0.10", i % 2 ? "clinic02" : "clinic01", kPassword).result_int() == 429) {
      ++refused;
    }
  }
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(attempt("127.0.0.10", "clinic02", kPassword)[bhttp::field::retry_after], "2");
}

std::string answer_of(const HttpResponse& r) {
  auto body = body_of(r);
  body.erase("instance");  // the request's own id, if any
  body.erase("request_id");
  return std::to_string(r.result_int()) + " " + std::string(r[bhttp::field::content_type]) + " " +
         body.dump();
}

// issue 19 item 3, AUTH-3: a locked account answered 403 account_locked (and at once, without
// argon2), an unknown login id 401. Now both answer alike, in alike time; only the correct
// password learns of the lock.
TEST_P(LockoutTest, ALockedAccountAnswersLikeAnUnknownLoginId_Issue19Item3) {
  guess("127.0.0.1", 5);  // 127.0.0.1 is locked out of clinic01
  {
    auto tx = db_->write();  // clinic02 is locked for everyone (as after wrong codes)
    lock_account(tx, account_id_ + 1, clock_.now() + 1h);
    tx.commit();
  }
  using Clock = std::chrono::steady_clock;
  std::map<std::string, std::vector<double>> seconds;
  std::map<std::string, std::string> answers;
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> cases = {
      {"unknown", {"127.0.0.11", "nobody-here"}},
      {"source locked", {"127.0.0.1", "clinic01"}},
      {"account locked", {"127.0.0.12", "clinic02"}},
      {"wrong password", {"127.0.0.13", "clinic01"}},
  };
  for (int round = 0; round < 7; ++round) {
    for (const auto& [what, who] : cases) {
      clock_.advance(1min);
      const auto started = Clock::now();
      auto r = attempt(who.first, who.second, "wrong-" + std::to_string(round));
      seconds[what].push_back(std::chrono::duration<double>(Clock::now() - started).count());
      if (round == 0) answers[what] = answer_of(r);
      EXPECT_EQ(answer_of(r), answers[what]) << what;
    }
  }
  for (const auto& [what, answer] : answers) {
    EXPECT_EQ(answer, answers["unknown"]) << what;
  }
  EXPECT_EQ(body_of(attempt("127.0.0.11", "nobody-here", "x"))["code"], "invalid_credentials");
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  // An answer without argon2 takes about a hundredth of one with it, so bounds of a quarter and
  // four times catch a missing hash while a loaded machine's noise (seen: 0.49) passes.
  const double unknown = median(seconds["unknown"]);
  for (const auto& [what, times] : seconds) {
    const double ratio = median(times) / unknown;
    EXPECT_GT(ratio, 0.25) << what << ": " << median(times) << " s against " << unknown << " s";
    EXPECT_LT(ratio, 4.0) << what << ": " << median(times) << " s against " << unknown << " s";
  }
  // The correct password learns it.
  clock_.advance(1min);
  EXPECT_EQ(body_of(attempt("127.0.0.1", "clinic01", kPassword))["code"], "account_locked");
  EXPECT_EQ(body_of(attempt("127.0.0.12", "clinic02", kPassword))["code"], "account_locked");
}

// issue 19 item 7: repeated identical failures (same source, same login id, same reason) are one
// access-log record with a count per minute, not one record each.
TEST_P(LockoutTest, RepeatedIdenticalFailuresAreOneRecordWithACount_Issue19Item7) {
  auto count = [this] {
    return db_->read()
        .query_one("SELECT COUNT(*) FROM audit_log WHERE type = 'auth.sign-in'")
        ->integer(0);
  };
  for (int i = 0; i < 20; ++i) {
    clock_.advance(1s);
    attempt("127.0.0.2", "nobody", "x");  // 3 unknown_login_id, then throttled ones
  }
  EXPECT_LE(count(), 2);  // the first unknown_login_id and the first throttled
  clock_.advance(2min);
  attempt("127.0.0.3", "someone", "x");  // any attempt writes the summaries of ended windows
  const auto log = db_->read().query(
      "SELECT outcome, detail FROM audit_log WHERE type = 'auth.sign-in' "
      "AND client_address = '127.0.0.2' ORDER BY id");
  EXPECT_LE(log.rows.size(), 4u);
  int attempts = 0;
  for (const auto& row : log.rows) {
    const auto detail = row.text(1);
    ++attempts;
    if (const auto at = detail.find("repeated "); at != std::string::npos) {
      EXPECT_NE(detail.find("more times within 60 s"), std::string::npos) << detail;
      attempts += std::stoi(detail.substr(at + 9)) - 1;  // the summary stands for its repeats
    }
    EXPECT_EQ(detail.find("nobody"), std::string::npos);  // login ids as typed: never
  }
  EXPECT_EQ(attempts, 20) << "every attempt is counted";
  EXPECT_TRUE(audit::verify(*db_).intact());
}

// issue 19 item 7: password hashing has a bounded pool of its own; when it is full, sign-in is
// answered 503 busy with Retry-After at once, and other requests are served meanwhile.
TEST_P(LockoutTest, AFullHashingPoolAnswersBusyAtOnceAndOthersAreServed_Issue19Item7) {
  auto pool = std::make_shared<concurrency::BoundedPool>(1, 0);
  http::Router router;
  register_routes(router, *db_, clock_, {.hashing = pool});
  test::RunningServer server(router);
  Browser user{server.port(), {}, {}, {}, {}};
  ASSERT_EQ(user.post("/api/v1/auth/sign-in", {{"login_id", "clinic01"}, {"password", kPassword}})
                .result_int(),
            200);

  std::latch release(1);
  ASSERT_TRUE(pool->try_submit([&] { release.wait(); }));  // the pool's one thread is taken
  const auto started = std::chrono::steady_clock::now();
  Browser stranger{server.port(), {}, {}, {}, "127.0.0.2"};
  auto busy = stranger.post("/api/v1/auth/sign-in", {{"login_id", "nobody"}, {"password", "x"}});
  EXPECT_EQ(busy.result_int(), 503);
  EXPECT_EQ(body_of(busy)["code"], "busy");
  EXPECT_FALSE(busy[bhttp::field::retry_after].empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_EQ(user.get("/api/v1/auth/me").result_int(), 200);
  release.count_down();
  while (pool->load() > 0) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(stranger.post("/api/v1/auth/sign-in", {{"login_id", "nobody"}, {"password", "x"}})
                .result_int(),
            401);
}

}  // namespace
}  // namespace hersys::identity
