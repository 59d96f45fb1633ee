// The baseline for bench/http: the least a Beast + coroutines server can do for the same
// request — read, answer a fixed small JSON body, keep the connection alive. No routing, no
// limits, no headers beyond the required ones, no logging. hersys is measured against it.
//
// usage: bench_baseline_server PORT THREADS
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> serve(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> request;
    auto [read_error, read_bytes] = co_await bhttp::async_read(stream, buffer, request, nothrow);
    if (read_error) break;
    bhttp::response<bhttp::string_body> response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, "application/json; charset=utf-8");
    response.body() = R"({"name":"hersys","version":"0.1.0"})";
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    auto [write_error, written] = co_await bhttp::async_write(stream, response, nothrow);
    if (write_error || !response.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(tcp::acceptor& acceptor, asio::io_context& ioc) {
  for (;;) {
    auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), nothrow);
    if (error) continue;
    beast::tcp_stream stream(std::move(socket));
    auto executor = stream.get_executor();
    asio::co_spawn(executor, serve(std::move(stream)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_baseline_server PORT THREADS\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const int threads = std::max(1, std::stoi(argv[2]));
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
  asio::co_spawn(ioc, listen(acceptor, ioc), asio::detached);
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  for (auto& t : pool) t.join();
}
