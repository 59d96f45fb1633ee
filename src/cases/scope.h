#pragma once
// The reporting scope (REP-3): since 2022-09-26 only four groups are reported. The rule set
// is data with an effective date, and a report is judged by the rule in force on its
// diagnosis date, so reports from before keep the old rule.
#include <string>
#include <vector>

#include "cases/model.h"
#include "platform/errors.h"
#include "platform/time/clock.h"

namespace hersys::cases {

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

// Age in whole years on `day`.
int age_on(Day birth, Day day);

}  // namespace hersys::cases
