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

TEST_F(ServerTest, ConnectionsBeyondTheLimitAreClosed) {
  auto options = small_limits();
  options.max_connections = 2;
  test::RunningServer server(router_, options);
  asio::io_context ioc;
  std::vector<asio::ip::tcp::socket> held;
  for (int i = 0; i < 2; ++i) {
    held.emplace_back(ioc).connect({asio::ip::make_address("127.0.0.1"), server.port()});
  }
  std::this_thread::sleep_for(100ms);  // let the server accept them
  auto refused = exchange_raw(server.port(), "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n", 3s);
  EXPECT_EQ(refused, "");
  held.clear();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(send(server.port(), bhttp::verb::get, "/api/v1/hello").result_int(), 200);
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
