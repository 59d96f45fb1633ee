#pragma once
// What the API benchmarks share: a keep-alive client, an API token for a demo sign-in, a
// timer over threads, and percentiles.
#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "app/demo.h"
#include "identity/store.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::bench {
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = boost::asio::ip::tcp;
using Seconds = std::chrono::duration<double>;

// One keep-alive connection, as one client of a clinic's system would hold.
class Client {
 public:
  Client(unsigned short port, std::string token) : token_(std::move(token)) {
    tcp::resolver resolver(io_);
    boost::asio::connect(socket_, resolver.resolve("127.0.0.1", std::to_string(port)));
  }
  int post(const std::string& target, const std::string& body) {
    return send(bhttp::verb::post, target, body);
  }
  int get(const std::string& target) { return send(bhttp::verb::get, target, {}); }
  // The body of the last answer.
  const std::string& answer() const { return answer_; }

 private:
  int send(bhttp::verb verb, const std::string& target, const std::string& body) {
    bhttp::request<bhttp::string_body> request{verb, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
    request.set(bhttp::field::authorization, "Bearer " + token_);
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket_, request);
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket_, buffer_, response);
    answer_ = std::move(response.body());
    return static_cast<int>(response.result_int());
  }

  boost::asio::io_context io_;
  tcp::socket socket_{io_};
  beast::flat_buffer buffer_;
  std::string token_;
  std::string answer_;
};

inline std::string token_for(db::Database& database, const Clock& clock,
                             const app::DemoSignIn& who) {
  auto tx = database.write();
  auto token = identity::create_api_token(tx, who.account.id, "bench",
                                          clock.now() + std::chrono::hours(24), clock.now());
  tx.commit();
  return token.secret;
}

// Runs `work(thread)` on `threads` threads and returns the wall time.
template <typename Work>
inline double timed(int threads, Work work) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (auto& t : pool) t.join();
  return Seconds(std::chrono::steady_clock::now() - start).count();
}

inline double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

}  // namespace hersys::bench
