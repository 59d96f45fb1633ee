#include "platform/http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/http/pipeline.h"

namespace hersys::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
// A head and body up to this size go in one write (one TLS record for the common small answer).
constexpr size_t kSingleWrite = 16 * 1024;
using Clock = std::chrono::steady_clock;

// What the sweeper and shutdown need to reach a connection. `busy` and `cancel` are touched
// only on the connection's strand (`executor`); `deadline` from any thread.
//
// Timeouts are deadlines checked by one sweeper per server (nginx-style) rather than a timer per
// operation: arming and cancelling Beast's per-operation timers took the reactor's lock and woke
// another thread on every read and write, costing a third of the throughput.
//
// `address`, `idle_since` and `evicted` serve the connection limits: under the registry's lock
// the acceptor picks the longest-idle connection to close (evicted) when a limit is reached.
struct ConnectionState {
  asio::any_io_executor executor;
  std::string address;
  bool busy = false;
  bool linger = false;  // answered a request it refused while reading: read and discard
  Clock::time_point first_request_deadline = Clock::time_point::max();
  std::function<void()> cancel;
  std::atomic<Clock::rep> deadline{0};  // steady-clock ticks; 0 while no network wait is due
  // Since when the connection waits for a request (before its first one or between keep-alive
  // requests); 0 while a request is read, handled or answered.
  std::atomic<Clock::rep> idle_since{0};
  std::atomic<bool> evicted{false};

  void expire_after(std::chrono::milliseconds timeout) { expire_at(Clock::now() + timeout); }
  // The earlier of `timeout` from now and the first request's deadline (while it is pending).
  void expire_within(std::chrono::milliseconds timeout) {
    expire_at(std::min(Clock::now() + timeout, first_request_deadline));
  }
  void expire_at(Clock::time_point when) { deadline = when.time_since_epoch().count(); }
  void idle() { idle_since = Clock::now().time_since_epoch().count(); }
  void no_deadline() { deadline = 0; }
  bool expired() const {
    const auto d = deadline.load();
    return d != 0 && d <= Clock::now().time_since_epoch().count();
  }
};

bool is_malformed(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::header_limit && ec != bhttp::error::body_limit;
}

}  // namespace

