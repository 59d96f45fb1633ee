#pragma once
// The HTTP/1.1 server: Boost.Beast + Asio with C++20 coroutines, keep-alive, TLS (1.2+) or plain
// HTTP behind a reverse proxy. I/O threads only parse, route and write; handlers that block run
// on a bounded worker pool (see RouteOptions::execution).
//
// Limits are explicit: header and body size (431 / 413), per-phase timeouts (a client that sends
// its request slowly is dropped when the phase's deadline passes), a connection cap, and a cap on
// requests waiting for a worker (503 + Retry-After past it).
//
// One client cannot fill the connection cap (issue 19 item 6): a connection must have sent its
// first request's header within first_request_timeout; one source address holds at most
// max_connections_per_address connections; and at either limit the longest-idle connection
// (no request in progress: before its first request or between keep-alive requests) is closed
// to make room, the new connection refused only when none is idle.
//
// A request refused while it was being read (400 / 413 / 431) is answered, and the server then
// lingers (issue 19 item 10): it stops sending, reads and discards what the client still sends,
// up to linger_limit bytes and linger_timeout, and only then closes — closing with unread data
// would reset the connection and the client would lose the answer.
//
// Graceful shutdown (stop(), or SIGINT/SIGTERM after stop_on_signals()): stop accepting, close
// idle connections, let in-flight requests finish and answer with Connection: close, and stop
// the rest when the grace period ends.
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "platform/http/router.h"

namespace hersys::http {

using namespace std::chrono_literals;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8443;  // 0: any free port (tests)
  unsigned io_threads = 2;
  unsigned worker_threads = 8;
  size_t max_queued_requests = 1024;
  size_t max_connections = 10000;
  // Connections one source address may hold (0: no limit). Behind a reverse proxy every
  // connection comes from the proxy: set 0 there and let the proxy limit per client.
  size_t max_connections_per_address = 256;
  // Reverse proxies whose X-Forwarded-For is believed: for a connection from one of these
  // addresses, Request::client_address is the last address in X-Forwarded-For (the one the
  // proxy added) when it is an IP address. Connection limits still count the proxy's address.
  std::vector<std::string> trusted_proxies;
  size_t header_limit = 16 * 1024;
  size_t body_limit = 2 * 1024 * 1024;
  std::chrono::milliseconds handshake_timeout = 10s;
  // From accepting a connection to the end of its first request's header (TLS handshake
  // included); idle_timeout applies only between requests of a keep-alive connection.
  std::chrono::milliseconds first_request_timeout = 10s;
  std::chrono::milliseconds idle_timeout = 60s;    // waiting for the next request
  std::chrono::milliseconds header_timeout = 10s;  // from its first byte to the end of the header
  std::chrono::milliseconds body_timeout = 30s;
  std::chrono::milliseconds write_timeout = 30s;
  std::chrono::milliseconds shutdown_grace = 10s;
  // After answering a request it refused while reading it: what is read and discarded before
  // the connection is closed, at most.
  size_t linger_limit = 8 * 1024 * 1024;
  std::chrono::milliseconds linger_timeout = 5s;
  // How often deadlines are checked: a timeout fires up to this much late.
  std::chrono::milliseconds timeout_resolution = 100ms;
  // TLS when set; plain HTTP when null.
  std::shared_ptr<boost::asio::ssl::context> tls;
};

class Server {
 public:
  // `router` must outlive the server.
  Server(ServerOptions options, const Router& router);
  ~Server();  // stops (without grace) and joins if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads. Throws std::system_error when the address
  // cannot be bound.
  void start();
  // The bound port (useful with port 0).
  unsigned short port() const;
  // Makes SIGINT and SIGTERM call stop(). Call after start().
  void stop_on_signals();
  // Begins graceful shutdown and returns at once. Thread-safe; later calls do nothing.
  void stop();
  // Blocks until the server has shut down and every thread has ended.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The server's address from "HOST:PORT" or "[IPv6]:PORT". Throws std::invalid_argument.
std::pair<std::string, unsigned short> parse_listen_address(const std::string& text);

}  // namespace hersys::http
