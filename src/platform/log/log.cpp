#include "platform/log/log.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace hersys::log {

void init(const std::string& level) {
  spdlog::drop_all();
  if (!spdlog::thread_pool()) spdlog::init_thread_pool(8192, 1);
  // overrun_oldest: under a flood the server drops old log lines rather than block requests.
  auto logger = spdlog::create_async_nb<spdlog::sinks::stderr_sink_mt>("hersys");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

void shutdown() { spdlog::shutdown(); }

}  // namespace hersys::log
