#include "audit/store.h"

#include <gtest/gtest.h>

#include <thread>

#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::audit {
namespace {

const ManualClock kClock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21}};

Event event(int n, std::int64_t organisation = 1) {
  Event e;
  e.action = Action::read;
  e.type = "case.read";
  e.account_id = 100 + n;
  e.organisation_id = organisation;
  e.resource_type = "Patient";
  e.resource_id = std::to_string(n);
  e.client_address = "127.0.0.1";
  e.request_id = "req-" + std::to_string(n);
  return e;
}

class AuditStoreTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  AuditStoreTest() { db::migrate(*db_, kClock); }

  void append_n(int n) {
    for (int i = 1; i <= n; ++i) append(*db_, event(i), kClock.now());
  }

  // What an attacker with database access does: switch the protection off, then write.
  void tamper(const std::string& sql) {
    auto tx = db_->write();
    if (GetParam() == db::Dialect::sqlite) {
      tx.execute_script(
          "DROP TRIGGER IF EXISTS audit_log_no_update;"
          "DROP TRIGGER IF EXISTS audit_log_no_delete;");
    } else {
      tx.execute_script("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    }
    tx.execute_script(sql);
    tx.commit();
  }

  test::TestDatabase db_{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditStoreTest, test::kBothDatabases, test::database_test_name);

}  // namespace

TEST_P(AuditStoreTest, AnEmptyLogAndAnAppendedLogVerify) {
  EXPECT_TRUE(verify(*db_).intact());
  append_n(5);
  auto v = verify(*db_);
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.records, 5);
  EXPECT_EQ(v.head_id, 5);
  EXPECT_EQ(v.head_hash.size(), 64u);
}

TEST_P(AuditStoreTest, TheApplicationCannotUpdateOrDeleteRecords) {
  append_n(2);
  {
    auto tx = db_->write();
    EXPECT_THROW(tx.execute("UPDATE audit_log SET detail = 'x' WHERE id = 1"), db::Error);
  }
  {
    auto tx = db_->write();
    EXPECT_THROW(tx.execute("DELETE FROM audit_log WHERE id = 2"), db::Error);
  }
  EXPECT_TRUE(verify(*db_).intact());
}

TEST_P(AuditStoreTest, AnEditedRecordIsFound) {
  append_n(4);
  tamper("UPDATE audit_log SET outcome = 'success', resource_id = '999' WHERE id = 3");
  auto v = verify(*db_);
  ASSERT_FALSE(v.intact());
  EXPECT_EQ(v.problems.front(), "record 3 does not match its hash (edited)");
}

TEST_P(AuditStoreTest, ADeletedRecordIsFound) {
  append_n(4);
  tamper("DELETE FROM audit_log WHERE id = 2");
  auto v = verify(*db_);
  ASSERT_FALSE(v.intact());
  EXPECT_EQ(v.problems.front(), "record 2 is missing (deleted)");
}

TEST_P(AuditStoreTest, ReorderedRecordsAreFound) {
  append_n(4);
  tamper(
      "UPDATE audit_log SET id = -1 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3;"
      "UPDATE audit_log SET id = 3 WHERE id = -1;");
  auto v = verify(*db_);
  ASSERT_FALSE(v.intact());
  EXPECT_EQ(v.problems.front(), "record 2 does not follow record 1 (reordered or replaced)");
}

TEST_P(AuditStoreTest, ATruncatedTailIsFoundAgainstANotedHead) {
  append_n(5);
  const auto noted = verify(*db_);
  tamper("DELETE FROM audit_log WHERE id >= 4");
  EXPECT_TRUE(verify(*db_).intact());  // the chain alone cannot tell
  auto v = verify(*db_, Head{noted.head_id, noted.head_hash});
  ASSERT_FALSE(v.intact());
  EXPECT_EQ(v.problems.front(), "records 4 to 5 are missing (the log was truncated)");
}

TEST_P(AuditStoreTest, AppendsRollBackWithTheirTransaction) {
  append_n(1);
  {
    auto tx = db_->write();
    append(tx, event(2), kClock.now());
  }  // no commit: the change and its record are both gone
  auto v = verify(*db_);
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.records, 1);
}

TEST_P(AuditStoreTest, ConcurrentAppendersKeepTheChainIntact) {
  std::vector<std::unique_ptr<db::Database>> servers;
  for (int i = 0; i < 3; ++i) servers.push_back(db_.open_again({.pool_size = 2}));
  std::vector<std::thread> threads;
  for (auto& server : servers) {
    threads.emplace_back([&server] {
      for (int i = 0; i < 20; ++i) append(*server, event(i), kClock.now());
    });
  }
  for (auto& t : threads) t.join();
  auto v = verify(*db_);
  EXPECT_TRUE(v.intact()) << (v.problems.empty() ? "" : v.problems.front());
  EXPECT_EQ(v.records, 60);
}

TEST_P(AuditStoreTest, ListsNewestFirstByOrganisation) {
  for (int i = 1; i <= 6; ++i) append(*db_, event(i, i % 2 ? 1 : 2), kClock.now());
  auto session = db_->read();
  auto mine = list(session, 2, 0, 10);
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].id, 6);
  EXPECT_EQ(mine[0].event.resource_id, "6");
  EXPECT_EQ(mine[0].event.account_id, 106);
  auto older = list(session, std::nullopt, 3, 10);
  ASSERT_EQ(older.size(), 2u);
  EXPECT_EQ(older[0].id, 2);
}

}  // namespace hersys::audit
