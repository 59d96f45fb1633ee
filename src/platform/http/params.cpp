#include "platform/http/params.h"

#include <charconv>

#include "platform/time/format.h"
#include "platform/validation/field_errors.h"

namespace hersys::http {
namespace {

std::optional<std::int64_t> integer(const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

std::int64_t id_param(const Request& request, const std::string& name) {
  const auto found = request.params.find(name);
  if (found == request.params.end()) throw Problem::not_found();
  const auto value = integer(found->second);
  if (!value || *value <= 0) throw Problem::not_found();
  return *value;
}

std::optional<std::int64_t> int_query(const Request& request, const std::string& name,
                                      std::int64_t min, std::int64_t max) {
  const auto text = request.query_value(name);
  if (!text) return std::nullopt;
  const auto value = integer(*text);
  if (!value || *value < min || *value > max) {
    throw Problem::invalid({field_errors::out_of_range(name, min, max)});
  }
  return value;
}

std::optional<Day> date_query(const Request& request, const std::string& name) {
  const auto text = request.query_value(name);
  if (!text) return std::nullopt;
  const auto day = parse_iso_date(*text);
  if (!day) throw Problem::invalid({field_errors::bad_date(name, *text)});
  return day;
}

}  // namespace hersys::http
