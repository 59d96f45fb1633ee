#pragma once
// Shared helpers for the tests: temporary directories, a fresh database of either kind, a
// server on a loopback port, and HTTP clients that speak raw bytes when a test needs to
// misbehave.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "platform/db/database.h"
#include "platform/http/server.h"

namespace hersys::test {

// A directory removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The test PostgreSQL server's URL (HERSYS_TEST_POSTGRES, set by ctest's postgres fixture), or
// empty when the tests run without one.
std::string postgres_url();

// A new, empty database of `dialect`: a file in a temporary directory for SQLite, a schema of
// its own for PostgreSQL (dropped at the end). Tests on PostgreSQL fail (not skip) when
// HERSYS_TEST_POSTGRES is missing, so a broken fixture cannot pass unnoticed.
class TestDatabase {
 public:
  explicit TestDatabase(db::Dialect dialect, db::OpenOptions options = {});
  ~TestDatabase();
  db::Database& operator*() { return *database_; }
  db::Database* operator->() { return database_.get(); }
  const std::string& url() const { return url_; }
  // Opens another Database on the same data (a second server process, say).
  std::unique_ptr<db::Database> open_again(db::OpenOptions options = {}) const;

 private:
  TempDir dir_;
  std::string url_;
  std::string schema_;  // PostgreSQL
  std::unique_ptr<db::Database> database_;
};

std::string dialect_name(db::Dialect dialect);

// For store tests: INSTANTIATE_TEST_SUITE_P(Backends, SomeTest, test::kBothDatabases,
// test::database_test_name) runs every TEST_P on SQLite and on PostgreSQL.
inline const auto kBothDatabases = ::testing::Values(db::Dialect::sqlite, db::Dialect::postgresql);
inline std::string database_test_name(const ::testing::TestParamInfo<db::Dialect>& info) {
  return dialect_name(info.param);
}

namespace bhttp = boost::beast::http;
using HttpResponse = bhttp::response<bhttp::string_body>;

// One request over a new plain-HTTP connection to 127.0.0.1:port. With HERSYS_CONTRACT_DIR
// set (ctest sets it), the exchange is recorded for the response contract check against
// docs/openapi.yaml (web/tools/check-contract.mjs).
HttpResponse send(unsigned short port, bhttp::verb method, const std::string& target,
                  const std::string& body = {}, const std::string& content_type = {},
                  const std::vector<std::pair<std::string, std::string>>& headers = {});

// A request send() cannot make - malformed, or a Content-Length its body does not follow -
// written as `bytes` on a new connection; the answer is parsed and recorded for the contract
// check as an answer to `method target` (issue 19 item 13), like send()'s.
HttpResponse send_raw(unsigned short port, bhttp::verb method, const std::string& target,
                      const std::string& bytes);

// send() from another loopback address (127.0.0.2, 127.0.0.3 ...): another source for the
// server's limits per source (issue 19 items 2 and 7). Empty `local_address`: 127.0.0.1.
HttpResponse send_from(const std::string& local_address, unsigned short port, bhttp::verb method,
                       const std::string& target, const std::string& body = {},
                       const std::string& content_type = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

// Writes `bytes` to a new connection and returns everything read until the server closes it or
// `timeout` passes.
std::string exchange_raw(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5));

// Registers a route anyone may call (platform tests have no guard; see http::Access).
inline void add_public(http::Router& router, http::Verb method, const std::string& pattern,
                       http::Handler handler) {
  router.add(method, pattern, std::move(handler), {.access = http::Access::public_access});
}

// A Server running on a free loopback port, stopped when destroyed.
class RunningServer {
 public:
  RunningServer(const http::Router& router, http::ServerOptions options = {});
  ~RunningServer();
  unsigned short port() const { return server_.port(); }
  http::Server& server() { return server_; }

 private:
  http::Server server_;
};

// A real SMTP server (Debian's python3-aiosmtpd) on a free loopback port, writing what it
// receives into a Maildir; stopped when destroyed.
class SmtpServer {
 public:
  SmtpServer();
  ~SmtpServer();
  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The raw messages received so far, oldest first.
  std::vector<std::string> messages() const;
  // Stops the server (the port then refuses connections); start() brings it back on the port.
  void stop();
  void start();

 private:
  TempDir dir_;
  unsigned short port_ = 0;
  int pid_ = 0;
};

// A loopback port nothing listens on at the moment of the call.
unsigned short free_port();

}  // namespace hersys::test
