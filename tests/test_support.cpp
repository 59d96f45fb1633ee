#include "test_support.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

namespace hersys::test {
namespace fs = std::filesystem;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
std::string random_suffix() {
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s(12, 'a');
  for (auto& c : s) c = kChars[random() % 36];
  return s;
}
}  // namespace

TempDir::TempDir() : path_(fs::temp_directory_path() / ("hersys-test-" + random_suffix())) {
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string postgres_url() {
  const char* url = std::getenv("HERSYS_TEST_POSTGRES");
  return url ? url : "";
}

std::string dialect_name(db::Dialect dialect) {
  return dialect == db::Dialect::sqlite ? "SQLite" : "PostgreSQL";
}

TestDatabase::TestDatabase(db::Dialect dialect, db::OpenOptions options) {
  if (dialect == db::Dialect::sqlite) {
    url_ = "sqlite:" + (dir_.path() / "test.db").string();
  } else {
    const auto base = postgres_url();
    if (base.empty()) {
      throw std::runtime_error("HERSYS_TEST_POSTGRES is not set; run the tests through ctest");
    }
    schema_ = "test_" + random_suffix();
    auto admin = db::Database::open(base, {.pool_size = 1});
    auto tx = admin->write();
    tx.execute_script("CREATE SCHEMA " + schema_);
    tx.commit();
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema_;
  }
  database_ = db::Database::open(url_, options);
}

TestDatabase::~TestDatabase() {
  database_.reset();
  if (!schema_.empty()) {
    try {
      auto admin = db::Database::open(postgres_url(), {.pool_size = 1});
      auto tx = admin->write();
      tx.execute_script("DROP SCHEMA " + schema_ + " CASCADE");
      tx.commit();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not drop test schema: " << e.what();
    }
  }
}

std::unique_ptr<db::Database> TestDatabase::open_again(db::OpenOptions options) const {
  return db::Database::open(url_, options);
}

namespace {

// The response contract check (web/tools/check-contract.mjs, ctest's contract.check): with
// HERSYS_CONTRACT_DIR set, every exchange of send() is appended as one JSON line to
// DIR/<pid>.jsonl, the file of this test process. One open file per process and one write per
// exchange, so recording costs next to nothing.
bool is_json_content_type(std::string_view content_type) {
  const auto media = content_type.substr(0, content_type.find(';'));
  return media == "application/json" || media == "application/problem+json";
}

void record_exchange(bhttp::verb method, const std::string& target, const HttpResponse& response) {
  static const char* const dir = std::getenv("HERSYS_CONTRACT_DIR");
  if (dir == nullptr || *dir == '\0') return;
  static std::mutex mutex;
  static std::FILE* file = [] {
    const auto path = fs::path(dir) / (std::to_string(getpid()) + ".jsonl");
    std::FILE* f = std::fopen(path.c_str(), "a");
    if (f == nullptr) ADD_FAILURE() << "cannot record exchanges in " << path;
    return f;
  }();
  if (file == nullptr) return;
  const std::string content_type(response[bhttp::field::content_type]);
  nlohmann::json line = {{"method", std::string(bhttp::to_string(method))},
                         {"target", target},
                         {"status", response.result_int()},
                         {"content_type", content_type},
                         {"length", response.body().size()}};
  if (is_json_content_type(content_type) && method != bhttp::verb::head) {
    auto body = nlohmann::json::parse(response.body(), nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) {
      line["body_text"] = response.body().substr(0, 2000);  // the checker reports it
    } else {
      line["body"] = std::move(body);
    }
  }
  const auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mutex);
  std::fwrite(text.data(), 1, text.size(), file);
  std::fflush(file);
}

}  // namespace

HttpResponse send(unsigned short port, bhttp::verb method, const std::string& target,
                  const std::string& body, const std::string& content_type,
                  const std::vector<std::pair<std::string, std::string>>& headers) {
  return send_from({}, port, method, target, body, content_type, headers);
}

HttpResponse send_from(const std::string& local_address, unsigned short port, bhttp::verb method,
                       const std::string& target, const std::string& body,
                       const std::string& content_type,
                       const std::vector<std::pair<std::string, std::string>>& headers) {
  asio::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  if (!local_address.empty()) {
    stream.socket().open(tcp::v4());
    stream.socket().bind(tcp::endpoint(asio::ip::make_address(local_address), 0));
  }
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  stream.expires_after(std::chrono::seconds(30));
  bhttp::request<bhttp::string_body> request{method, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  boost::beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(method == bhttp::verb::head);
  bhttp::read(stream, buffer, parser);
  auto response = parser.release();
  record_exchange(method, target, response);
  return response;
}

std::string exchange_raw(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout) {
  // Asynchronous, so the deadline holds (synchronous reads ignore Beast's timeouts).
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::string received;
  std::array<char, 4096> chunk;
  std::function<void(boost::system::error_code, size_t)> on_read = [&](boost::system::error_code ec,
                                                                       size_t n) {
    received.append(chunk.data(), n);
    if (!ec) socket.async_read_some(asio::buffer(chunk), on_read);
  };
  asio::async_write(socket, asio::buffer(bytes), [&](boost::system::error_code, size_t) {
    // Read even when the write failed: the server may have answered and closed early.
    socket.async_read_some(asio::buffer(chunk), on_read);
  });
  ioc.run_for(timeout);
  return received;
}

HttpResponse send_raw(unsigned short port, bhttp::verb method, const std::string& target,
                      const std::string& bytes) {
  const auto received = exchange_raw(port, bytes);
  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.skip(method == bhttp::verb::head);
  boost::beast::error_code ec;
  size_t offset = 0;
  while (!parser.is_done() && offset < received.size()) {
    const auto n = parser.put(asio::buffer(received.data() + offset, received.size() - offset), ec);
    if (ec || n == 0) break;
    offset += n;
  }
  if (!parser.is_done()) {
    ADD_FAILURE() << "no complete answer to " << target << ": " << received.substr(0, 200);
    return {};
  }
  auto response = parser.release();
  record_exchange(method, target, response);
  return response;
}

namespace {
http::ServerOptions on_loopback(http::ServerOptions options) {
  options.host = "127.0.0.1";
  options.port = 0;
  return options;
}
}  // namespace

RunningServer::RunningServer(const http::Router& router, http::ServerOptions options)
    : server_(on_loopback(std::move(options)), router) {
  server_.start();
}

RunningServer::~RunningServer() {
  server_.stop();
  server_.wait();
}

unsigned short free_port() {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

SmtpServer::SmtpServer() : port_(free_port()) { start(); }

SmtpServer::~SmtpServer() { stop(); }

void SmtpServer::start() {
  const auto maildir = (dir_.path() / "maildir").string();
  const auto listen = "127.0.0.1:" + std::to_string(port_);
  pid_ = fork();
  if (pid_ == 0) {
    execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
          "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Ready when it accepts a connection.
  for (int i = 0; i < 200; ++i) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
    if (!ec) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  stop();
  throw std::runtime_error("the SMTP server (python3-aiosmtpd) did not start");
}

void SmtpServer::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
}

std::vector<std::string> SmtpServer::messages() const {
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  const auto dir = dir_.path() / "maildir" / "new";
  if (!fs::exists(dir)) return {};
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    found.emplace_back(entry.last_write_time(),
                       std::string(std::istreambuf_iterator<char>(in), {}));
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> messages;
  for (auto& [time, text] : found) messages.push_back(std::move(text));
  return messages;
}

}  // namespace hersys::test
