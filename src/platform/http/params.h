#pragma once
// Reading path and query parameters: a malformed id is 404 (no such record), a malformed
// query value is 422 naming the parameter.
#include <cstdint>
#include <optional>
#include <string>

#include "platform/http/message.h"
#include "platform/time/clock.h"

namespace hersys::http {

// Path parameter `name` as a positive integer id; throws Problem::not_found otherwise.
std::int64_t id_param(const Request& request, const std::string& name = "id");

// Query parameter `name` as an integer in [min, max]; nullopt when absent; Problem 422 when
// it is not such a number.
std::optional<std::int64_t> int_query(const Request& request, const std::string& name,
                                      std::int64_t min, std::int64_t max);

// Query parameter `name` as a date (YYYY-MM-DD, from kFirstDate to kLastDate: the same rule as
// a date in a body); nullopt when absent; Problem 422 "invalid_date" or "date_out_of_range"
// naming the parameter otherwise.
std::optional<Day> date_query(const Request& request, const std::string& name);

}  // namespace hersys::http
