#pragma once
// The daily report (日次報告, SPEC DAY-1..5): an outpatient clinic's or a follow-up center's
// count of the day's positives by age bracket, filed once per business day (Asia/Tokyo).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/enum_names.h"

namespace hersys::daily {

// The age brackets of the form, in its order (属性別数).
enum class Bracket {
  age_0,        // 0歳
  age_1_4,      // 1-4歳
  age_5_9,      // 5-9歳
  age_10s,      // 10代
  age_20s,      // 20代
  age_30s,      // 30代
  age_40s,      // 40代
  age_50s,      // 50代
  age_60_64,    // 60-64歳
  age_65_69,    // 65-69歳
  age_70s,      // 70代
  age_80s,      // 80代
  age_90_plus,  // 90歳以上
  unknown,      // 不明
};

constexpr std::string_view name_of(Bracket value) {
  switch (value) {
    case Bracket::age_0: return "age_0";
    case Bracket::age_1_4: return "age_1_4";
    case Bracket::age_5_9: return "age_5_9";
    case Bracket::age_10s: return "age_10s";
    case Bracket::age_20s: return "age_20s";
    case Bracket::age_30s: return "age_30s";
    case Bracket::age_40s: return "age_40s";
    case Bracket::age_50s: return "age_50s";
    case Bracket::age_60_64: return "age_60_64";
    case Bracket::age_65_69: return "age_65_69";
    case Bracket::age_70s: return "age_70s";
    case Bracket::age_80s: return "age_80s";
    case Bracket::age_90_plus: return "age_90_plus";
    case Bracket::unknown: return "unknown";
  }
  return {};
}
inline constexpr size_t kBracketCount = 14;
using Counts = std::array<std::int64_t, kBracketCount>;

// How the numbers reached HER-SYS: typed by the organisation itself, or entered by its health
// center from a FAX or a phone call (代行入力, DAY-1).
enum class Channel { online, fax, phone };

constexpr std::string_view name_of(Channel value) {
  switch (value) {
    case Channel::online: return "online";
    case Channel::fax: return "fax";
    case Channel::phone: return "phone";
  }
  return {};
}

enum class State { draft, submitted };

constexpr std::string_view name_of(State value) {
  switch (value) {
    case State::draft: return "draft";
    case State::submitted: return "submitted";
  }
  return {};
}

// Whose daily reports an area view sums (DAY-5): a health center's area, a prefecture's, or
// the country's.
enum class AreaKind { national, prefecture, health_center };

constexpr std::string_view name_of(AreaKind value) {
  switch (value) {
    case AreaKind::national: return "national";
    case AreaKind::prefecture: return "prefecture";
    case AreaKind::health_center: return "health_center";
  }
  return {};
}

// One organisation's report for one date. A draft is made when the form is opened and fixes
// the date (DAY-3); submitting fills in the counts once and for all (DAY-2).
struct DailyReport {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string report_date;  // YYYY-MM-DD, Asia/Tokyo
  State state = State::draft;
  Counts counts{};
  std::int64_t total = 0;
  Channel channel = Channel::online;
  std::optional<std::int64_t> filed_by_organisation_id;  // differs from the organisation's
  std::optional<std::int64_t> filed_by_account_id;       // own for a proxy filing
  std::string opened_at;                                 // ISO 8601 UTC
  std::string submitted_at;                              // empty while a draft
};

// An area's sums for one date (DAY-5).
struct DaySums {
  std::string date;
  Counts counts{};
  std::int64_t total = 0;
  std::int64_t reports = 0;  // how many organisations reported
};

// An organisation that files daily reports, as the area lists show it.
struct Reporter {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string phone;           // to call it when its report is missing (issue 14 item 2)
  std::string contact_person;  // 担当者
};

// Who had not reported on one date of an area's window (DAY-5, issue 14 item 2).
struct MissingDay {
  std::string date;
  std::int64_t count = 0;
  std::vector<Reporter> reporters;  // the first kMissingPerDay by code
};
inline constexpr int kMissingPerDay = 100;

}  // namespace hersys::daily
