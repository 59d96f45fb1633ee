#pragma once
// Numbered schema migrations from db/ (compiled into the binary). File names:
//   NNNN_name.sql             for both databases
//   NNNN_name.sqlite.sql      SQLite only     } together replace NNNN_name.sql where the
//   NNNN_name.postgresql.sql  PostgreSQL only } dialects need different SQL
// Versions start at 1 and have no gaps. Each migration runs in its own transaction and is
// recorded in schema_migrations; several servers starting at once apply each migration once.
#include <string>
#include <vector>

#include "platform/db/database.h"
#include "platform/embedded.h"
#include "platform/time/clock.h"

namespace hersys::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations for `dialect` among `files` (other files are ignored). Throws Error on a gap,
// a duplicate, or a version with a common file and a dialect-specific one.
std::vector<Migration> migrations_for(Dialect dialect, const std::vector<EmbeddedFile>& files);

// The schema version recorded in the database; 0 for a new database.
int schema_version(Database& database);

struct MigrationReport {
  int from = 0;
  int to = 0;
  std::vector<std::string> applied;  // "0002_name"
};

// Applies what is pending. Throws Error without changing anything when the database has a newer
// schema than `migrations` knows (an older binary against a newer database).
MigrationReport migrate(Database& database, const std::vector<Migration>& migrations,
                        const Clock& clock);

// migrate() with the migrations compiled into this binary.
MigrationReport migrate(Database& database, const Clock& clock);

}  // namespace hersys::db
