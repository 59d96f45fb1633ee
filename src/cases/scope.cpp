#include "cases/scope.h"

#include <algorithm>

#include "platform/time/format.h"

namespace hersys::cases {
using namespace std::chrono;

int age_on(Day birth, Day day) {
  int age = static_cast<int>(day.year()) - static_cast<int>(birth.year());
  if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day())) {
    --age;
  }
  return age;
}

const std::vector<ScopeRule>& scope_rules() {
  static const std::vector<ScopeRule> rules = {
      {year{2020} / 1 / 1,
       true,
       {"全数届出: 診断したすべての患者を届け出ます。", "Every diagnosed case is reported."}},
      // 2022-09-26: 全数届出の見直し. Four groups only; the rest are counted in the daily report.
      {year{2022} / 9 / 26,
       false,
       {"65歳以上、入院を要する、重症化リスクがあり治療薬または酸素投与が必要、妊婦の4類型のみ届け"
        "出ます。",
        "Only four groups are reported: 65 or older, needing hospitalisation, at risk and "
        "needing a COVID drug or oxygen, pregnant."}},
  };
  return rules;
}

ScopeJudgement judge_scope(const ReportFields& r, const Identity& patient) {
  ScopeJudgement j;
  const auto diagnosis = parse_iso_date(r.diagnosis_date);
  const auto birth = parse_iso_date(patient.birth_date);
  if (!diagnosis || !birth) {
    j.reasons.push_back({"診断日と生年月日を入力すると届出対象かどうかを判定します。",
                         "Enter the diagnosis date and the date of birth to check the scope."});
    return j;
  }
  const ScopeRule* rule = nullptr;
  for (const auto& candidate : scope_rules()) {
    if (sys_days{candidate.effective_from} <= sys_days{*diagnosis}) rule = &candidate;
  }
  j.decided = true;
  if (!rule) {  // before any rule: the first applies
    rule = &scope_rules().front();
  }
  j.rule_effective_from = iso_date(rule->effective_from);
  if (rule->everyone) {
    j.in_scope = true;
    j.reasons.push_back(rule->summary);
    return j;
  }
  const int age = age_on(*birth, *diagnosis);
  if (age >= 65) {
    j.reasons.push_back({"65歳以上（診断日に" + std::to_string(age) + "歳）",
                         "65 or older (" + std::to_string(age) + " on the diagnosis date)"});
  }
  if (r.needs_hospitalisation == true) {
    j.reasons.push_back({"入院を要する", "Needs hospitalisation"});
  }
  const bool at_risk = std::any_of(r.risk_factors.begin(), r.risk_factors.end(),
                                   [](const std::string& f) { return f != "none"; });
  if (at_risk && r.needs_drugs_or_oxygen == true) {
    j.reasons.push_back({"重症化リスクがあり、治療薬投与または酸素投与が必要",
                         "At risk and needs a COVID drug or oxygen"});
  }
  if (r.pregnant == true) j.reasons.push_back({"妊婦", "Pregnant"});
  if (r.diagnosis_class == DiagnosisClass::dead_body ||
      r.diagnosis_class == DiagnosisClass::suspected_dead_body) {
    j.reasons.push_back({"死亡者の届出", "A death is reported"});
  }
  j.in_scope = !j.reasons.empty();
  if (!j.in_scope) {
    j.reasons.push_back(
        {std::to_string(age) + "歳で、入院不要、治療薬・酸素投与の必要なし（または重症化リスクなし"
                               "）、妊婦ではないため、"
                               "発生届の対象外です。日次報告で件数を報告してください。",
         "Aged " + std::to_string(age) +
             ", no hospitalisation, no drug or oxygen need with risk, not pregnant: outside the "
             "reporting scope. Count this patient in the daily report."});
  }
  return j;
}

}  // namespace hersys::cases
