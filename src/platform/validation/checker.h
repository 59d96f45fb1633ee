#pragma once
// Collects the field errors of one form (a form shows all its red frames at once): the checks
// every feature's rules share, each answering with the common wording (field_errors.h).
// Rules build one, check each field, and return take(). Values are checked as given: folding
// what people type (full-width digits, half-width kana) happens where input is read.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/errors.h"
#include "platform/phone/phone.h"
#include "platform/time/clock.h"

namespace hersys {

// One rule for e-mail addresses everywhere: at most 254 characters, one "@" with something
// before it, a domain with a dot inside, and no spaces, non-ASCII or characters that break
// an address header.
bool valid_email(std::string_view email);

class Checker {
 public:
  // `today` (Asia/Tokyo) is where the future begins for date().
  explicit Checker(Day today) : today_(today) {}
  // For forms without dates: date() then refuses no date as future.
  Checker() : today_(std::chrono::year::max() / 12 / 31) {}
  virtual ~Checker() = default;

  void add(FieldError error) { errors_.push_back(std::move(error)); }
  void add(FieldErrors errors);

  // "required" unless `present`; returns `present`.
  bool required(const std::string& field, bool present);
  // At most `max` characters.
  void length(const std::string& field, std::string_view text, size_t max);
  // One line of text (a name, a post): valid UTF-8 without line breaks or control characters.
  void one_line(const std::string& field, std::string_view text);
  // A past or present date as YYYY-MM-DD, when entered (within kFirstDate..kLastDate:
  // "date_out_of_range" outside).
  std::optional<Day> date(const std::string& field, std::string_view text);
  // Any real date as YYYY-MM-DD (planned ends, deadlines), when entered.
  std::optional<Day> any_date(const std::string& field, std::string_view text);
  // `later` may not come before `earlier` ("date_order", in the rule's words).
  void order(const std::string& field, std::optional<Day> earlier, std::optional<Day> later,
             Text message);
  // Each of `values` one of `allowed` ("<field>.<i>" names a wrong one).
  void choices(const std::string& field, const std::vector<std::string>& values,
               const std::vector<std::string_view>& allowed);
  void email(const std::string& field, std::string_view text);
  std::optional<phone::Number> phone(const std::string& field, std::string_view text);
  // An organisation's number to call (phone::is_contact_number: free dial and navi dial too).
  void contact_phone(const std::string& field, std::string_view text);
  void postal_code(const std::string& field, std::string_view text);
  // An integer in [min, max].
  void range(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max);

  Day today() const { return today_; }
  bool ok() const { return errors_.empty(); }
  const FieldErrors& errors() const { return errors_; }
  FieldErrors take() { return std::move(errors_); }

 private:
  Day today_;
  FieldErrors errors_;
};

}  // namespace hersys
