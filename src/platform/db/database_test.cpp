#include "platform/db/database.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <thread>

#include "test_support.h"

namespace hersys::db {
namespace {

class DatabaseTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    auto tx = (*db_).write();
    tx.execute_script(
        "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
        "weight DOUBLE PRECISION, note TEXT)");
    tx.commit();
  }
  std::int64_t count() { return (*db_).read().query_one("SELECT COUNT(*) FROM items")->integer(0); }
  test::TestDatabase db_{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, test::kBothDatabases, test::database_test_name);

}  // namespace

TEST_P(DatabaseTest, ValuesRoundTripWithTheirTypes) {
  auto tx = db_->write();
  EXPECT_EQ(tx.execute("INSERT INTO items (id, name, weight, note) VALUES (?, ?, ?, ?)",
                       {std::int64_t{9007199254740993}, std::string("山田 太郎's 'quote' ?"), 2.5,
                        nullptr}),
            1);
  tx.commit();

  auto row = db_->read().query_one("SELECT id, name, weight, note FROM items WHERE name = ?",
                                   {std::string("山田 太郎's 'quote' ?")});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->integer(0), 9007199254740993);
  EXPECT_EQ(row->text(1), "山田 太郎's 'quote' ?");
  EXPECT_DOUBLE_EQ(row->real(2), 2.5);
  EXPECT_TRUE(row->is_null(3));
  EXPECT_EQ(row->optional_text(3), std::nullopt);
  EXPECT_THROW(row->text(0), Error);
}

TEST_P(DatabaseTest, QueryReturnsColumnsAndRows) {
  auto tx = db_->write();
  for (int i = 1; i <= 3; ++i) {
    tx.execute("INSERT INTO items (id, name) VALUES (?, ?)",
               {std::int64_t{i}, "item" + std::to_string(i)});
  }
  tx.commit();
  auto result =
      db_->read().query("SELECT id, name FROM items WHERE id >= ? ORDER BY id", {std::int64_t{2}});
  ASSERT_EQ(result.columns, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[1].text(1), "item3");
  EXPECT_FALSE(db_->read().query_one("SELECT id FROM items WHERE id = ?", {std::int64_t{99}}));
}

TEST_P(DatabaseTest, TransactionWithoutCommitRollsBack) {
  {
    auto tx = db_->write();
    tx.execute("INSERT INTO items (id, name) VALUES (1, 'a')");
  }
  EXPECT_EQ(count(), 0);
  try {
    auto tx = db_->write();
    tx.execute("INSERT INTO items (id, name) VALUES (1, 'a')");
    throw std::runtime_error("the rule failed half-way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count(), 0);
}

TEST_P(DatabaseTest, AFailedStatementLosesTheWholeTransactionButNotTheConnection) {
  {
    auto tx = db_->write();
    tx.execute("INSERT INTO items (id, name) VALUES (1, 'a')");
    tx.commit();
  }
  {
    auto tx = db_->write();
    tx.execute("INSERT INTO items (id, name) VALUES (2, 'b')");
    EXPECT_THROW(tx.execute("INSERT INTO items (id, name) VALUES (3, 'a')"), UniqueViolation);
  }
  EXPECT_EQ(count(), 1);
  auto tx = db_->write();  // the pooled connection is usable again
  tx.execute("INSERT INTO items (id, name) VALUES (2, 'b')");
  tx.commit();
  EXPECT_EQ(count(), 2);
}

// PostgreSQL prepares each statement once per connection; what it keeps must never show.
TEST_P(DatabaseTest, StatementsGiveTheSameAnswersHoweverOftenAndManyTheyAre) {
  const auto add = [&](int n) {
    return db_->read().query_one(fmt::format("SELECT ? + {}", n), {std::int64_t{1}})->integer(0);
  };
  for (int round = 0; round < 2; ++round) {  // more distinct statements than are kept
    for (int n = 0; n < 600; ++n) ASSERT_EQ(add(n), n + 1);
  }
  {
    auto tx = db_->write();
    tx.execute("INSERT INTO items (id, name) VALUES (?, ?)", {std::int64_t{1}, "a"});
  }  // rolled back: the statement stays usable
  {
    auto tx = db_->write();
    tx.execute("INSERT INTO items (id, name) VALUES (?, ?)", {std::int64_t{1}, "a"});
    tx.commit();
  }
  const auto name = [&] {
    return db_->read().query_one("SELECT name FROM items WHERE id = ?", {std::int64_t{1}})->text(0);
  };
  EXPECT_EQ(name(), "a");
  auto alter = db_->write();
  alter.execute_script("ALTER TABLE items ADD COLUMN added TEXT");
  alter.commit();
  EXPECT_EQ(name(), "a");  // planned again after the table changed
}

TEST_P(DatabaseTest, SyntaxErrorsAreErrorsNotCrashes) {
  EXPECT_THROW(db_->read().query("SELEKT nonsense"), Error);
  EXPECT_THROW(db_->read().query("SELECT ? + ?", {std::int64_t{1}}), Error);
}

TEST_P(DatabaseTest, ConcurrentWritersAllLand) {
  constexpr int kThreads = 4, kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = db_->write();
        tx.execute("INSERT INTO items (id, name) VALUES (?, ?)",
                   {std::int64_t{t * 1000 + i}, "n" + std::to_string(t * 1000 + i)});
        tx.commit();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(count(), kThreads * kPerThread);
}

TEST_P(DatabaseTest, ReadersSeeCommittedDataOnly) {
  auto tx = db_->write();
  tx.execute("INSERT INTO items (id, name) VALUES (1, 'pending')");
  EXPECT_EQ(count(), 0);  // another connection: not yet visible
  tx.commit();
  EXPECT_EQ(count(), 1);
}

TEST_P(DatabaseTest, PoolExhaustionIsBusyNotAHang) {
  auto small = db_.open_again({.pool_size = 1, .acquire_timeout = std::chrono::milliseconds(50)});
  auto held = small->write();
  EXPECT_THROW(small->write(), Busy);
}

TEST(DatabaseOpen, UnknownSchemeAndUnreachableServerAreClearErrors) {
  EXPECT_THROW(Database::open("mysql://x"), Error);
  try {
    Database::open("postgresql://user:hunter2@/db?host=/nonexistent");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
  }
}

TEST(Placeholders, RewrittenOutsideLiteralsAndComments) {
  EXPECT_EQ(to_postgresql_placeholders("SELECT ? , '?', \"a?\" -- ?\n, ? /* ? */ , ?"),
            "SELECT $1 , '?', \"a?\" -- ?\n, $2 /* ? */ , $3");
  EXPECT_EQ(to_postgresql_placeholders("VALUES ('it''s ?', ?)"), "VALUES ('it''s ?', $1)");
}

TEST(RedactUrl, HidesPasswords) {
  EXPECT_EQ(redact_url("postgresql://app:s3cret@db:5432/hersys"),
            "postgresql://app:***@db:5432/hersys");
  EXPECT_EQ(redact_url("postgresql:///hersys?user=app&password=s3cret&sslmode=require"),
            "postgresql:///hersys?user=app&password=***&sslmode=require");
  EXPECT_EQ(redact_url("sqlite:data/hersys.db"), "sqlite:data/hersys.db");
}

}  // namespace hersys::db
