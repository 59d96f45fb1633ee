// The server over real loopback connections, including clients that misbehave.
#include "platform/http/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <fstream>
#include <future>
#include <random>
#include <thread>

#include "platform/http/static_files.h"
#include "platform/http/tls.h"
#include "test_support.h"

namespace hersys::http {
namespace {
using namespace std::chrono_literals;
using test::exchange_raw;
using test::send;
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using SteadyClock = std::chrono::steady_clock;

// A handler that blocks its worker until the test releases it.
struct Gate {
  std::promise<void> open_promise;
  std::shared_future<void> opened = open_promise.get_future().share();
  std::atomic<int> entered{0};
  void open() { open_promise.set_value(); }
  void wait_entered(int n) {
    for (int i = 0; i < 500 && entered < n; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_GE(entered, n);
  }
};

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    test::add_public(router_, Verb::get, "/api/v1/hello", [](Request& r) {
      return Response::json(Status::ok, {{"hello", r.query_value("name").value_or("world")}});
    });
    test::add_public(router_, Verb::post, "/api/v1/echo",
                     [](Request& r) { return Response::json(Status::ok, r.json); });
    test::add_public(router_, Verb::get, "/api/v1/gate", [this](Request&) {
      ++gate_.entered;
      gate_.opened.wait();
      return Response::json(Status::ok, {{"done", true}});
    });
    std::ofstream(web_.path() / "index.html") << "<html>app</html>";
    router_.set_fallback(static_files(web_.path()));
  }

  ServerOptions small_limits() {
    ServerOptions o;
    o.header_limit = 2048;
    o.body_limit = 1024;
    return o;
  }

  test::TempDir web_;
  Gate gate_;
  Router router_;
};

bool starts_with_status(const std::string& raw, int status) {
  return raw.starts_with("HTTP/1.1 " + std::to_string(status) + " ");
}

// Whether the server still holds `socket` open after `wait` (nothing to read, no end of stream).
bool open_after(asio::ip::tcp::socket& socket, std::chrono::milliseconds wait) {
  std::this_thread::sleep_for(wait);
  socket.non_blocking(true);
  char byte;
  boost::system::error_code ec;
  socket.receive(asio::buffer(&byte, 1), asio::socket_base::message_peek, ec);
  socket.non_blocking(false);
  return ec == asio::error::would_block;
}

// exchange_raw from another source address (all of 127.0.0.0/8 is loopback on Linux).
std::string exchange_from(const std::string& source, unsigned short port,
                          const std::string& bytes) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.open(asio::ip::tcp::v4());
  socket.bind({asio::ip::make_address(source), 0});
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  asio::write(socket, asio::buffer(bytes));
  std::string answer;
  boost::system::error_code ec;
  std::array<char, 4096> buffer;
  while (!ec) {
    const auto n = socket.read_some(asio::buffer(buffer), ec);
    answer.append(buffer.data(), n);
  }
  return answer;
}

}  // namespace

TEST_F(ServerTest, AnswersJsonWithSecurityHeaders) {
  test::RunningServer server(router_);
  auto r = send(server.port(), bhttp::verb::get, "/api/v1/hello?name=%E5%B1%B1");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(r.body())["hello"], "山");
  EXPECT_EQ(r["Cache-Control"], "no-store");
  EXPECT_EQ(r["X-Content-Type-Options"], "nosniff");
  EXPECT_FALSE(r["X-Request-Id"].empty());
}

