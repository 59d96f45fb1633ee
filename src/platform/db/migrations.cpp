#include "platform/db/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "platform/time/format.h"

namespace hersys::db {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

// Serialises migrating servers. SQLite's BEGIN IMMEDIATE already holds the database's write
// lock; PostgreSQL needs an explicit lock, taken before CREATE TABLE IF NOT EXISTS (which races
// with itself) and held until the transaction ends.
void lock_migrations(Transaction& tx) {
  if (tx.dialect() == Dialect::postgresql) {
    tx.query("SELECT pg_advisory_xact_lock(7246601)");  // any constant unique to this purpose
  }
}

int recorded_version(Session& session) {
  auto row = session.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return static_cast<int>(row->integer(0));
}

void check_not_newer(int recorded, const std::vector<Migration>& migrations) {
  const int known = migrations.empty() ? 0 : migrations.back().version;
  if (recorded > known) {
    throw Error(
        fmt::format("the database has schema version {}, newer than this hersys knows ({}); "
                    "run the newer hersys, or restore a backup made for this version",
                    recorded, known));
  }
}

}  // namespace

std::vector<Migration> migrations_for(Dialect dialect, const std::vector<EmbeddedFile>& files) {
  const std::string own = dialect == Dialect::sqlite ? ".sqlite.sql" : ".postgresql.sql";
  const std::string other = dialect == Dialect::sqlite ? ".postgresql.sql" : ".sqlite.sql";
  std::map<int, Migration> common, specific;
  for (const auto& file : files) {
    const auto& n = file.name;
    if (n.size() < 10 || !n.ends_with(".sql") || n[4] != '_' || n.ends_with(other)) continue;
    int version = 0;
    auto [end, ec] = std::from_chars(n.data(), n.data() + 4, version);
    if (ec != std::errc() || end != n.data() + 4 || version <= 0) continue;
    const bool is_specific = n.ends_with(own);
    const auto stem = n.substr(0, n.size() - (is_specific ? own.size() : 4));
    auto& target = is_specific ? specific : common;
    if (!target.emplace(version, Migration{version, stem, file.contents}).second) {
      throw Error("two migrations with version " + std::to_string(version));
    }
  }
  for (const auto& [version, m] : specific) {
    if (!common.emplace(version, m).second) {
      throw Error("migration " + m.name + " has both a common and a dialect-specific file");
    }
  }
  std::vector<Migration> result;
  for (auto& [version, m] : common) {
    if (version != static_cast<int>(result.size()) + 1) {
      throw Error("migration versions must run 1, 2, 3 ... without gaps; missing " +
                  std::to_string(result.size() + 1));
    }
    result.push_back(std::move(m));
  }
  return result;
}

int schema_version(Database& database) {
  auto tx = database.write();
  lock_migrations(tx);
  tx.execute(kCreateTable);
  const int version = recorded_version(tx);
  tx.commit();
  return version;
}

MigrationReport migrate(Database& database, const std::vector<Migration>& migrations,
                        const Clock& clock) {
  MigrationReport report;
  report.from = report.to = schema_version(database);
  check_not_newer(report.from, migrations);
  for (const auto& migration : migrations) {
    if (migration.version <= report.to) continue;
    auto tx = database.write();
    lock_migrations(tx);  // another server may have applied it meanwhile: look again
    const int current = recorded_version(tx);
    check_not_newer(current, migrations);
    if (current >= migration.version) {
      report.to = current;
      continue;
    }
    tx.execute_script(migration.sql);
    tx.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        {static_cast<std::int64_t>(migration.version), migration.name, iso8601_utc(clock.now())});
    tx.commit();
    report.to = migration.version;
    report.applied.push_back(migration.name);
  }
  return report;
}

MigrationReport migrate(Database& database, const Clock& clock) {
  return migrate(database, migrations_for(database.dialect(), embedded_files()), clock);
}

}  // namespace hersys::db
