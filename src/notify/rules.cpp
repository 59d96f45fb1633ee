#include "notify/rules.h"

#include <algorithm>

#include "platform/enum_names.h"

namespace hersys::notify {
namespace {

constexpr EnumNames<Channel, 3> kChannels{{{
    {Channel::email, "email"},
    {Channel::sms, "sms"},
    {Channel::voice, "voice"},
}}};
constexpr EnumNames<Status, 3> kStatuses{{{
    {Status::pending, "pending"},
    {Status::sent, "sent"},
    {Status::failed, "failed"},
}}};

}  // namespace

std::string_view to_string(Channel channel) { return kChannels.name(channel); }
std::optional<Channel> channel_from(std::string_view name) { return kChannels.parse(name); }
std::string_view to_string(Status status) { return kStatuses.name(status); }
std::optional<Status> status_from(std::string_view name) { return kStatuses.parse(name); }

std::chrono::seconds retry_after(int attempts_so_far) {
  const int doublings = std::clamp(attempts_so_far - 1, 0, 7);  // 30 s * 2^7 = 64 min
  return std::min(std::chrono::seconds(30 << doublings), std::chrono::seconds(3600));
}

bool gives_up(int attempts, bool permanent) { return permanent || attempts >= kMaxAttempts; }

}  // namespace hersys::notify
