#include "platform/db/migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "test_support.h"

namespace hersys::db {
namespace {

const ManualClock kClock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21}};

std::vector<EmbeddedFile> files() {
  return {
      {"0001_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);"},
      {"0002_flags.sqlite.sql", "ALTER TABLE people ADD COLUMN active INTEGER DEFAULT 1;"},
      {"0002_flags.postgresql.sql", "ALTER TABLE people ADD COLUMN active BOOLEAN DEFAULT TRUE;"},
      {"0003_index.sql", "CREATE INDEX people_name ON people (name);"},
      {"README.md", "not a migration"},
  };
}

class MigrationsTest : public ::testing::TestWithParam<Dialect> {
 protected:
  test::TestDatabase db_{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, MigrationsTest, test::kBothDatabases, test::database_test_name);

}  // namespace

TEST(MigrationsFor, PicksTheDialectsFilesInOrder) {
  auto sqlite = migrations_for(Dialect::sqlite, files());
  ASSERT_EQ(sqlite.size(), 3u);
  EXPECT_EQ(sqlite[1].name, "0002_flags");
  EXPECT_NE(sqlite[1].sql.find("INTEGER"), std::string::npos);
  auto pg = migrations_for(Dialect::postgresql, files());
  EXPECT_NE(pg[1].sql.find("BOOLEAN"), std::string::npos);
}

TEST(MigrationsFor, RefusesGapsDuplicatesAndMixedFiles) {
  EXPECT_THROW(migrations_for(Dialect::sqlite, {{"0001_a.sql", ""}, {"0003_c.sql", ""}}), Error);
  EXPECT_THROW(migrations_for(Dialect::sqlite, {{"0001_a.sql", ""}, {"0001_b.sql", ""}}), Error);
  EXPECT_THROW(migrations_for(Dialect::sqlite, {{"0001_a.sql", ""}, {"0001_a.sqlite.sql", ""}}),
               Error);
}

TEST(MigrationsFor, TheShippedMigrationsAreValidForBothDatabases) {
  EXPECT_FALSE(migrations_for(Dialect::sqlite, embedded_files()).empty());
  EXPECT_FALSE(migrations_for(Dialect::postgresql, embedded_files()).empty());
}

TEST_P(MigrationsTest, AppliesPendingOnceAndRecordsThem) {
  EXPECT_EQ(schema_version(*db_), 0);
  auto first = migrate(*db_, migrations_for(GetParam(), files()), kClock);
  EXPECT_EQ(first.from, 0);
  EXPECT_EQ(first.to, 3);
  EXPECT_EQ(first.applied, (std::vector<std::string>{"0001_people", "0002_flags", "0003_index"}));
  auto again = migrate(*db_, migrations_for(GetParam(), files()), kClock);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.to, 3);

  auto row =
      db_->read().query_one("SELECT name, applied_at FROM schema_migrations WHERE version = 2");
  EXPECT_EQ(row->text(0), "0002_flags");
  EXPECT_EQ(row->text(1), "2026-11-21T00:00:00.000Z");
  auto tx = db_->write();
  tx.execute("INSERT INTO people (id, name) VALUES (1, 'x')");
  tx.commit();
}

TEST_P(MigrationsTest, AFailingMigrationChangesNothingOfItself) {
  auto broken = files();
  broken.push_back({"0004_broken.sql", "CREATE TABLE ok_table (id INTEGER); SELEKT 1;"});
  EXPECT_THROW(migrate(*db_, migrations_for(GetParam(), broken), kClock), Error);
  EXPECT_EQ(schema_version(*db_), 3);
  // ok_table was rolled back with the failed migration.
  EXPECT_THROW(db_->read().query("SELECT * FROM ok_table"), Error);
}

TEST_P(MigrationsTest, RefusesADatabaseWithANewerSchema) {
  migrate(*db_, migrations_for(GetParam(), files()), kClock);
  auto older = files();
  older.pop_back();  // README
  older.pop_back();  // 0003
  EXPECT_THROW(migrate(*db_, migrations_for(GetParam(), older), kClock), Error);
}

TEST_P(MigrationsTest, ServersStartingTogetherApplyEachMigrationOnce) {
  constexpr int kServers = 3;
  std::vector<std::unique_ptr<Database>> servers;
  for (int i = 0; i < kServers; ++i) servers.push_back(db_.open_again({.pool_size = 1}));
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (auto& server : servers) {
    threads.emplace_back([&] {
      try {
        migrate(*server, migrations_for(GetParam(), files()), kClock);
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(db_->read().query_one("SELECT COUNT(*) FROM schema_migrations")->integer(0), 3);
}

}  // namespace hersys::db
