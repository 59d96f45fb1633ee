#pragma once
// Validation of the case record and the occurrence report as pure functions (SPEC CASE-1..5,
// REP-1, REP-2, REP-7, REP-9): every problem named by field, in Japanese and English, through
// the shared Checker (platform/validation). `today` is the Asia/Tokyo date.
#include <string_view>
#include <vector>

#include "cases/model.h"
#include "platform/errors.h"
#include "platform/time/clock.h"

namespace hersys::cases {

enum class Stage {
  draft,       // REP-9: only the name is needed; whatever is present must be well formed
  submission,  // REP-2: every field, or an acknowledgement for those that may not apply
};

// Fields of the minimum set (REP-2): always required at submission, never acknowledged.
bool in_minimum_set(std::string_view field);
// Fields that a submission may leave empty after "continue" (REP-2).
bool acknowledgeable(std::string_view field);

// ID管理 alone (editing the 記録's identity tab): always well formed; name, sex and birth
// date required.
FieldErrors validate_identity(const Identity& identity, Day today);
// The report and its patient's identity together, as the form is checked. Patient fields are
// named "patient.<field>", tests "tests.<i>.<field>".
FieldErrors validate_report(const ReportFields& report, const Identity& patient, Stage stage,
                            Day today);
// Tests as entered, each complete (at filing at most kMaxTestsAtFiling, later kMaxTests).
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

}  // namespace hersys::cases
