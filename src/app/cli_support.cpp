#include "app/cli_support.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "platform/db/migrations.h"
#include "platform/log/log.h"

namespace hersys::app {
namespace fs = std::filesystem;

std::string Common::database_url() const {
  return database.empty() ? "sqlite:" + (fs::path(data_dir) / "hersys.db").string() : database;
}

void add_common(CLI::App* command, Common& common) {
  command->add_option("--data-dir", common.data_dir, "Directory for the database and TLS files")
      ->envname("HERSYS_DATA_DIR")
      ->capture_default_str();
  command
      ->add_option("--database", common.database,
                   "Database URL: sqlite:PATH or postgresql://... (default: DATA_DIR/hersys.db)")
      ->envname("HERSYS_DATABASE");
  command->add_option("--log-level", common.log_level, "trace, debug, info, warn, error")
      ->envname("HERSYS_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();
}

std::unique_ptr<db::Database> open_database(const Common& common, size_t pool_size) {
  fs::create_directories(common.data_dir);
  auto database = db::Database::open(common.database_url(), {.pool_size = pool_size});
  SystemClock clock;
  auto report = db::migrate(*database, clock);
  for (const auto& name : report.applied) spdlog::info("migration applied: {}", name);
  spdlog::info("database {} at schema version {}", database->describe(), report.to);
  return database;
}

std::string operator_name() {
  for (auto variable : {"SUDO_USER", "USER", "LOGNAME"}) {
    if (const char* value = std::getenv(variable); value && *value) return value;
  }
  if (const auto* entry = getpwuid(geteuid())) return entry->pw_name;
  return "uid " + std::to_string(geteuid());
}

}  // namespace hersys::app
