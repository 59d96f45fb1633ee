#pragma once
// What the subcommands of `hersys` share: the options every one takes, opening the database,
// and how a subcommand hands back the work to run once the command line is parsed.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "platform/db/database.h"

namespace hersys::app {

// Options every subcommand has.
struct Common {
  std::string data_dir = "./data";
  std::string database;  // empty: sqlite:<data_dir>/hersys.db
  std::string log_level = "info";

  std::string database_url() const;
};

void add_common(CLI::App* command, Common& common);

// Opens the database and applies pending migrations.
std::unique_ptr<db::Database> open_database(const Common& common, size_t pool_size);

// A parsed subcommand's work; returns the exit code. Subcommands set it in their callback.
using Runner = std::function<int()>;

// Who runs an operator command, for the access log: the login behind sudo, or the user.
std::string operator_name();

// Registers `admin` and `outbox` (operator_cli.cpp) and `demo` (demo.cpp).
void add_operator_commands(CLI::App& app, Common& common, Runner& run);
void add_demo_command(CLI::App& app, Common& common, Runner& run);

}  // namespace hersys::app
