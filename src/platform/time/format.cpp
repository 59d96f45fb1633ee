#include "platform/time/format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>
#include <vector>

#include "platform/text/fold.h"

namespace hersys {

std::string iso8601_utc(Clock::time_point t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  return fmt::format("{:%FT%T}.{:03d}Z", seconds, (ms - seconds).count());
}

std::optional<Clock::time_point> parse_iso8601_utc(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  char z = 0;
  const std::string copy(text);
  if (text.size() != 24 ||
      std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &sec, &ms,
                  &z) != 8 ||
      z != 'Z') {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day day{year{y} / mo / d};
  if (!day.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return sys_days{day} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms};
}

std::string iso_date(std::chrono::year_month_day day) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

namespace {

std::optional<std::chrono::year_month_day> parse_iso_date_unbounded(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
      if (text[k] < '0' || text[k] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[k] - '0');
    }
  }
  using namespace std::chrono;
  const year_month_day day{year{parts[0]} / parts[1] / parts[2]};
  if (!day.ok()) return std::nullopt;
  return day;
}

bool in_range(std::chrono::year_month_day day) {
  using std::chrono::sys_days;
  return sys_days{day} >= sys_days{kFirstDate} && sys_days{day} <= sys_days{kLastDate};
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
  const auto day = parse_iso_date_unbounded(text);
  if (!day || !in_range(*day)) return std::nullopt;
  return day;
}

bool iso_date_out_of_range(std::string_view text) {
  const auto day = parse_iso_date_unbounded(text);
  return day && !in_range(*day);
}

namespace {

struct Era {
  std::string_view kanji;
  char initial;
  std::chrono::year_month_day first_day;
  std::chrono::year_month_day last_day;  // the day an era ended began the next one, or not
};

// 明治 from the Gregorian calendar's adoption (1873, Meiji 6) is all a birth date needs.
using std::chrono::year;
constexpr Era kEras[] = {
    {"明治", 'M', year{1868} / 10 / 23, year{1912} / 7 / 30},
    {"大正", 'T', year{1912} / 7 / 30, year{1926} / 12 / 25},
    {"昭和", 'S', year{1926} / 12 / 25, year{1989} / 1 / 7},
    {"平成", 'H', year{1989} / 1 / 8, year{2019} / 4 / 30},
    {"令和", 'R', year{2019} / 5 / 1, year{9999} / 12 / 31},
};

// The numbers of a date in any of the accepted forms, with the era it is counted in (null for
// the Western calendar); empty when it is not such a date.
struct Parts {
  const Era* era = nullptr;
  std::vector<int> numbers;
};

std::optional<Parts> parts_of(std::string_view text) {
  Parts parts;
  for (const auto& era : kEras) {
    if (text.starts_with(era.kanji)) {
      parts.era = &era;
      text.remove_prefix(era.kanji.size());
    } else if (!text.empty() && (text[0] == era.initial || text[0] == era.initial + 32)) {
      parts.era = &era;
      text.remove_prefix(1);
    }
    if (parts.era) break;
  }
  if (parts.era && text.starts_with("元")) {  // 元年: the era's first year
    parts.numbers.push_back(1);
    text.remove_prefix(std::string_view("元").size());
  }
  int number = -1;
  int digits = 0;
  const auto end_number = [&] {
    if (number >= 0) parts.numbers.push_back(number);
    number = -1;
    digits = 0;
  };
  while (!text.empty()) {
    const char c = text.front();
    if (c >= '0' && c <= '9') {
      number = (number < 0 ? 0 : number * 10) + (c - '0');
      if (++digits > 8) return std::nullopt;
      text.remove_prefix(1);
      continue;
    }
    end_number();
    bool separator = false;
    for (std::string_view s : {"-", "/", ".", " ", "年", "月", "日"}) {
      if (text.starts_with(s)) {
        text.remove_prefix(s.size());
        separator = true;
        break;
      }
    }
    if (!separator) return std::nullopt;
  }
  end_number();
  // "20261129": one run of eight digits in the Western calendar.
  if (!parts.era && parts.numbers.size() == 1 && parts.numbers[0] >= 10000101) {
    const int n = parts.numbers[0];
    parts.numbers = {n / 10000, n / 100 % 100, n % 100};
  }
  if (parts.numbers.size() != 3) return std::nullopt;
  return parts;
}

}  // namespace

std::string normalise_date(std::string_view typed) {
  const auto text = text::half_width(typed);
  if (parse_iso_date_unbounded(text)) return text;
  const auto parts = parts_of(text);
  if (!parts) return std::string(typed);
  using namespace std::chrono;
  int y = parts->numbers[0];
  if (parts->era) {
    if (y < 1 || y > 99) return std::string(typed);
    y += static_cast<int>(parts->era->first_day.year()) - 1;
  } else if (y < 1000 || y > 9999) {
    return std::string(typed);  // a two-digit year is too easily a mistake to guess at
  }
  const year_month_day day{year{y} / parts->numbers[1] / parts->numbers[2]};
  if (!day.ok()) return std::string(typed);
  if (parts->era && (sys_days{day} < sys_days{parts->era->first_day} ||
                     sys_days{day} > sys_days{parts->era->last_day})) {
    return std::string(typed);
  }
  return iso_date(day);
}

}  // namespace hersys
