#pragma once
// Validation of the case record and the occurrence report as pure functions (SPEC CASE-1..5,
// REP-1, REP-2, REP-7, REP-9): every problem named by field, in Japanese and English, through
// the shared Checker (platform/validation). `today` is the Asia/Tokyo date.
#include <string_view>
#include <utility>
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
// 記録 (CASE-5): one entry of the log. A status change names its status; 死亡 needs the date
// of death and the kind of place (the free text too when the kind is その他); a note needs its
// text and nothing of a status. The effective date is required, not in the future, not before
// the birth.
FieldErrors validate_entry(const RecordEntry& entry, const Identity& identity, Day today);
// The order of the log and the rule of 現在のステータス: `a` is later than `b` when its
// effective date is later, on the same date when it was written later, at the same time when
// its id is higher. The current status is the latest status entry's (notes do not change it).
bool later_entry(const RecordEntry& a, const RecordEntry& b);
// The current status a status entry leaves on the patient.
Record record_of(const RecordEntry& status_entry);
// An outcome typed freely before the list (stored documents): the list's item whose label it
// is, else `other` with the text.
std::pair<std::optional<MedicalOutcome>, std::string> outcome_from_text(const std::string& text);

// みなし陽性 (REP-7): a clinical diagnosis entered as test "other", specimen "other", result
// "other" with "臨床診断" in the free text.
bool deemed_positive(const ReportFields& report);

// 重症 (CASE-4, Q&A 15): ICU care, a ventilator or ECMO.
bool severe(const Medical& medical);

}  // namespace hersys::cases
