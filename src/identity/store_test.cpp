#include "identity/store.h"

#include <gtest/gtest.h>

#include "platform/crypto/crypto.h"
#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::identity {
namespace {

constexpr const char* kInitial = "initial-Pass-2026";
using namespace std::chrono_literals;

const Clock::time_point kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + 1h;

class IdentityStoreTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  IdentityStoreTest() {
    SystemClock clock;
    db::migrate(*db_, clock);
    auto tx = db_->write();
    Organisation prefecture{0,
                            OrganisationKind::prefecture,
                            "13",
                            "東京都",
                            "東京都新宿区",
                            "pref@example.jp",
                            "13",
                            "",
                            std::nullopt,
                            false,
                            false};
    prefecture_id_ = create_organisation(tx, prefecture, kNow);
    Organisation center{0,
                        OrganisationKind::health_center,
                        "HC-13-0001",
                        "新宿区保健所",
                        "東京都新宿区",
                        "hc@example.jp",
                        "13",
                        "131041",
                        prefecture_id_,
                        true,
                        false};
    center_id_ = create_organisation(tx, center, kNow);
    issued_ = {issue_account(tx, center_id_, "shinjuku-hc01", "感染症係1", Role::admin,
                             crypto::hash_password(kInitial), std::nullopt, kNow),
               kInitial};
    tx.commit();
  }
  test::TestDatabase db_{GetParam()};
  std::int64_t prefecture_id_ = 0, center_id_ = 0;
  IssuedAccount issued_;
};

INSTANTIATE_TEST_SUITE_P(Backends, IdentityStoreTest, test::kBothDatabases,
                         test::database_test_name);

}  // namespace

TEST_P(IdentityStoreTest, OrganisationsRoundTrip) {
  auto session = db_->read();
  auto center = find_organisation(session, center_id_);
  ASSERT_TRUE(center);
  EXPECT_EQ(center->kind, OrganisationKind::health_center);
  EXPECT_EQ(center->name, "新宿区保健所");
  EXPECT_EQ(center->parent_id, prefecture_id_);
  EXPECT_TRUE(center->city_health_center);
  EXPECT_EQ(find_organisation_by_code(session, "13")->id, prefecture_id_);
  EXPECT_FALSE(find_organisation(session, 999999));
}

TEST_P(IdentityStoreTest, IssuedAccountsMustChangeTheirHashedInitialPassword) {
  auto session = db_->read();
  auto c = find_credentials(session, "shinjuku-hc01");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->account.must_change_password);
  EXPECT_FALSE(c->account.totp_enrolled);
  EXPECT_EQ(c->account.role, Role::admin);
  EXPECT_NE(c->password_hash, issued_.initial_password);
  EXPECT_TRUE(crypto::verify_password(c->password_hash, issued_.initial_password));
  EXPECT_FALSE(find_credentials(session, "nobody"));

  auto tx = db_->write();
  EXPECT_THROW(
      issue_account(tx, center_id_, "shinjuku-hc01", "dup", Role::staff, "x", std::nullopt, kNow),
      db::UniqueViolation);
}

TEST_P(IdentityStoreTest, FailuresLocksAndTotp) {
  const auto id = issued_.account.id;
  {
    auto tx = db_->write();
    for (int i = 1; i <= 5; ++i) EXPECT_EQ(add_failure(tx, id), i);
    lock_account(tx, id, kNow + 15min);
    tx.commit();
  }
  auto session = db_->read();
  auto locked = find_credentials(session, id);
  EXPECT_EQ(locked->failed_attempts, 5);
  EXPECT_EQ(locked->locked_until, kNow + 15min);
  {
    auto tx = db_->write();
    clear_failures(tx, id);
    set_totp(tx, id, "12345678901234567890", 42);
    tx.commit();
  }
  auto cleared = find_credentials(session, id);
  EXPECT_EQ(cleared->failed_attempts, 0);
  EXPECT_FALSE(cleared->locked_until);
  EXPECT_TRUE(cleared->account.totp_enrolled);
  EXPECT_EQ(cleared->totp_secret, "12345678901234567890");
  EXPECT_EQ(cleared->totp_last_step, 42);
  auto tx = db_->write();
  EXPECT_FALSE(use_totp_step(tx, id, 42));  // already used
  EXPECT_TRUE(use_totp_step(tx, id, 43));
  EXPECT_FALSE(use_totp_step(tx, id, 43));
}

TEST_P(IdentityStoreTest, SessionsAreFoundByTokenOnlyAndRevoked) {
  NewSession s;
  {
    auto tx = db_->write();
    s = create_session(tx, issued_.account.id, Stage::password_change, kNow);
    tx.commit();
  }
  EXPECT_EQ(s.token.size(), 64u);
  auto session = db_->read();
  auto found = find_session(session, s.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->caller.account.login_id, "shinjuku-hc01");
  EXPECT_EQ(found->caller.organisation.id, center_id_);
  EXPECT_EQ(found->caller.stage, Stage::password_change);
  EXPECT_EQ(found->created, kNow);
  EXPECT_EQ(session.query_one("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {s.token})
                ->integer(0),
            0);  // the token itself is never stored
  {
    auto tx = db_->write();
    set_stage(tx, s.id, Stage::active);
    touch_session(tx, s.id, kNow + 5min);
    tx.commit();
  }
  found = find_session(session, s.token);
  EXPECT_EQ(found->caller.stage, Stage::active);
  EXPECT_EQ(found->last_seen, kNow + 5min);
  {
    auto tx = db_->write();
    revoke_sessions_of(tx, issued_.account.id);
    tx.commit();
  }
  EXPECT_FALSE(find_session(session, s.token));
  EXPECT_FALSE(find_session(session, "not-a-token"));
}

}  // namespace hersys::identity
