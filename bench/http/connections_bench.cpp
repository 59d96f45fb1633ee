// How many connections one source can hold, and whether another client is still served while it
// does (issue 19 item 6). Not a test: a measurement whose figures go into docs/performance.md.
//
// The server runs in this process (platform/http's Server with one small route, its defaults
// except the connection cap, which is lowered to stay within the descriptor limit). The
// attacker connects from 127.0.0.1, the other client from 127.0.0.2 (both are loopback on
// Linux), so a per-source rule can tell them apart.
//
//   idle       ATTACK connections that never send a byte; the open ones are counted after 2 s
//              and after 15 s, and the other client tries its request at both times.
//   slowloris  ATTACK connections that send a request header one byte every INTERVAL seconds
//              for SECONDS seconds, reconnecting whenever the server drops one; the open ones
//              are counted every second and the other client tries every 5 s.
//
// usage: bench_connections [idle|slowloris|all] [CAP=1000] [ATTACK=1200] [SECONDS=30]
//        [INTERVAL=2] [PER_ADDRESS=default]  (PER_ADDRESS 0: no per-address limit, as behind
//        a reverse proxy; then only the closing of idle connections at the cap protects)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "platform/http/server.h"

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;
namespace http = hersys::http;

namespace {

const std::string kHeader =
    "GET /api/v1/hello HTTP/1.1\r\nHost: bench\r\nUser-Agent: slow\r\nX-Padding: ";

int connect_from(const char* source, unsigned short port, bool nonblocking) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &local.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    ::close(fd);
    return -1;
  }
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
    ::close(fd);
    return -1;
  }
  if (nonblocking) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

// Whether the server still holds the connection open (nothing to read and no end of stream).
bool still_open(int fd) {
  char byte;
  const auto n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

size_t count_open(const std::vector<int>& fds) {
  return std::count_if(fds.begin(), fds.end(), [](int fd) { return fd >= 0 && still_open(fd); });
}

struct Probe {
  bool served = false;
  double milliseconds = 0;
};

// The other client: one request from 127.0.0.2 with a 5-s limit.
Probe probe(unsigned short port) {
  const auto start = SteadyClock::now();
  Probe result;
  const int fd = connect_from("127.0.0.2", port, false);
  if (fd >= 0) {
    timeval limit{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    const std::string request =
        "GET /api/v1/hello HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n";
    std::string answer;
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      for (;;) {
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        answer.append(buffer, static_cast<size_t>(n));
      }
    }
    result.served = answer.starts_with("HTTP/1.1 200 ");
    ::close(fd);
  }
  result.milliseconds =
      std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
  return result;
}

void close_all(std::vector<int>& fds) {
  for (int& fd : fds) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

void print_probe(const char* when, const Probe& p) {
  std::printf("  %s: other client %s in %.1f ms\n", when, p.served ? "served" : "NOT served",
              p.milliseconds);
}

void idle(unsigned short port, size_t attack) {
  std::printf("idle: %zu connections from 127.0.0.1 that send nothing\n", attack);
  const auto start = SteadyClock::now();
  std::vector<int> fds;
  for (size_t i = 0; i < attack; ++i) fds.push_back(connect_from("127.0.0.1", port, true));
  const auto connected = std::count_if(fds.begin(), fds.end(), [](int fd) { return fd >= 0; });
  std::this_thread::sleep_until(start + 2s);
  std::printf("  connected %zd; held open by the server after 2 s: %zu\n", connected,
              count_open(fds));
  print_probe("at 2 s", probe(port));
  std::this_thread::sleep_until(start + 15s);
  std::printf("  held open after 15 s: %zu\n", count_open(fds));
  print_probe("at 15 s", probe(port));
  close_all(fds);
}

void slowloris(unsigned short port, size_t attack, int seconds, int interval) {
  std::printf("slowloris: %zu connections from 127.0.0.1, one header byte every %d s, %d s\n",
              attack, interval, seconds);
  std::vector<int> fds(attack, -1);
  std::vector<size_t> sent(attack, 0);
  size_t connects = 0, drops = 0;
  const auto reconnect = [&](size_t i) {
    if (fds[i] >= 0) {
      ::close(fds[i]);
      ++drops;
    }
    fds[i] = connect_from("127.0.0.1", port, true);
    sent[i] = 0;
    ++connects;
  };
  for (size_t i = 0; i < attack; ++i) reconnect(i);
  drops = 0;
  const auto start = SteadyClock::now();
  size_t held_min = attack, held_max = 0, held_sum = 0, samples = 0;
  int probes = 0, served = 0;
  double worst = 0;
  for (int second = 1; second <= seconds; ++second) {
    if ((second - 1) % interval == 0) {
      for (size_t i = 0; i < attack; ++i) {
        if (fds[i] < 0 || !still_open(fds[i])) {
          reconnect(i);
          continue;
        }
        const char byte = sent[i] < kHeader.size() ? kHeader[sent[i]] : 'a';
        if (::send(fds[i], &byte, 1, MSG_DONTWAIT | MSG_NOSIGNAL) == 1) {
          ++sent[i];
        } else {
          reconnect(i);
        }
      }
    }
    std::this_thread::sleep_until(start + std::chrono::seconds(second));
    const auto held = count_open(fds);
    held_min = std::min(held_min, held);
    held_max = std::max(held_max, held);
    held_sum += held;
    ++samples;
    if (second % 5 == 0) {
      const auto p = probe(port);
      ++probes;
      served += p.served ? 1 : 0;
      worst = std::max(worst, p.milliseconds);
      std::printf("  %2d s: attacker holds %zu; other client %s in %.1f ms\n", second, held,
                  p.served ? "served" : "NOT served", p.milliseconds);
    }
  }
  std::printf(
      "  attacker held min %zu / mean %zu / max %zu connections; %zu drops by the server, %zu "
      "connects; other client served %d of %d (worst %.1f ms)\n",
      held_min, held_sum / std::max<size_t>(1, samples), held_max, drops, connects, served, probes,
      worst);
  close_all(fds);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string scenario = argc > 1 ? argv[1] : "all";
  const size_t cap = argc > 2 ? std::stoul(argv[2]) : 1000;
  const size_t attack = argc > 3 ? std::stoul(argv[3]) : 1200;
  const int seconds = argc > 4 ? std::stoi(argv[4]) : 30;
  const int interval = argc > 5 ? std::stoi(argv[5]) : 2;

  spdlog::set_level(spdlog::level::warn);  // one line per request would drown the figures
  http::Router router;
  router.add(http::Verb::get, "/api/v1/hello",
             [](http::Request&) {
               return http::Response::json(http::Status::ok, {{"hello", "world"}});
             },
             {.access = http::Access::public_access});
  http::ServerOptions options;
  options.port = 0;
  options.max_connections = cap;
  if (argc > 6) options.max_connections_per_address = std::stoul(argv[6]);
  std::printf("server: connection cap %zu, per address %zu, other settings at their defaults\n",
              cap, options.max_connections_per_address);
  if (scenario == "idle" || scenario == "all") {
    http::Server server(options, router);
    server.start();
    idle(server.port(), attack);
    server.stop();
    server.wait();
  }
  if (scenario == "slowloris" || scenario == "all") {
    http::Server server(options, router);
    server.start();
    slowloris(server.port(), attack, seconds, interval);
    server.stop();
    server.wait();
  }
  return 0;
}
