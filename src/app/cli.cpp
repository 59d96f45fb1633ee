#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <iostream>

#include "app/cli_support.h"
#include "app/routes.h"
#include "audit/store.h"
#include "notify/worker.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/http/static_files.h"
#include "platform/http/tls.h"
#include "platform/log/log.h"

namespace hersys::app {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8443";
  bool plain_http = false;
  std::string tls_cert, tls_key;
  std::string web_root = "web/dist";
  unsigned io_threads = 2;
  unsigned workers = 8;
  unsigned shutdown_grace_seconds = 10;
  // Connection limits (issue 19 item 6); defaults as in http::ServerOptions.
  size_t max_connections = http::ServerOptions{}.max_connections;
  size_t max_connections_per_address = http::ServerOptions{}.max_connections_per_address;
  unsigned first_request_timeout_seconds = 10;
  unsigned idle_timeout_seconds = 60;
  std::vector<std::string> trusted_proxies;
  notify::SmtpSettings smtp;
  notify::ProviderSettings provider;
};

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
      .max_connections = options.max_connections,
      .max_connections_per_address = options.max_connections_per_address,
      .first_request_timeout = std::chrono::seconds(options.first_request_timeout_seconds),
      .idle_timeout = std::chrono::seconds(options.idle_timeout_seconds),
      .shutdown_grace = std::chrono::seconds(options.shutdown_grace_seconds),
  };
  for (const auto& proxy : options.trusted_proxies) {
    server_options.trusted_proxies.push_back(boost::asio::ip::make_address(proxy).to_string());
  }
  if (!options.plain_http) {
    http::CertificateFiles files{options.tls_cert, options.tls_key};
    if (options.tls_cert.empty() != options.tls_key.empty()) {
      throw CLI::ValidationError("--tls-cert and --tls-key", "give both or neither");
    }
    if (options.tls_cert.empty()) files = http::ensure_self_signed_certificate(common.data_dir);
    server_options.tls = http::make_tls_context(files);
  }
  std::vector<std::string> unconfigured;
  auto transports = notify::configure(options.smtp, options.provider, unconfigured);
  for (const auto& what : unconfigured) {
    spdlog::warn("no transport for {}: messages stay in the local outbox (`hersys outbox list`)",
                 what);
  }
  notify::Worker outbox(*database, clock, std::move(transports));

  http::Server server(server_options, router);
  server.start();
  outbox.start();
  server.stop_on_signals();
  const std::string scheme = options.plain_http ? "http" : "https";
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  spdlog::info("hersys {} serving {}://{}:{}", HERSYS_VERSION, scheme, shown_host, server.port());
  server.wait();
  outbox.stop();
  spdlog::info("stopped");
  return 0;
}

// The listening socket, TLS, the browser app and the threads.
void add_server_options(CLI::App* cmd, ServeOptions& serve) {
  cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on")
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
  cmd->add_flag("--plain-http", serve.plain_http,
                "Serve plain HTTP (only behind a TLS-terminating reverse proxy)");
  cmd->add_option("--tls-cert", serve.tls_cert, "PEM certificate chain (default: self-signed)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", serve.tls_key, "PEM private key")->check(CLI::ExistingFile);
  cmd->add_option("--web-root", serve.web_root, "The built browser app")
      ->envname("HERSYS_WEB_ROOT")
      ->capture_default_str();
  cmd->add_option("--io-threads", serve.io_threads, "Threads for network I/O")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--workers", serve.workers, "Threads for database and other blocking work")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--shutdown-grace", serve.shutdown_grace_seconds,
                  "Seconds to let requests finish on SIGTERM")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  // One client must not fill the cap (docs/operations.md, "Limits").
  cmd->add_option("--max-connections", serve.max_connections, "Open connections at most")
      ->envname("HERSYS_MAX_CONNECTIONS")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--max-connections-per-address", serve.max_connections_per_address,
                  "Open connections one client address may hold (0: no limit; behind a "
                  "reverse proxy, which is one address, use 0 and limit in the proxy)")
      ->envname("HERSYS_MAX_CONNECTIONS_PER_ADDRESS")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  cmd->add_option("--first-request-timeout", serve.first_request_timeout_seconds,
                  "Seconds from a new connection to the end of its first request's header")
      ->envname("HERSYS_FIRST_REQUEST_TIMEOUT")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd->add_option("--idle-timeout", serve.idle_timeout_seconds,
                  "Seconds a keep-alive connection may wait for its next request")
      ->envname("HERSYS_IDLE_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                  "Address of a reverse proxy whose X-Forwarded-For gives the client address "
                  "(repeat or comma-separate for several)")
      ->envname("HERSYS_TRUSTED_PROXIES")
      ->delimiter(',')
      ->check([](const std::string& value) {
        boost::system::error_code ec;
        boost::asio::ip::make_address(value, ec);
        return ec ? "not an IP address: " + value : std::string();
      });
}

