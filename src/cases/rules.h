#pragma once
// The rules of the case record and the occurrence report, as pure functions (SPEC CASE-1..8,
// REP-1..9): the HER-SYS ID's check digit, kana and search keys, field validation for drafts
// and submissions, the reporting scope (REP-3) by the rule of the diagnosis date, and severity.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.h"
#include "platform/errors.h"

namespace hersys::cases {

using Day = std::chrono::year_month_day;

// Codes accepted in ReportFields::symptoms and ::risk_factors.
extern const std::vector<std::string_view> kSymptoms;
extern const std::vector<std::string_view> kRiskFactors;

// --- HER-SYS ID (CASE-7) ---
// Nine digits: eight random ones and a check digit by the Damm algorithm, which catches every
// single mistyped digit and every swap of two adjacent digits. Legacy IDs of 6-8 digits (the
// real system's) carry no check digit and are accepted where they are looked up or imported.
inline constexpr size_t kHersysIdLength = 9;
char check_digit(std::string_view digits);
// `eight_digits` followed by its check digit.
std::string make_hersys_id(std::string_view eight_digits);
// Errors on `field` unless `id` is a valid HER-SYS ID (legacy lengths only when allowed).
FieldErrors validate_hersys_id(std::string_view id, std::string_view field, bool allow_legacy);

// --- Search keys ---
// Kana in katakana with the spaces removed; nullopt when `kana` holds anything but kana
// (hiragana is turned into katakana, so either may be typed).
std::optional<std::string> kana_key(std::string_view kana);
// The name with spaces (half- and full-width) removed.
std::string name_key(std::string_view name);
// The distinct two-character pieces of a key (UTF-8 aware): the search terms of a name.
std::vector<std::string> bigrams(std::string_view key);
// The number of characters (code points) in UTF-8 text.
size_t character_count(std::string_view text);

// --- Validation ---
enum class Stage {
  draft,       // REP-9: only the name is needed; whatever is present must be well formed
  submission,  // REP-2: every field, or an acknowledgement for those that may not apply
};

// Fields of the minimum set (REP-2): always required at submission, never acknowledged.
bool in_minimum_set(std::string_view field);
// Fields that a submission may leave empty after "continue" (REP-2).
bool acknowledgeable(std::string_view field);

// ID管理 alone (editing the 記録's identity tab): always well formed; name, sex and birth
// date required. `today` is the Asia/Tokyo date.
FieldErrors validate_identity(const Identity& identity, Day today);
// The report and its patient's identity together, as the form is checked. Patient fields are
// named "patient.<field>", tests "tests.<i>.<field>".
FieldErrors validate_report(const ReportFields& report, const Identity& patient, Stage stage,
                            Day today);
// Tests edited after filing: each complete, up to kMaxTests.
inline constexpr size_t kMaxTestsAtFiling = 4;
inline constexpr size_t kMaxTests = 20;
FieldErrors validate_tests(const std::vector<Test>& tests, Day today, std::string_view field);
FieldErrors validate_residences(const std::vector<Residence>& residences, Day today);
FieldErrors validate_medical(const Medical& medical, Day today);
FieldErrors validate_record(const Record& record, const Identity& identity, Day today);

// みなし陽性 (REP-7): a clinical diagnosis entered as test "other", specimen "other", result
// "other" with "臨床診断" in the free text.
bool deemed_positive(const ReportFields& report);

// 重症 (CASE-4, Q&A 15): ICU care, a ventilator or ECMO.
bool severe(const Medical& medical);

// Age in whole years on `day`.
int age_on(Day birth, Day day);

// --- Reporting scope (REP-3) ---
// The rule set is data with an effective date: a report is judged by the rule in force on its
// diagnosis date, so reports from before 2022-09-26 keep the old rule.
struct ScopeRule {
  Day effective_from;
  bool everyone;  // every diagnosed case is reported
  Text summary;
};
const std::vector<ScopeRule>& scope_rules();

struct ScopeJudgement {
  bool decided = false;  // false until the diagnosis date and the birth date are known
  bool in_scope = false;
  std::string rule_effective_from;  // YYYY-MM-DD
  std::vector<Text> reasons;        // why the patient is (or is not) in scope
};
ScopeJudgement judge_scope(const ReportFields& report, const Identity& patient);

}  // namespace hersys::cases
