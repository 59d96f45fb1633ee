#include "identity/throttle.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cmath>

namespace hersys::identity {

using std::chrono::seconds;

seconds failure_delay(int failures, int free, seconds max) {
  if (failures < free) return seconds(0);
  const int doublings = std::min(failures - free, 30);
  return std::min(seconds(std::int64_t{1} << doublings), max);
}

std::string source_of(std::string_view client_address) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(client_address), ec);
  if (ec) return std::string(client_address);
  if (address.is_v6()) {
    const auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) {
      return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
    }
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 6, bytes.end(), 0);
    return boost::asio::ip::address_v6(bytes).to_string() + "/48";
  }
  return address.to_string();
}

namespace {

seconds wait_for(Clock::time_point until, Clock::time_point now) {
  if (until <= now) return seconds(0);
  return std::max(seconds(1), std::chrono::ceil<seconds>(until - now));
}

}  // namespace

std::optional<seconds> SignInThrottle::admit(const std::string& source, const std::string& login_id,
                                             Clock::time_point now) {
  std::lock_guard lock(mutex_);
  prune(now);
  seconds wait{0};
  if (auto it = by_source_.find(source); it != by_source_.end()) {
    const auto& f = it->second;
    const auto delay = failure_delay(f.count, rules_.source_free_failures, rules_.source_max_delay);
    wait = std::max(wait, wait_for(f.last + delay, now));
  }
  if (auto it = by_login_.find(login_id); it != by_login_.end()) {
    const auto& f = it->second;
    const auto delay =
        failure_delay(f.count, rules_.account_free_failures, rules_.account_max_delay);
    wait = std::max(wait, wait_for(f.last + delay, now));
  }
  auto [bucket, fresh] = buckets_.try_emplace(source);
  auto& b = bucket->second;
  if (fresh) {
    b.tokens = rules_.source_burst;
  } else if (now > b.updated) {
    const double interval = std::chrono::duration<double>(rules_.source_interval).count();
    const double gained = std::chrono::duration<double>(now - b.updated).count() / interval;
    b.tokens = std::min<double>(rules_.source_burst, b.tokens + gained);
  }
  b.updated = std::max(b.updated, now);
  if (b.tokens < 1) {
    const double interval = std::chrono::duration<double>(rules_.source_interval).count();
    wait = std::max(wait, seconds(static_cast<std::int64_t>(std::ceil((1 - b.tokens) * interval))));
  }
  if (wait > seconds(0)) return wait;
  b.tokens -= 1;
  return std::nullopt;
}

void SignInThrottle::failed(const std::string& source, const std::string& login_id,
                            Clock::time_point now) {
  std::lock_guard lock(mutex_);
  for (auto* entry : {&by_source_[source], &by_login_[login_id]}) {
    if (now - entry->last >= rules_.forget_after) entry->count = 0;
    ++entry->count;
    entry->last = std::max(entry->last, now);
  }
}

size_t SignInThrottle::tracked() {
  std::lock_guard lock(mutex_);
  return buckets_.size() + by_source_.size() + by_login_.size();
}

void SignInThrottle::succeeded(const std::string& login_id) {
  std::lock_guard lock(mutex_);
  by_login_.erase(login_id);
}

// Keeps at most the newest `keep` entries of `entries` (by their last failure).
template <typename Map>
void keep_newest(Map& entries, size_t keep) {
  if (entries.size() <= keep) return;
  std::vector<Clock::time_point> times;
  times.reserve(entries.size());
  for (const auto& e : entries) times.push_back(e.second.last);
  const auto cut = times.begin() + static_cast<std::ptrdiff_t>(times.size() - keep);
  std::nth_element(times.begin(), cut, times.end());
  const auto oldest_kept = *cut;
  std::erase_if(entries, [&](const auto& e) { return e.second.last < oldest_kept; });
}

// Bounded memory and work: at most once a second, and when over max_entries, the quiet entries
// are forgotten; if a wide flood still leaves too many, the allowances go and the oldest
// failures with them, down to half the bound (amortised: no scan on every attempt).
void SignInThrottle::prune(Clock::time_point now) {
  const auto size = [this] { return buckets_.size() + by_source_.size() + by_login_.size(); };
  if (size() <= rules_.max_entries || now - pruned_ < std::chrono::seconds(1)) return;
  pruned_ = now;
  std::erase_if(by_source_,
                [&](const auto& e) { return now - e.second.last >= rules_.forget_after; });
  std::erase_if(by_login_,
                [&](const auto& e) { return now - e.second.last >= rules_.forget_after; });
  // A bucket is full again after burst × interval: forgetting it then changes nothing.
  const auto refill = rules_.source_interval * rules_.source_burst;
  std::erase_if(buckets_, [&](const auto& e) { return now - e.second.updated >= refill; });
  if (size() > rules_.max_entries) {
    buckets_.clear();
    keep_newest(by_source_, rules_.max_entries / 4);
    keep_newest(by_login_, rules_.max_entries / 4);
  }
}

bool RepeatedFailures::note(const std::string& kind, const audit::Event& event,
                            Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(kind);
  if (it == windows_.end() || now >= it->second.started + window_) {
    if (it == windows_.end() && windows_.size() >= max_kinds_) return true;  // not tracked
    if (it != windows_.end() && it->second.repeats > 0) return true;  // due() writes that one
    windows_[kind] = Window{now, 0, event};
    return true;
  }
  ++it->second.repeats;
  it->second.last = event;
  return false;
}

std::vector<audit::Event> RepeatedFailures::due(Clock::time_point now) {
  std::vector<audit::Event> summaries;
  std::lock_guard lock(mutex_);
  for (auto it = windows_.begin(); it != windows_.end();) {
    const auto& w = it->second;
    if (now != Clock::time_point::max() && now < w.started + window_) {
      ++it;
      continue;
    }
    if (w.repeats > 0) {
      auto e = w.last;
      e.add_detail("repeated " + std::to_string(w.repeats) + " more times within " +
                   std::to_string(window_.count()) + " s");
      summaries.push_back(std::move(e));
    }
    it = windows_.erase(it);
  }
  return summaries;
}

}  // namespace hersys::identity