TEST_F(ServerTest, ErrorsAreProblemDocumentsWithTheRightStatus) {
  test::RunningServer server(router_);
  auto port = server.port();
  auto missing =
      send(port, bhttp::verb::get, "/api/v1/nothing", {}, {}, {{"Accept-Language", "en"}});
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(missing["Content-Type"], "application/problem+json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(missing.body())["title"], "Not found.");
  EXPECT_EQ(missing["X-Frame-Options"], "DENY");  // security headers on errors too

  auto wrong_method = send(port, bhttp::verb::delete_, "/api/v1/hello");
  EXPECT_EQ(wrong_method.result_int(), 405);
  EXPECT_EQ(wrong_method["Allow"], "GET, HEAD");

  EXPECT_EQ(send(port, bhttp::verb::post, "/api/v1/echo", "{}", "text/plain").result_int(), 415);
  auto bad_json = send(port, bhttp::verb::post, "/api/v1/echo", "{\"a\":", "application/json");
  EXPECT_EQ(bad_json.result_int(), 400);
  EXPECT_EQ(nlohmann::json::parse(bad_json.body())["code"], "invalid_json");
  EXPECT_EQ(send(port, bhttp::verb::post, "/api/v1/echo", R"({"a":1})", "application/json").body(),
            R"({"a":1})");
}

TEST_F(ServerTest, KeepAliveAndPipelinedRequestsOnOneConnection) {
  test::RunningServer server(router_);
  auto raw =
      exchange_raw(server.port(),
                   "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /api/v1/hello?name=b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(starts_with_status(raw, 200));
  EXPECT_NE(raw.find(R"({"hello":"world"})"), std::string::npos);
  EXPECT_NE(raw.find(R"({"hello":"b"})"), std::string::npos);
}

TEST_F(ServerTest, HeadHasTheHeadersButNoBody) {
  test::RunningServer server(router_);
  auto r = send(server.port(), bhttp::verb::head, "/api/v1/hello");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r["Content-Length"], "17");
  EXPECT_TRUE(r.body().empty());
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  test::RunningServer server(router_);
  for (const std::string bad :
       {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
        "POST /api/v1/echo HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n"}) {
    auto raw = exchange_raw(server.port(), bad);
    EXPECT_TRUE(starts_with_status(raw, 400)) << bad << " => " << raw.substr(0, 40);
  }
}

TEST_F(ServerTest, OversizedHeaderIs431AndOversizedBodyIs413) {
  test::RunningServer server(router_, small_limits());
  auto big_header = exchange_raw(
      server.port(), "GET /api/v1/hello HTTP/1.1\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(starts_with_status(big_header, 431)) << big_header.substr(0, 40);

  // Refused from the Content-Length alone: the body is never sent.
  auto declared = exchange_raw(server.port(),
                               "POST /api/v1/echo HTTP/1.1\r\nContent-Type: application/json\r\n"
                               "Content-Length: 50000000\r\n\r\n");
  EXPECT_TRUE(starts_with_status(declared, 413)) << declared.substr(0, 40);

  std::string chunk(2000, ' ');
  auto chunked = exchange_raw(server.port(),
                              "POST /api/v1/echo HTTP/1.1\r\nContent-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n7d0\r\n" +
                                  chunk + "\r\n0\r\n\r\n");
  EXPECT_TRUE(starts_with_status(chunked, 413)) << chunked.substr(0, 40);
}

// A client that sends its whole over-large body before reading the answer gets the 413: the
// server lingers, discarding the body, instead of resetting the connection (issue 19 item 10).
TEST_F(ServerTest, The413ReachesAClientThatSendsItsWholeBodyFirst) {
  test::RunningServer server(router_, small_limits());  // body limit 1 KiB
  for (const bool chunked : {false, true}) {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
    const size_t size = 4 * 1024 * 1024;
    const std::string head =
        "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
        (chunked ? std::string("Transfer-Encoding: chunked\r\n\r\n")
                 : "Content-Length: " + std::to_string(size) + "\r\n\r\n");
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(head), ec);
    const std::string piece(64 * 1024, ' ');
    const std::string chunk_head = "10000\r\n";
    for (size_t sent = 0; sent < size && !ec; sent += piece.size()) {
      if (chunked) asio::write(socket, asio::buffer(chunk_head), ec);
      if (!ec) asio::write(socket, asio::buffer(piece), ec);
      if (chunked && !ec) asio::write(socket, asio::buffer(std::string("\r\n")), ec);
    }
    ASSERT_FALSE(ec) << "writing the body failed (chunked " << chunked << "): " << ec.message();
    std::string answer;
    std::array<char, 4096> buffer;
    while (!ec) {
      const auto n = socket.read_some(asio::buffer(buffer), ec);
      answer.append(buffer.data(), n);
    }
    EXPECT_EQ(ec, asio::error::eof) << ec.message();
    EXPECT_TRUE(starts_with_status(answer, 413)) << "chunked " << chunked << ": " << answer;
  }
}

// The linger is bounded: a client that never stops sending is cut off (issue 19 item 10).
TEST_F(ServerTest, LingeringAfterA413IsBounded) {
  auto options = small_limits();
  options.linger_limit = 256 * 1024;
  options.linger_timeout = 10s;
  test::RunningServer server(router_, options);
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const std::string head =
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000000000\r\n\r\n";
  asio::write(socket, asio::buffer(head));
  const auto start = SteadyClock::now();
  const std::string piece(64 * 1024, ' ');
  boost::system::error_code ec;
  size_t sent = 0;
  while (!ec && SteadyClock::now() - start < 8s)
    sent += asio::write(socket, asio::buffer(piece), ec);
  EXPECT_TRUE(ec) << "the server read on past its linger limit";
  EXPECT_LT(SteadyClock::now() - start, 5s);
}

// issue 19 item 11: a missing or repeated Host, and a repeated credential or body type, are 400.
TEST_F(ServerTest, MissingOrRepeatedHostAndRepeatedCredentialsAre400) {
  test::RunningServer server(router_);
  const auto code_of = [](const std::string& raw) {
    const auto body = raw.find("\r\n\r\n");
    return nlohmann::json::parse(raw.substr(body + 4))["code"].get<std::string>();
  };
  auto missing = exchange_raw(server.port(), "GET /api/v1/hello HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(starts_with_status(missing, 400)) << missing.substr(0, 40);
  EXPECT_EQ(code_of(missing), "missing_header");
  EXPECT_NE(missing.find("application/problem+json"), std::string::npos);
  // HTTP/1.0 has no Host requirement.
  EXPECT_TRUE(
      starts_with_status(exchange_raw(server.port(), "GET /api/v1/hello HTTP/1.0\r\n\r\n"), 200));
  for (const std::string repeated :
       {"Host: a\r\nHost: b", "Host: x\r\nAuthorization: Bearer a\r\nauthorization: Bearer b",
        "Host: x\r\nCookie: a=1\r\nCookie: b=2",
        "Host: x\r\nContent-Type: application/json\r\nContent-Type: text/plain",
        "Host: x\r\nX-CSRF-Token: a\r\nx-csrf-token: b"}) {
    auto raw =
        exchange_raw(server.port(), "GET /api/v1/hello HTTP/1.1\r\n" + repeated + "\r\n\r\n");
    EXPECT_TRUE(starts_with_status(raw, 400)) << repeated << " => " << raw.substr(0, 40);
    EXPECT_EQ(code_of(raw), "duplicate_header") << repeated;
    EXPECT_NE(raw.find("Connection: close"), std::string::npos);
  }
}

TEST_F(ServerTest, PathTraversalNeverLeavesTheWebRoot) {
  test::RunningServer server(router_);
  for (const std::string target : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                   "/..%2f..%2fetc%2fpasswd", "/static/..\\..\\etc\\passwd.txt"}) {
    auto raw = exchange_raw(server.port(),
                            "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(raw.find("root:"), std::string::npos) << target;
    EXPECT_TRUE(starts_with_status(raw, 404) || starts_with_status(raw, 400) ||
                raw.find("<html>app</html>") != std::string::npos)
        << target << " => " << raw.substr(0, 40);
  }
}

TEST_F(ServerTest, ASlowClientIsDroppedWhenTheHeaderDeadlinePasses) {
  auto options = small_limits();
  options.header_timeout = 300ms;
  test::RunningServer server(router_, options);

  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const auto start = SteadyClock::now();
  const std::string request = "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  boost::system::error_code ec;
  // One byte every 50 ms: each read makes progress, but the header never ends in time.
  for (size_t i = 0; i < 200 && !ec; ++i) {
    asio::write(socket, asio::buffer(i < request.size() ? request.substr(i, 1) : "a"), ec);
    std::this_thread::sleep_for(50ms);
  }
  const auto dropped_after = SteadyClock::now() - start;
  EXPECT_TRUE(ec) << "the server never closed the connection";
  EXPECT_LT(dropped_after, 3s);
}

TEST_F(ServerTest, IdleKeepAliveConnectionsAreClosed) {
  auto options = small_limits();
  options.idle_timeout = 200ms;
  test::RunningServer server(router_, options);
  auto start = SteadyClock::now();
  auto raw = exchange_raw(server.port(), "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
  EXPECT_TRUE(starts_with_status(raw, 200));
  EXPECT_LT(SteadyClock::now() - start, 3s);  // closed by the server, not by our 5 s timeout
}

// At the cap, a new connection takes the place of the longest-idle one; it is refused only
// when every connection has a request in progress (issue 19 item 6).
TEST_F(ServerTest, AtTheCapTheLongestIdleConnectionMakesRoom) {
  auto options = small_limits();
  options.max_connections = 2;
  options.max_connections_per_address = 0;
  test::RunningServer server(router_, options);
  asio::io_context ioc;
  std::vector<asio::ip::tcp::socket> held;
  for (int i = 0; i < 2; ++i) {
    held.emplace_back(ioc).connect({asio::ip::make_address("127.0.0.1"), server.port()});
    std::this_thread::sleep_for(50ms);  // the first is the longest idle
  }
  EXPECT_EQ(send(server.port(), bhttp::verb::get, "/api/v1/hello").result_int(), 200);
  EXPECT_FALSE(open_after(held[0], 300ms)) << "the longest-idle connection was not closed";
  EXPECT_TRUE(open_after(held[1], 0ms));
}

TEST_F(ServerTest, AtTheCapWithEveryConnectionBusyNewOnesAreClosed) {
  auto options = small_limits();
  options.max_connections = 2;
  test::RunningServer server(router_, options);
  std::vector<std::future<test::HttpResponse>> busy;
  for (int i = 0; i < 2; ++i) {
    busy.push_back(std::async(
        std::launch::async, [&] { return send(server.port(), bhttp::verb::get, "/api/v1/gate"); }));
  }
  gate_.wait_entered(2);
  auto refused = exchange_raw(server.port(), "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n", 3s);
  EXPECT_EQ(refused, "");
  gate_.open();
  for (auto& b : busy) EXPECT_EQ(b.get().result_int(), 200);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(send(server.port(), bhttp::verb::get, "/api/v1/hello").result_int(), 200);
}

// One source opening many idle connections keeps only its share; a client from another address
// is served all the while (issue 19 item 6, SEC-*).
TEST_F(ServerTest, OneSourceCannotFillTheConnectionCap) {
  auto options = small_limits();
  options.max_connections = 8;
  options.max_connections_per_address = 4;
  test::RunningServer server(router_, options);
  asio::io_context ioc;
  std::vector<asio::ip::tcp::socket> idle;
  for (int i = 0; i < 20; ++i) {
    idle.emplace_back(ioc).connect({asio::ip::make_address("127.0.0.1"), server.port()});
  }
  std::this_thread::sleep_for(300ms);
  const auto open =
      std::count_if(idle.begin(), idle.end(), [](auto& socket) { return open_after(socket, 0ms); });
  EXPECT_LE(open, 4);
  EXPECT_TRUE(open_after(idle.back(), 0ms)) << "the newest connection should have been kept";
  for (int i = 0; i < 3; ++i) {
    auto raw = exchange_from("127.0.0.2", server.port(),
                             "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(starts_with_status(raw, 200)) << raw.substr(0, 40);
  }
}

// A connection that sends nothing is closed after first_request_timeout, not after the
// keep-alive idle timeout; between requests the idle timeout applies (issue 19 item 6).
TEST_F(ServerTest, TheFirstRequestHasItsOwnShortDeadline) {
  auto options = small_limits();
  options.first_request_timeout = 300ms;
  options.idle_timeout = 60s;
  test::RunningServer server(router_, options);
  asio::io_context ioc;
  asio::ip::tcp::socket silent(ioc);
  silent.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const auto start = SteadyClock::now();
  char byte;
  boost::system::error_code ec;
  silent.read_some(asio::buffer(&byte, 1), ec);  // blocks until the server closes it
  EXPECT_EQ(ec, asio::error::eof);
  EXPECT_LT(SteadyClock::now() - start, 3s);

  // A slow first header is bounded by the same deadline.
  asio::ip::tcp::socket slow(ioc);
  slow.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const std::string partial = "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n";
  asio::write(slow, asio::buffer(partial));
  EXPECT_FALSE(open_after(slow, 1s));

  // After a first request, the connection waits the keep-alive idle time for the next one.
  asio::ip::tcp::socket kept(ioc);
  kept.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const std::string request = "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n";
  asio::write(kept, asio::buffer(request));
  boost::asio::streambuf answer;
  asio::read_until(kept, answer, "{\"hello\":\"world\"}");
  std::this_thread::sleep_for(600ms);
  asio::write(kept, asio::buffer(request), ec);
  EXPECT_FALSE(ec);
  asio::read_until(kept, answer, "{\"hello\":\"world\"}", ec);
  EXPECT_FALSE(ec) << "the keep-alive connection was closed by the first-request deadline";
}

// Behind a trusted reverse proxy the client address is the one the proxy added; from anyone
// else X-Forwarded-For is ignored (issue 19 item 6: per-source limits need the real client).
TEST_F(ServerTest, XForwardedForCountsOnlyFromATrustedProxy) {
  test::add_public(router_, Verb::get, "/api/v1/whoami", [](Request& r) {
    return Response::json(Status::ok, {{"client", r.client_address}});
  });
  const std::vector<std::pair<std::string, std::string>> forwarded = {
      {"X-Forwarded-For", "198.51.100.1, 203.0.113.7"}};
  {
    test::RunningServer server(router_);
    auto r = send(server.port(), bhttp::verb::get, "/api/v1/whoami", {}, {}, forwarded);
    EXPECT_EQ(nlohmann::json::parse(r.body())["client"], "127.0.0.1");
  }
  auto options = small_limits();
  options.trusted_proxies = {"127.0.0.1"};
  test::RunningServer server(router_, options);
  auto r = send(server.port(), bhttp::verb::get, "/api/v1/whoami", {}, {}, forwarded);
  EXPECT_EQ(nlohmann::json::parse(r.body())["client"], "203.0.113.7");
  r = send(server.port(), bhttp::verb::get, "/api/v1/whoami");
  EXPECT_EQ(nlohmann::json::parse(r.body())["client"], "127.0.0.1");
}

TEST_F(ServerTest, AFullWorkerQueueAnswers503) {
  auto options = small_limits();
  options.worker_threads = 1;
  options.max_queued_requests = 1;
  test::RunningServer server(router_, options);
  auto first = std::async(std::launch::async,
                          [&] { return send(server.port(), bhttp::verb::get, "/api/v1/gate"); });
  gate_.wait_entered(1);
  auto second = std::async(std::launch::async,
                           [&] { return send(server.port(), bhttp::verb::get, "/api/v1/gate"); });
  std::this_thread::sleep_for(200ms);  // the second waits in the queue
  auto third = send(server.port(), bhttp::verb::get, "/api/v1/gate");
  EXPECT_EQ(third.result_int(), 503);
  EXPECT_EQ(third["Retry-After"], "1");
  gate_.open();
  EXPECT_EQ(first.get().result_int(), 200);
  EXPECT_EQ(second.get().result_int(), 200);
}

TEST_F(ServerTest, ShutdownFinishesRequestsInFlightAndRefusesNewOnes) {
  ServerOptions options;
  options.port = 0;
  options.shutdown_grace = 5s;
  Server server(options, router_);
  server.start();
  const auto port = server.port();

  // An idle keep-alive connection, which shutdown closes at once.
  asio::io_context ioc;
  asio::ip::tcp::socket idle(ioc);
  idle.connect({asio::ip::make_address("127.0.0.1"), port});

  auto in_flight =
      std::async(std::launch::async, [&] { return send(port, bhttp::verb::get, "/api/v1/gate"); });
  gate_.wait_entered(1);
  server.stop();
  std::this_thread::sleep_for(100ms);

  char byte;
  boost::system::error_code ec;
  idle.read_some(asio::buffer(&byte, 1), ec);
  EXPECT_EQ(ec, asio::error::eof);  // closed without waiting for the grace period

  asio::ip::tcp::socket late(ioc);
  late.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  EXPECT_TRUE(ec);  // no longer accepting

  gate_.open();
  auto response = in_flight.get();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response["Connection"], "close");
  const auto start = SteadyClock::now();
  server.wait();
  EXPECT_LT(SteadyClock::now() - start, 2s);
}

TEST_F(ServerTest, GarbageNeverCrashesTheServer) {
  test::RunningServer server(router_, small_limits());
  std::mt19937 random(20261121);  // fixed seed: the same bytes every run
  const std::vector<std::string> prefixes = {
      "", "GET / HTTP/1.1\r\n",
      "POST /api/v1/echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n",
      "GET /api/v1/hello HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"};
  for (int i = 0; i < 200; ++i) {
    std::string bytes = prefixes[i % prefixes.size()];
    const int length = static_cast<int>(random() % 600);
    for (int j = 0; j < length; ++j) bytes += static_cast<char>(random() % 256);
    exchange_raw(server.port(), bytes, 300ms);
  }
  EXPECT_EQ(send(server.port(), bhttp::verb::get, "/api/v1/hello").result_int(), 200);
}

TEST(TlsServer, ServesTls12AndRefusesOlderVersions) {
  test::TempDir dir;
  Router router;
  test::add_public(router, Verb::get, "/api/v1/hello", [](Request&) {
    return Response::json(Status::ok, {{"hello", "tls"}});
  });
  // Larger than a TLS record: such bodies (the browser app's script) were cut after the head.
  const std::string large(200 * 1024 + 7, 'x');
  test::add_public(router, Verb::get, "/api/v1/large",
                   [&](Request&) { return Response::text(Status::ok, large, "text/plain"); });
  ServerOptions options;
  options.tls = make_tls_context(ensure_self_signed_certificate(dir.path()));
  test::RunningServer server(router, options);

  auto try_version = [&](int max_version,
                         const char* path = "/api/v1/hello") -> std::optional<std::string> {
    asio::io_context ioc;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx.native_handle(), max_version);
    SSL_CTX_set_security_level(ctx.native_handle(), 0);  // allow the client to offer TLS 1.1
    ctx.set_verify_mode(asio::ssl::verify_none);         // self-signed; the test checks versions
    boost::beast::ssl_stream<boost::beast::tcp_stream> stream(ioc, ctx);
    boost::beast::get_lowest_layer(stream).connect(
        {asio::ip::make_address("127.0.0.1"), server.port()});
    boost::beast::get_lowest_layer(stream).expires_after(5s);
    boost::system::error_code ec;
    stream.handshake(asio::ssl::stream_base::client, ec);
    if (ec) return std::nullopt;
    bhttp::request<bhttp::empty_body> request{bhttp::verb::get, path, 11};
    request.set(bhttp::field::host, "localhost");
    bhttp::write(stream, request);
    boost::beast::flat_buffer buffer;
    test::HttpResponse response;
    bhttp::read(stream, buffer, response);
    return response.body();
  };
  EXPECT_EQ(try_version(TLS1_2_VERSION), R"({"hello":"tls"})");
  EXPECT_EQ(try_version(TLS1_3_VERSION), R"({"hello":"tls"})");
  EXPECT_EQ(try_version(TLS1_1_VERSION), std::nullopt);
  EXPECT_EQ(try_version(TLS1_2_VERSION, "/api/v1/large"), large);
  EXPECT_EQ(try_version(TLS1_3_VERSION, "/api/v1/large"), large);

  // The certificate is reused on the next start, and the key is private.
  auto again = ensure_self_signed_certificate(dir.path());
  EXPECT_EQ(std::filesystem::status(again.private_key).permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::none);
}

// issue 19 item 6: an idle TLS connection (handshake done or not) holds its place only for the
// first-request timeout, not for the keep-alive idle time.
TEST(TlsServer, AnIdleTlsConnectionIsClosedAfterTheFirstRequestTimeout) {
  test::TempDir dir;
  Router router;
  ServerOptions options;
  options.tls = make_tls_context(ensure_self_signed_certificate(dir.path()));
  options.first_request_timeout = 300ms;
  test::RunningServer server(router, options);
  asio::io_context ioc;
  // No handshake at all.
  asio::ip::tcp::socket raw(ioc);
  raw.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  // A handshake and then nothing.
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_verify_mode(asio::ssl::verify_none);
  boost::beast::ssl_stream<boost::beast::tcp_stream> tls(ioc, ctx);
  boost::beast::get_lowest_layer(tls).connect({asio::ip::make_address("127.0.0.1"), server.port()});
  tls.handshake(asio::ssl::stream_base::client);
  const auto start = SteadyClock::now();
  boost::system::error_code ec;
  char byte;
  raw.read_some(asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);
  boost::beast::get_lowest_layer(tls).expires_after(10s);
  tls.read_some(asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);
  EXPECT_NE(ec, boost::beast::error::timeout) << "the server kept the idle TLS connection";
  EXPECT_LT(SteadyClock::now() - start, 3s);
}

// A refused handshake ends the session before its first request; a shutdown racing that end
// used to cancel a stream that no longer existed (a segfault about one run in twenty).
TEST(TlsServer, StoppingRightAfterRefusedHandshakesIsSafe) {
  test::TempDir dir;
  Router router;
  ServerOptions options;
  options.tls = make_tls_context(ensure_self_signed_certificate(dir.path()));
  for (int round = 0; round < 40; ++round) {
    test::RunningServer server(router, options);
    asio::io_context ioc;
    std::vector<asio::ip::tcp::socket> clients;
    for (int i = 0; i < 8; ++i) {
      clients.emplace_back(ioc).connect({asio::ip::make_address("127.0.0.1"), server.port()});
      const std::string not_tls = "GET / HTTP/1.1\r\n\r\n";  // fails the handshake at once
      asio::write(clients.back(), asio::buffer(not_tls));
    }
  }  // the server stops while those sessions end
}

TEST(ListenAddress, ParsesHostAndPort) {
  EXPECT_EQ(parse_listen_address("127.0.0.1:8443"),
            std::make_pair(std::string("127.0.0.1"), static_cast<unsigned short>(8443)));
  EXPECT_EQ(parse_listen_address("[::1]:80").first, "::1");
  EXPECT_EQ(parse_listen_address("localhost:1").first, "127.0.0.1");
  EXPECT_THROW(parse_listen_address("8443"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("127.0.0.1:99999"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("example.com:80"), std::invalid_argument);
}

}  // namespace hersys::http