// Where messages go (src/notify). Secrets are best given in the environment.
void add_transport_options(CLI::App* cmd, ServeOptions& serve) {
  cmd->add_option("--smtp-url", serve.smtp.url, "SMTP relay: smtp://HOST:PORT or smtps://")
      ->envname("HERSYS_SMTP_URL");
  cmd->add_option("--smtp-from", serve.smtp.from, "Sender address of e-mail")
      ->envname("HERSYS_SMTP_FROM")
      ->default_val("noreply@hersys.invalid");
  cmd->add_option("--smtp-username", serve.smtp.username)->envname("HERSYS_SMTP_USERNAME");
  cmd->add_option("--smtp-password", serve.smtp.password)->envname("HERSYS_SMTP_PASSWORD");
  cmd->add_flag("--smtp-require-tls", serve.smtp.require_tls,
                "Refuse to send unless the relay offers STARTTLS");
  cmd->add_option("--sms-provider-url", serve.provider.base_url,
                  "SMS/voice provider API (Twilio-compatible), e.g. https://api.twilio.com")
      ->envname("HERSYS_SMS_PROVIDER_URL");
  cmd->add_option("--sms-account-sid", serve.provider.account_sid)
      ->envname("HERSYS_SMS_ACCOUNT_SID");
  cmd->add_option("--sms-auth-token", serve.provider.auth_token)->envname("HERSYS_SMS_AUTH_TOKEN");
  cmd->add_option("--sms-from", serve.provider.from, "Sending number, E.164")
      ->envname("HERSYS_SMS_FROM");
}

void add_serve_command(CLI::App& app, Common& common, Runner& run) {
  auto serve = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server and background workers");
  add_common(cmd, common);
  add_server_options(cmd, *serve);
  add_transport_options(cmd, *serve);
  cmd->callback(
      [&common, &run, serve] { run = [&common, serve] { return serve_command(common, *serve); }; });
}

void add_migrate_command(CLI::App& app, Common& common, Runner& run) {
  auto* cmd = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  add_common(cmd, common);
  cmd->callback([&common, &run] { run = [&common] { return migrate_command(common); }; });
}

void add_audit_command(CLI::App& app, Common& common, Runner& run) {
  auto expect_head = std::make_shared<std::string>();
  auto* audit = app.add_subcommand("audit", "The access log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify",
                                       "Check that no access-log record was edited, deleted "
                                       "or reordered (exit 3 if one was)");
  add_common(verify, common);
  verify
      ->add_option("--expect-head", *expect_head,
                   "ID:HASH printed by an earlier verify: also detect a truncated log")
      ->check([](const std::string& value) {
        const auto colon = value.find(':');
        const bool ok = colon != std::string::npos && colon > 0 &&
                        value.find_first_not_of("0123456789") == colon &&
                        value.size() - colon - 1 == 64;
        return ok ? std::string() : std::string("expected ID:HASH (64 hex digits)");
      });
  verify->callback([&common, &run, expect_head] {
    run = [&common, expect_head] { return audit_verify_command(common, *expect_head); };
  });
}

// Runs the parsed subcommand's work with the process logger up; returns the exit code.
int run_logged(const Common& common, const Runner& run) {
  log::init(common.log_level);
  int code = 1;
  try {
    if (run) code = run();
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

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"hersys — infectious-disease case reporting and management (HER-SYS)", "hersys"};
  app.set_version_flag("--version", std::string("hersys ") + HERSYS_VERSION);
  app.set_config("--config", "", "Read options from a TOML file ([serve] section etc.)");
  app.require_subcommand(1);

  // Each subcommand's callback leaves its work in `run`, to be run once parsing succeeded.
  Common common;
  Runner run;
  add_serve_command(app, common, run);
  add_migrate_command(app, common, run);
  add_audit_command(app, common, run);
  add_operator_commands(app, common, run);
  add_demo_command(app, common, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return run_logged(common, run);
}

}  // namespace hersys::app
