#include "notify/worker.h"

#include "notify/rules.h"
#include "platform/log/log.h"

namespace hersys::notify {

Worker::Worker(db::Database& database, const Clock& clock, Transports transports,
               WorkerOptions options)
    : database_(database), clock_(clock), transports_(std::move(transports)), options_(options) {}

Worker::~Worker() { stop(); }

void Worker::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        run_once();
      } catch (const std::exception& e) {
        // The database may be briefly unavailable; the next round tries again.
        spdlog::warn("outbox: {}", e.what());
      }
      lock.lock();
      wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
    }
  });
}

void Worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Transport& Worker::transport_for(Channel channel) const {
  switch (channel) {
    case Channel::sms: return *transports_.sms;
    case Channel::voice: return *transports_.voice;
    case Channel::email: break;
  }
  return *transports_.email;
}

void Worker::deliver(const Claim& claim) {
  const auto& m = claim.message;
  auto& transport = transport_for(m.message.channel);
  // Recipients and bodies stay out of the log: they are personal data.
  try {
    transport.deliver(m);
    mark_sent(database_, claim, transport.name(), clock_.now());
    spdlog::info("outbox: message {} ({}, {}) sent via {}", m.id, m.message.purpose,
                 name_of(m.message.channel), transport.name());
  } catch (const DeliveryError& e) {
    const bool permanent = gives_up(m.attempts + 1, e.permanent());
    mark_failed(database_, claim, e.what(), e.permanent(), clock_.now());
    spdlog::warn("outbox: message {} ({}, {}) try {} failed{}", m.id, m.message.purpose,
                 name_of(m.message.channel), m.attempts + 1,
                 permanent ? "; given up" : "; will retry");
  }
}

int Worker::run_once() {
  int tried = 0;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    auto claim = claim_next(database_, clock_.now(), options_.lease);
    if (!claim) break;
    deliver(*claim);
    ++tried;
  }
  return tried;
}

}  // namespace hersys::notify
