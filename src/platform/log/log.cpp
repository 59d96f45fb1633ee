#include "platform/log/log.h"

#include <spdlog/sinks/base_sink.h>
#include <unistd.h>

#include <mutex>

namespace hersys::log {
namespace {

// Lines collect in memory and reach stderr in large writes: when 64 KiB have gathered, every
// second (spdlog::flush_every), at warnings and errors, and at shutdown. One write() per request
// line cost a sixth of the server's throughput.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { write_out(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t line;
    formatter_->format(message, line);
    buffer_.append(line.data(), line.size());
    if (buffer_.size() >= kCapacity) write_out();
  }
  void flush_() override { write_out(); }

 private:
  static constexpr size_t kCapacity = 64 * 1024;

  void write_out() {
    size_t written = 0;
    while (written < buffer_.size()) {
      const auto n = ::write(STDERR_FILENO, buffer_.data() + written, buffer_.size() - written);
      if (n <= 0) break;  // stderr closed: drop the lines rather than stall requests
      written += static_cast<size_t>(n);
    }
    buffer_.clear();
  }

  std::string buffer_;
};

}  // namespace

void init(const std::string& level) {
  spdlog::drop_all();
  auto logger = std::make_shared<spdlog::logger>("hersys", std::make_shared<BufferedStderrSink>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void shutdown() { spdlog::shutdown(); }

}  // namespace hersys::log
