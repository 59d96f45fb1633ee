#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "app/routes.h"
#include "audit/store.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/http/static_files.h"
#include "platform/http/tls.h"
#include "platform/log/log.h"

namespace hersys::app {
namespace fs = std::filesystem;
namespace {

// Options every subcommand has.
struct Common {
  std::string data_dir = "./data";
  std::string database;  // empty: sqlite:<data_dir>/hersys.db
  std::string log_level = "info";

  std::string database_url() const {
    return database.empty() ? "sqlite:" + (fs::path(data_dir) / "hersys.db").string() : database;
  }
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8443";
  bool plain_http = false;
  std::string tls_cert, tls_key;
  std::string web_root = "web/dist";
  unsigned io_threads = 2;
  unsigned workers = 8;
  unsigned shutdown_grace_seconds = 10;
};

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

int migrate_command(const Common& common) {
  auto database = db::Database::open(common.database_url(), {.pool_size = 1});
  SystemClock clock;
  auto report = db::migrate(*database, clock);
  std::cout << "schema version " << report.from << " -> " << report.to;
  if (report.applied.empty()) std::cout << " (nothing to apply)";
  std::cout << "\n";
  for (const auto& name : report.applied) std::cout << "  applied " << name << "\n";
  return 0;
}

// Exit codes: 0 intact, 3 tampering found (1 stays "could not run").
int audit_verify_command(const Common& common, const std::string& expect_head) {
  std::optional<audit::Head> expected;
  if (!expect_head.empty()) {
    const auto colon = expect_head.find(':');
    expected = audit::Head{std::stoll(expect_head.substr(0, colon)), expect_head.substr(colon + 1)};
  }
  auto database = open_database(common, 1);
  const auto result = audit::verify(*database, expected);
  if (result.intact()) {
    std::cout << "access log intact: " << result.records << " records";
    if (result.records > 0) {
      std::cout << "; head " << result.head_id << ":" << result.head_hash
                << "\n(note the head down; --expect-head " << result.head_id << ":"
                << result.head_hash << " later detects a truncated log)";
    }
    std::cout << "\n";
    return 0;
  }
  std::cout << "ACCESS LOG TAMPERED: " << result.problems.size() << " problem(s) found\n";
  for (const auto& problem : result.problems) std::cout << "  " << problem << "\n";
  return 3;
}

int serve_command(const Common& common, const ServeOptions& options) {
  auto [host, port] = http::parse_listen_address(options.listen);
  auto database = open_database(common, options.workers);
  SystemClock clock;
  Context context{*database, clock};

  http::Router router;
  register_routes(router, context);
  router.set_fallback(http::static_files(options.web_root));

  http::ServerOptions server_options{
      .host = host,
      .port = port,
      .io_threads = options.io_threads,
      .worker_threads = options.workers,
      .shutdown_grace = std::chrono::seconds(options.shutdown_grace_seconds),
  };
  if (!options.plain_http) {
    http::CertificateFiles files{options.tls_cert, options.tls_key};
    if (options.tls_cert.empty() != options.tls_key.empty()) {
      throw CLI::ValidationError("--tls-cert and --tls-key", "give both or neither");
    }
    if (options.tls_cert.empty()) files = http::ensure_self_signed_certificate(common.data_dir);
    server_options.tls = http::make_tls_context(files);
  }
  http::Server server(server_options, router);
  server.start();
  server.stop_on_signals();
  const std::string scheme = options.plain_http ? "http" : "https";
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  spdlog::info("hersys {} serving {}://{}:{}", HERSYS_VERSION, scheme, shown_host, server.port());
  server.wait();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"hersys — infectious-disease case reporting and management (HER-SYS)", "hersys"};
  app.set_version_flag("--version", std::string("hersys ") + HERSYS_VERSION);
  app.set_config("--config", "", "Read options from a TOML file ([serve] section etc.)");
  app.require_subcommand(1);

  Common common;
  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "Run the HTTP server and background workers");
  add_common(serve_cmd, common);
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on")
      ->envname("HERSYS_LISTEN")
      ->check([](const std::string& value) {
        try {
          http::parse_listen_address(value);
          return std::string();
        } catch (const std::invalid_argument& e) {
          return std::string(e.what());
        }
      })
      ->capture_default_str();
  serve_cmd->add_flag("--plain-http", serve.plain_http,
                      "Serve plain HTTP (only behind a TLS-terminating reverse proxy)");
  serve_cmd
      ->add_option("--tls-cert", serve.tls_cert, "PEM certificate chain (default: self-signed)")
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("--tls-key", serve.tls_key, "PEM private key")->check(CLI::ExistingFile);
  serve_cmd->add_option("--web-root", serve.web_root, "The built browser app")
      ->envname("HERSYS_WEB_ROOT")
      ->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.io_threads, "Threads for network I/O")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd->add_option("--workers", serve.workers, "Threads for database and other blocking work")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd
      ->add_option("--shutdown-grace", serve.shutdown_grace_seconds,
                   "Seconds to let requests finish on SIGTERM")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  add_common(migrate_cmd, common);

  std::string expect_head;
  auto* audit_cmd = app.add_subcommand("audit", "The access log");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd =
      audit_cmd->add_subcommand("verify",
                                "Check that no access-log record was edited, deleted "
                                "or reordered (exit 3 if one was)");
  add_common(verify_cmd, common);
  verify_cmd
      ->add_option("--expect-head", expect_head,
                   "ID:HASH printed by an earlier verify: also detect a truncated log")
      ->check([](const std::string& value) {
        const auto colon = value.find(':');
        const bool ok = colon != std::string::npos && colon > 0 &&
                        value.find_first_not_of("0123456789") == colon &&
                        value.size() - colon - 1 == 64;
        return ok ? std::string() : std::string("expected ID:HASH (64 hex digits)");
      });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  log::init(common.log_level);
  int code = 1;
  try {
    if (*serve_cmd) code = serve_command(common, serve);
    if (*migrate_cmd) code = migrate_command(common);
    if (*verify_cmd) code = audit_verify_command(common, expect_head);
  } catch (const CLI::Error& e) {
    std::cerr << "hersys: " << e.what() << "\n";
    code = 2;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    std::cerr << "hersys: " << e.what() << "\n";
    code = 1;
  }
  log::shutdown();
  return code;
}

}  // namespace hersys::app