std::pair<std::string, unsigned short> parse_listen_address(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw std::invalid_argument("listen address must be HOST:PORT, got \"" + text + "\"");
  }
  std::string host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  unsigned port = 0;
  auto digits = std::string_view(text).substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ec != std::errc() || end != digits.data() + digits.size() || port > 65535) {
    throw std::invalid_argument("listen port must be 0-65535, got \"" + std::string(digits) + "\"");
  }
  boost::system::error_code bad;
  asio::ip::make_address(host, bad);
  if (bad) throw std::invalid_argument("listen host must be an IP address, got \"" + host + "\"");
  return {host, static_cast<unsigned short>(port)};
}

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  asio::io_context ioc;
  asio::thread_pool pool;
  tcp::acceptor acceptor{asio::make_strand(ioc)};
  asio::signal_set signals{acceptor.get_executor()};
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0};
  std::atomic<size_t> queued{0};
  std::mutex registry_mutex;
  std::unordered_map<uint64_t, std::shared_ptr<ConnectionState>> registry;
  // The open connections of each source address (under registry_mutex).
  std::unordered_map<std::string, std::vector<std::shared_ptr<ConnectionState>>> by_address;
  uint64_t next_connection = 0;
  size_t evicting = 0;  // connections picked to close for a new one, not yet closed

  Impl(ServerOptions o, const Router& r)
      : options(std::move(o)), router(r), pool(std::max(1u, options.worker_threads)) {}

  asio::awaitable<void> listen() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), nothrow);
      if (stopping || !acceptor.is_open()) co_return;
      if (ec) {
        // Out of descriptors or similar: back off briefly instead of spinning.
        spdlog::warn("accept failed: {}", ec.message());
        asio::steady_timer pause(acceptor.get_executor(), 50ms);
        co_await pause.async_wait(nothrow);
        continue;
      }
      std::string client = socket.remote_endpoint(ec).address().to_string();
      if (ec) continue;  // already gone
      auto state = std::make_shared<ConnectionState>();
      state->executor = socket.get_executor();
      state->address = client;
      state->first_request_deadline = Clock::now() + options.first_request_timeout;
      state->idle();
      uint64_t id;
      if (!admit(state, id)) {
        socket.close(ec);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto done = [this, id, state](std::exception_ptr error) {
        if (error) spdlog::error("connection ended by an unexpected exception");
        std::lock_guard lock(registry_mutex);
        registry.erase(id);
        if (state->evicted) --evicting;
        auto found = by_address.find(state->address);
        if (found != by_address.end()) {
          auto& list = found->second;
          std::erase(list, state);
          if (list.empty()) by_address.erase(found);
        }
        --connections;
      };
      beast::tcp_stream tcp_stream(std::move(socket));
      if (options.tls) {
        asio::co_spawn(
            state->executor,
            session(beast::ssl_stream<beast::tcp_stream>(std::move(tcp_stream), *options.tls),
                    std::move(client), state),
            done);
      } else {
        asio::co_spawn(state->executor, session(std::move(tcp_stream), std::move(client), state),
                       done);
      }
    }
  }

  // Registers a new connection within the limits (see ServerOptions), closing the longest-idle
  // connection of its address (or, at the cap, of all) to make room. False: refuse it.
  // Connections already being closed neither count nor can be picked again.
  bool admit(const std::shared_ptr<ConnectionState>& state, uint64_t& id) {
    std::shared_ptr<ConnectionState> victim;
    {
      std::lock_guard lock(registry_mutex);
      auto& mine = by_address[state->address];
      const auto per_address = options.max_connections_per_address;
      if (per_address != 0 &&
          static_cast<size_t>(std::count_if(mine.begin(), mine.end(), [](const auto& s) {
            return !s->evicted;
          })) >= per_address) {
        victim = longest_idle(mine);
        if (!victim) {
          if (mine.empty()) by_address.erase(state->address);
          return false;
        }
      } else if (connections - evicting >= options.max_connections) {
        std::vector<std::shared_ptr<ConnectionState>> all;
        all.reserve(registry.size());
        for (const auto& [key, s] : registry) all.push_back(s);
        victim = longest_idle(all);
        if (!victim) {
          if (mine.empty()) by_address.erase(state->address);
          return false;
        }
      }
      if (victim) {
        victim->evicted = true;
        ++evicting;
      }
      id = next_connection++;
      registry.emplace(id, state);
      mine.push_back(state);
      ++connections;
    }
    if (victim) {
      asio::post(victim->executor, [victim] {
        if (victim->idle_since != 0 && victim->cancel) victim->cancel();
      });
    }
    return true;
  }

  static std::shared_ptr<ConnectionState> longest_idle(
      const std::vector<std::shared_ptr<ConnectionState>>& candidates) {
    std::shared_ptr<ConnectionState> found;
    Clock::rep since = 0;
    for (const auto& candidate : candidates) {
      const auto idle = candidate->idle_since.load();
      if (idle == 0 || candidate->evicted) continue;
      if (!found || idle < since) {
        found = candidate;
        since = idle;
      }
    }
    return found;
  }

  template <class Stream>
  asio::awaitable<void> session(Stream stream, std::string client,
                                std::shared_ptr<ConnectionState> state) {
    auto& tcp = beast::get_lowest_layer(stream);
    state->cancel = [&tcp] { tcp.cancel(); };
    // However the session ends, nothing may reach the stream once this frame is gone: a cancel
    // posted by shutdown or the sweeper can still run before `done` takes the connection off
    // the registry (a refused TLS handshake used to leave it pointing at a destroyed stream).
    struct Detach {
      ConnectionState& state;
      ~Detach() {
        state.no_deadline();
        state.cancel = nullptr;
      }
    } detach{*state};
    constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
    if constexpr (kTls) {
      state->expire_within(options.handshake_timeout);
      if (state->evicted) co_return;
      auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, nothrow);
      if (ec) co_return;
    }
    beast::flat_buffer buffer;
    for (;;) {
      state->busy = false;
      if (stopping || state->evicted) break;
      if (buffer.size() == 0) {
        // The first request has its own, short deadline from the accept on: a connection
        // that sends nothing must not hold a place for the keep-alive idle time.
        state->expire_within(options.idle_timeout);
        state->idle();
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), nothrow);
        state->idle_since = 0;
        if (ec) break;
        buffer.commit(n);
      }
      state->idle_since = 0;
      state->busy = true;
      if (!co_await serve_one(stream, buffer, client, *state)) break;
      state->first_request_deadline = Clock::time_point::max();
    }
    state->idle_since = 0;
    if constexpr (kTls) {
      if (state->linger) co_await linger(stream, buffer, *state);
      state->expire_after(2s);
      co_await stream.async_shutdown(nothrow);
    } else {
      beast::error_code ignored;
      tcp.socket().shutdown(tcp::socket::shutdown_send, ignored);
      if (state->linger) co_await linger(stream, buffer, *state);
    }
  }

  // Reads and discards what the client still sends after an answer to a request that was
  // refused while it was read, until it closes, linger_limit bytes or linger_timeout: closing a
  // socket with unread data resets the connection, and the client would lose the answer.
  template <class Stream>
  asio::awaitable<void> linger(Stream& stream, beast::flat_buffer& buffer, ConnectionState& state) {
    size_t discarded = buffer.size();
    buffer.consume(buffer.size());
    state.busy = false;  // shutdown need not wait for it
    state.expire_after(options.linger_timeout);
    std::array<char, 16 * 1024> sink;
    while (discarded < options.linger_limit && !stopping) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), nothrow);
      if (ec) break;
      discarded += n;
    }
  }

  // Reads, handles and answers one request. Returns whether the connection stays open.
  template <class Stream>
  asio::awaitable<bool> serve_one(Stream& stream, beast::flat_buffer& buffer,
                                  const std::string& client, ConnectionState& state) {
    const auto started = Clock::now();
    Request request;
    request.client_address = client;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);
    parser.eager(true);
    // Most requests arrive whole in one read: parse what is here without another async
    // operation (and its timer); read more only when the message is incomplete.
    beast::error_code ec;
    while (!parser.is_done() && buffer.size() > 0) {
      const auto used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      if (ec == bhttp::error::need_more) ec = {};
      if (ec || used == 0) break;
    }
    if (ec) co_return co_await reject(stream, request, ec, state, started);

    if (!parser.is_header_done()) {
      state.expire_within(options.header_timeout);
      auto [header_ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, nothrow);
      if (header_ec) co_return co_await reject(stream, request, header_ec, state, started);
    }
    if (!parser.is_done()) {
      if (parser.get()[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
        state.expire_after(options.write_timeout);
        auto [write_ec, n] = co_await bhttp::async_write(stream, go_on, nothrow);
        if (write_ec) co_return false;
      }
      state.expire_after(options.body_timeout);
      auto [body_ec, n] = co_await bhttp::async_read(stream, buffer, parser, nothrow);
      if (body_ec) co_return co_await reject(stream, request, body_ec, state, started);
    }

    auto message = parser.release();
    const bool head = message.method() == bhttp::verb::head;
    bool keep_alive = message.keep_alive();
    request.method = message.method();
    const bool target_ok = parse_target(message.target(), request);  // before the fields move
    const auto header_problem = check_headers(message, message.version());
    request.body = std::move(message.body());
    request.headers = std::move(static_cast<Fields&>(message));
    identify(request);
    if (trusted_proxy(client)) {
      if (auto forwarded = forwarded_client(request.headers)) request.client_address = *forwarded;
    }

    state.no_deadline();  // the handler's time is not a network wait
    Response response;
    if (!target_ok) {
      response = answer(request, Problem::bad_request());
      keep_alive = false;
    } else if (header_problem) {
      response = answer(request, *header_problem);
      keep_alive = false;
    } else if (const Route* route = prepare(router, request, response)) {
      if (route->options.execution == Execution::io_thread) {
        response = invoke(router, *route, request);
      } else {
        response = co_await on_worker(*route, request);
      }
    }
    co_return co_await respond(stream, request, response, keep_alive, head, state, started);
  }

  bool trusted_proxy(const std::string& address) const {
    return std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(), address) !=
           options.trusted_proxies.end();
  }

  // Answers a request that could not be read, when it deserves an answer.
  template <class Stream>
  asio::awaitable<bool> reject(Stream& stream, Request& request, const beast::error_code& ec,
                               ConnectionState& state, Clock::time_point started) {
    std::optional<Problem> problem;
    if (ec == bhttp::error::header_limit) {
      problem = header_too_large();
    } else if (ec == bhttp::error::body_limit) {
      problem = payload_too_large();
    } else if (is_malformed(ec)) {
      problem = Problem::bad_request();
    }
    // Timeouts, resets and half-sent requests get no answer: the client is gone or hostile.
    if (!problem) co_return false;
    identify(request);
    Response response = answer(request, *problem);
    state.linger = co_await respond(stream, request, response, false, false, state, started, true);
    co_return false;
  }

  asio::awaitable<Response> on_worker(const Route& route, Request& request) {
    if (queued.fetch_add(1) >= options.max_queued_requests) {
      --queued;
      auto response = answer(request, Problem::busy());
      co_return response;
    }
    // The request is shared: if shutdown abandons this coroutine, the worker still owns it.
    // (The lambda and the awaitable are named: g++ 12 destroys temporaries inside a co_await
    // expression twice.)
    auto shared = std::make_shared<Request>(std::move(request));
    auto work = [this, &route, shared]() -> asio::awaitable<Response> {
      --queued;
      co_return invoke(router, route, *shared);
    };
    auto task = asio::co_spawn(pool, std::move(work), asio::use_awaitable);
    Response response = co_await std::move(task);
    request = std::move(*shared);
    co_return response;
  }

  template <class Stream>
  asio::awaitable<bool> respond(Stream& stream, const Request& request, Response& response,
                                bool keep_alive, bool head_only, ConnectionState& state,
                                Clock::time_point started, bool written_only = false) {
    finish(request, response);
    keep_alive = keep_alive && !stopping && !state.evicted;
    const std::string head = serialize_head(response, keep_alive);
    const size_t body_size = head_only ? 0 : response.body.size();
    state.expire_after(options.write_timeout);
    beast::error_code ec;
    if (head.size() + body_size <= kSingleWrite) {
      const std::array<asio::const_buffer, 2> wire{asio::buffer(head),
                                                   asio::buffer(response.body.data(), body_size)};
      std::tie(ec, std::ignore) = co_await asio::async_write(stream, wire, nothrow);
    } else {
      // Head and body apart: over TLS, async_write of the pair stopped after the head (the
      // stream wrote nothing from the partly consumed sequence), cutting large bodies off.
      std::tie(ec, std::ignore) = co_await asio::async_write(stream, asio::buffer(head), nothrow);
      if (!ec) {
        std::tie(ec, std::ignore) = co_await asio::async_write(
            stream, asio::buffer(response.body.data(), body_size), nothrow);
      }
    }
    // Route patterns only: a path may carry identifiers, a query string personal data.
    spdlog::info(
        "{} {} {} {}us {}",
        request.method == Verb::unknown ? "-" : bhttp::to_string(request.method),
        request.route.empty() ? "-" : request.route, static_cast<unsigned>(response.status),
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count(),
        request.request_id.empty() ? "-" : request.request_id);
    co_return !ec && (keep_alive || written_only);
  }

  // Cancels the network wait of every connection past its deadline. Runs until the server stops.
  asio::awaitable<void> sweep() {
    asio::steady_timer timer(ioc);
    for (;;) {
      timer.expires_after(options.timeout_resolution);
      auto [ec] = co_await timer.async_wait(nothrow);
      if (ec) co_return;
      std::lock_guard lock(registry_mutex);
      for (auto& [id, state] : registry) {
        if (!state->expired()) continue;
        // Look again on the strand: the connection may have moved on to a new deadline.
        asio::post(state->executor, [state] {
          if (state->expired() && state->cancel) state->cancel();
        });
      }
    }
  }

  asio::awaitable<void> drain() {
    const auto deadline = Clock::now() + options.shutdown_grace;
    asio::steady_timer timer(ioc);
    while (connections > 0 && Clock::now() < deadline) {
      timer.expires_after(20ms);
      co_await timer.async_wait(nothrow);
    }
    if (connections > 0) {
      spdlog::warn("shutdown: {} connections still open after the grace period",
                   connections.load());
    }
    ioc.stop();
  }

  void stop() {
    if (stopping.exchange(true)) return;
    spdlog::info("shutting down: no new connections; finishing requests in flight");
    asio::post(acceptor.get_executor(), [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
      signals.cancel(ignored);
    });
    std::lock_guard lock(registry_mutex);
    for (auto& [id, state] : registry) {
      asio::post(state->executor, [state] {
        if (!state->busy && state->cancel) state->cancel();
      });
    }
    asio::co_spawn(ioc, drain(), asio::detached);
  }
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  if (!impl_->threads.empty()) {
    impl_->ioc.stop();
    wait();
  }
}

void Server::start() {
  auto& i = *impl_;
  tcp::endpoint endpoint(asio::ip::make_address(i.options.host), i.options.port);
  boost::system::error_code ec;
  i.acceptor.open(endpoint.protocol(), ec);
  if (!ec) i.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) i.acceptor.bind(endpoint, ec);
  if (!ec) i.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::system_error(
        ec, "cannot listen on " + i.options.host + ":" + std::to_string(i.options.port));
  }
  asio::co_spawn(i.acceptor.get_executor(), i.listen(), asio::detached);
  asio::co_spawn(i.ioc, i.sweep(), asio::detached);
  for (unsigned t = 0; t < std::max(1u, i.options.io_threads); ++t) {
    i.threads.emplace_back([&i] { i.ioc.run(); });
  }
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::stop_on_signals() {
  auto& i = *impl_;
  asio::post(i.acceptor.get_executor(), [&i] {
    i.signals.add(SIGINT);
    i.signals.add(SIGTERM);
    i.signals.async_wait([&i](const beast::error_code& ec, int) {
      if (!ec) i.stop();
    });
  });
}

void Server::stop() { impl_->stop(); }

void Server::wait() {
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->pool.stop();
  impl_->pool.join();
}

}  // namespace hersys::http
