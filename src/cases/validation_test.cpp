// Validation of the case record and the occurrence report (SPEC CASE-1..5, REP-1..3, REP-7),
// and the reporting scope it applies.
#include "cases/validation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "cases/scope.h"

namespace hersys::cases {
namespace {
using namespace std::chrono;

const Day kToday{year{2026} / 11 / 21};

std::vector<std::string> fields_of(const FieldErrors& errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  return fields;
}

bool has(const FieldErrors& errors, const std::string& field, const std::string& code = "") {
  return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) {
    return e.field == field && (code.empty() || e.code == code);
  });
}

Identity patient() {
  Identity p;
  p.name = "山田 太郎";
  p.kana = "ヤマダ タロウ";
  p.sex = Sex::male;
  p.birth_date = "1955-04-01";
  p.phone = "090-1234-5678";
  p.email = "taro@example.jp";
  p.postal_code = "183-0022";
  p.address = "東京都府中市宮西町1-1";
  p.nationality = "JP";
  return p;
}

ReportFields complete_report() {
  ReportFields r;
  r.diagnosis_class = DiagnosisClass::confirmed;
  r.occupation = "会社員";
  r.symptoms = {"fever", "cough"};
  r.onset_date = "2026-11-18";
  r.diagnosis_date = "2026-11-20";
  r.tests = {{TestMethod::pcr, Specimen::nasopharyngeal, "2026-11-19", TestResult::positive}};
  r.estimated_infection_date = "2026-11-15";
  r.infection_route = "飛沫・接触";
  r.infection_place = "職場";
  r.travel_history = "なし";
  r.risk_factors = {"diabetes"};
  r.needs_hospitalisation = false;
  r.needs_drugs_or_oxygen = true;
  r.vaccination_count = 3;
  r.doctor_name = "府中 一郎";
  return r;
}

TEST(ValidateReport, ACompleteReportPasses) {
  EXPECT_EQ(fields_of(validate_report(complete_report(), patient(), Stage::submission, kToday)),
            std::vector<std::string>{});
}

TEST(ValidateReport, EveryMissingFieldIsNamedAndOnlyTheMinimumSetCannotBeSkipped) {
  // REP-2: an empty form at submission names every field.
  ReportFields empty;
  Identity nobody;
  const auto errors = validate_report(empty, nobody, Stage::submission, kToday);
  for (const char* minimum : {"diagnosis_class", "patient.name", "patient.sex",
                              "patient.birth_date", "onset_date", "patient.address", "tests"}) {
    EXPECT_TRUE(has(errors, minimum, "required")) << minimum;
    EXPECT_TRUE(in_minimum_set(minimum));
    EXPECT_FALSE(acknowledgeable(minimum));
  }
  for (const char* skippable :
       {"occupation", "symptoms", "estimated_infection_date", "infection_route", "infection_place",
        "travel_history", "risk_factors", "needs_hospitalisation", "needs_drugs_or_oxygen",
        "vaccination_count", "patient.kana", "patient.phone", "patient.email",
        "patient.postal_code", "patient.nationality"}) {
    EXPECT_TRUE(has(errors, skippable, "not_entered")) << skippable;
  }
  EXPECT_TRUE(has(errors, "diagnosis_date", "required"));
  EXPECT_TRUE(has(errors, "doctor_name", "required"));
  for (const auto& e : errors) {
    EXPECT_FALSE(e.message.ja.empty()) << e.field;
    EXPECT_FALSE(e.message.en.empty()) << e.field;
  }
}

TEST(ValidateReport, AcknowledgedFieldsMayStayEmptyButTheMinimumSetMayNot) {
  auto r = complete_report();
  r.travel_history.clear();
  r.occupation.clear();
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "travel_history",
                  "not_entered"));
  r.acknowledged = {"travel_history", "occupation"};
  EXPECT_TRUE(validate_report(r, patient(), Stage::submission, kToday).empty());
  r.acknowledged.push_back("onset_date");
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "acknowledged.2",
                  "cannot_skip"));
}

TEST(ValidateReport, ADraftNeedsOnlyTheNameButWhatIsThereMustBeWellFormed) {
  // REP-9: name, health center (implicit), underlying disease and tests.
  ReportFields draft;
  draft.risk_factors = {"diabetes"};
  draft.tests = {
      {TestMethod::antigen_qualitative, Specimen::nasal, "2026-11-20", TestResult::positive}};
  Identity p;
  p.name = "山田 花子";
  EXPECT_TRUE(validate_report(draft, p, Stage::draft, kToday).empty());
  p.name.clear();
  EXPECT_TRUE(has(validate_report(draft, p, Stage::draft, kToday), "patient.name", "required"));
  p.name = "山田 花子";
  p.birth_date = "2030-01-01";
  p.kana = "Yamada";
  draft.risk_factors = {"vampirism"};
  const auto errors = validate_report(draft, p, Stage::draft, kToday);
  EXPECT_TRUE(has(errors, "patient.birth_date", "future_date"));
  EXPECT_TRUE(has(errors, "patient.kana", "not_kana"));
  EXPECT_TRUE(has(errors, "risk_factors.0", "invalid_choice"));
}

TEST(ValidateReport, FormatsAndPlausibility) {
  auto p = patient();
  auto r = complete_report();
  p.birth_date = "1890-01-01";
  p.phone = "0120-123-456";  // toll-free: not a patient's phone
  p.email = "taro@";
  p.postal_code = "1830022x";
  p.nationality = "Japan";
  p.passport_number = "ＴＺ１２３４５６７";
  r.onset_date = "2026-02-30";
  r.vaccination_count = 99;
  r.tests.push_back({});
  auto errors = validate_report(r, p, Stage::submission, kToday);
  EXPECT_TRUE(has(errors, "patient.birth_date", "implausible"));
  EXPECT_TRUE(has(errors, "patient.phone", "invalid_phone"));
  EXPECT_TRUE(has(errors, "patient.email", "invalid_email"));
  EXPECT_TRUE(has(errors, "patient.postal_code", "invalid_postal_code"));
  EXPECT_TRUE(has(errors, "patient.nationality", "invalid_country"));
  EXPECT_TRUE(has(errors, "patient.passport_number", "invalid_passport"));
  EXPECT_TRUE(has(errors, "onset_date", "invalid_date"));
  EXPECT_TRUE(has(errors, "vaccination_count", "out_of_range"));
  for (const char* f :
       {"tests.1.method", "tests.1.specimen", "tests.1.result", "tests.1.collected_on"}) {
    EXPECT_TRUE(has(errors, f, "required")) << f;
  }

  // issue 19 item 21: no SMS is offered, so a landline is a phone number like any other.
  p = patient();
  p.phone = "03-1234-5678";
  EXPECT_TRUE(validate_report(complete_report(), p, Stage::submission, kToday).empty());

  r = complete_report();
  r.estimated_infection_date = "2026-11-21";
  r.diagnosis_date = "2026-11-20";
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday),
                  "estimated_infection_date", "date_order"));
  r = complete_report();
  r.tests.assign(5, r.tests.front());
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "tests", "too_many"));
  r = complete_report();
  r.pregnant = true;
  EXPECT_TRUE(
      has(validate_report(r, patient(), Stage::submission, kToday), "pregnant", "not_applicable"));
}

TEST(ValidateReport, PregnancyIsAskedOfWomenAndPassportsOfRecentVisitors) {
  auto p = patient();
  p.sex = Sex::female;
  auto r = complete_report();
  EXPECT_TRUE(has(validate_report(r, p, Stage::submission, kToday), "pregnant", "not_entered"));
  r.pregnant = false;
  EXPECT_TRUE(validate_report(r, p, Stage::submission, kToday).empty());

  p.nationality = "US";
  p.entry_date = "2026-11-01";
  EXPECT_TRUE(has(validate_report(r, p, Stage::submission, kToday), "patient.passport_number",
                  "required_for_visitor"));
  p.passport_number = "AB1234567";
  EXPECT_TRUE(validate_report(r, p, Stage::submission, kToday).empty());
  p.passport_number.clear();
  p.entry_date = "2026-10-01";  // 50 days before the diagnosis: a resident by now
  EXPECT_TRUE(validate_report(r, p, Stage::submission, kToday).empty());
}

TEST(DeemedPositive, OtherOtherOtherWithClinicalDiagnosisOnTheDiagnosisDate) {
  // REP-7 (FAQ 17)
  auto r = complete_report();
  r.tests = {{TestMethod::other, Specimen::other, "2026-11-19", TestResult::other}};
  EXPECT_FALSE(deemed_positive(r));
  r.free_text = "臨床診断";
  EXPECT_TRUE(deemed_positive(r));
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "tests.0.collected_on",
                  "deemed_positive_date"));
  r.tests[0].collected_on = r.diagnosis_date;
  EXPECT_TRUE(validate_report(r, patient(), Stage::submission, kToday).empty());
}

TEST(ReportingScope, JudgedByTheRuleOfTheDiagnosisDate) {
  // REP-3: from 2022-09-26 four groups only; before it, every case.
  auto p = patient();
  p.birth_date = "1990-06-01";
  auto r = complete_report();
  r.risk_factors = {"none"};
  r.needs_drugs_or_oxygen = false;
  r.diagnosis_date = "2022-09-25";
  auto j = judge_scope(r, p);
  EXPECT_TRUE(j.decided && j.in_scope);
  EXPECT_EQ(j.rule_effective_from, "2020-01-01");
  r.diagnosis_date = "2022-09-26";
  j = judge_scope(r, p);
  EXPECT_TRUE(j.decided);
  EXPECT_FALSE(j.in_scope);
  EXPECT_EQ(j.rule_effective_from, "2022-09-26");
  EXPECT_NE(j.reasons.at(0).ja.find("対象外"), std::string::npos);
  // Outside the scope, submitting needs an explicit "continue".
  r.diagnosis_date = "2026-11-20";
  // issue 14 item 2 (REP-3): its own code, not an empty field that "continue" skips in bulk.
  EXPECT_TRUE(has(validate_report(r, p, Stage::submission, kToday), "scope", "out_of_scope"));
  EXPECT_FALSE(has(validate_report(r, p, Stage::submission, kToday), "scope", "not_entered"));
  r.acknowledged = {"scope"};
  EXPECT_FALSE(has(validate_report(r, p, Stage::submission, kToday), "scope"));

  // Each group on its own brings the patient in, and says so.
  r.acknowledged.clear();
  auto in = [&](auto change) {
    auto copy = r;
    auto person = p;
    change(copy, person);
    return judge_scope(copy, person);
  };
  EXPECT_TRUE(in([](ReportFields&, Identity& x) { x.birth_date = "1961-11-20"; }).in_scope);
  EXPECT_FALSE(in([](ReportFields&, Identity& x) { x.birth_date = "1961-11-21"; }).in_scope);
  EXPECT_TRUE(in([](ReportFields& x, Identity&) { x.needs_hospitalisation = true; }).in_scope);
  EXPECT_FALSE(in([](ReportFields& x, Identity&) { x.needs_drugs_or_oxygen = true; }).in_scope);
  EXPECT_TRUE(in([](ReportFields& x, Identity&) {
                x.needs_drugs_or_oxygen = true;
                x.risk_factors = {"obesity"};
              }).in_scope);
  const auto pregnant = in([](ReportFields& x, Identity& y) {
    y.sex = Sex::female;
    x.pregnant = true;
  });
  EXPECT_TRUE(pregnant.in_scope);
  EXPECT_EQ(pregnant.reasons.at(0).ja, "妊婦");
  // Without the dates nothing is decided yet.
  r.diagnosis_date.clear();
  EXPECT_FALSE(judge_scope(r, p).decided);
}

// CASE-5 (2021-03-22 notice), issue 14: an entry of the 記録 log.
TEST(Record, DeathNeedsDateAndPlace) {
  RecordEntry e;
  e.kind = RecordEntryKind::status;
  e.effective_on = "2026-11-20";
  e.status = Status::dead;
  auto errors = validate_entry(e, patient(), kToday);
  EXPECT_TRUE(has(errors, "death_date", "required"));
  EXPECT_TRUE(has(errors, "death_place_kind", "required"));
  e.death_date = "2026-11-20";
  e.death_place_kind = DeathPlace::medical_institution;
  EXPECT_TRUE(validate_entry(e, patient(), kToday).empty());
  // その他 needs the place in words; the list's places may have words too.
  e.death_place_kind = DeathPlace::other;
  EXPECT_TRUE(has(validate_entry(e, patient(), kToday), "death_place", "required"));
  e.death_place = "友人宅";
  EXPECT_TRUE(validate_entry(e, patient(), kToday).empty());
  e.status = Status::home;
  EXPECT_TRUE(has(validate_entry(e, patient(), kToday), "status", "not_dead"));
  e.status = Status::dead;
  e.death_date = "1950-01-01";
  EXPECT_TRUE(has(validate_entry(e, patient(), kToday), "death_date", "date_order"));
  e.death_date = "2026-11-30";  // after today
  EXPECT_FALSE(validate_entry(e, patient(), kToday).empty());
}

TEST(Record, AStatusEntryNeedsItsStatusANoteItsTextAndBothADate) {
  RecordEntry e;
  e.kind = RecordEntryKind::status;
  auto errors = validate_entry(e, patient(), kToday);
  EXPECT_TRUE(has(errors, "status", "required"));
  EXPECT_TRUE(has(errors, "effective_on", "required"));
  e.kind = RecordEntryKind::note;
  e.effective_on = "2026-11-30";  // after today
  errors = validate_entry(e, patient(), kToday);
  EXPECT_TRUE(has(errors, "note", "required"));
  EXPECT_FALSE(errors.empty());
  e.effective_on = "2026-11-19";
  e.note = "電話で経過を確認";
  EXPECT_TRUE(validate_entry(e, patient(), kToday).empty());
  e.status = Status::home;  // a note does not change the status
  EXPECT_TRUE(has(validate_entry(e, patient(), kToday), "kind", "note_has_status"));
  e.status.reset();
  e.note = std::string(2001, 'a');
  EXPECT_FALSE(validate_entry(e, patient(), kToday).empty());
}

TEST(Record, TheCurrentStatusIsTheLatestByEffectiveDateThenTimeWritten) {
  const auto entry = [](std::int64_t id, const char* on, const char* at, Status s) {
    RecordEntry e;
    e.id = id;
    e.kind = RecordEntryKind::status;
    e.status = s;
    e.effective_on = on;
    e.written_at = at;
    return e;
  };
  // Written today but effective yesterday: earlier than one effective today, written before.
  const auto yesterday = entry(2, "2026-11-20", "2026-11-21T05:00:00Z", Status::hospital);
  const auto today = entry(1, "2026-11-21", "2026-11-21T01:00:00Z", Status::home);
  EXPECT_TRUE(later_entry(today, yesterday));
  EXPECT_FALSE(later_entry(yesterday, today));
  // The same day: the one written later.
  const auto later_today = entry(3, "2026-11-21", "2026-11-21T02:00:00Z", Status::released);
  EXPECT_TRUE(later_entry(later_today, today));
  // The same time: the higher id.
  const auto same_time = entry(4, "2026-11-21", "2026-11-21T02:00:00Z", Status::lodging);
  EXPECT_TRUE(later_entry(same_time, later_today));
  const auto current = record_of(same_time);
  EXPECT_EQ(current.status, Status::lodging);
  EXPECT_EQ(current.effective_on, "2026-11-21");
}

TEST(Medical, OutcomesTypedFreelyBeforeTheListStillRead) {
  EXPECT_EQ(outcome_from_text(""), (std::pair<std::optional<MedicalOutcome>, std::string>{}));
  EXPECT_EQ(outcome_from_text("軽快").first, MedicalOutcome::improved);
  EXPECT_EQ(outcome_from_text("治癒").first, MedicalOutcome::recovered);
  EXPECT_EQ(outcome_from_text("転院").first, MedicalOutcome::transferred);
  EXPECT_EQ(outcome_from_text("recovered").first, MedicalOutcome::recovered);
  const auto other = outcome_from_text("自宅退院後に外来フォロー");
  EXPECT_EQ(other.first, MedicalOutcome::other);
  EXPECT_EQ(other.second, "自宅退院後に外来フォロー");
  Medical m;
  m.outcome = MedicalOutcome::other;
  EXPECT_TRUE(has(validate_medical(m, kToday), "outcome_text", "required"));
  m.outcome_text = "転居";
  EXPECT_TRUE(validate_medical(m, kToday).empty());
}

TEST(Medical, SevereMeansIcuVentilatorOrEcmoAndDatesAreOrdered) {
  Medical m;
  EXPECT_FALSE(severe(m));
  m.ecmo = true;
  EXPECT_TRUE(severe(m));
  m.admitted_on = "2026-11-20";
  m.discharged_on = "2026-11-10";
  EXPECT_TRUE(has(validate_medical(m, kToday), "discharged_on", "date_order"));
  std::vector<Residence> stays{{ResidenceKind::lodging, "ホテル", "2026-11-20", "2026-11-19"},
                               {std::nullopt, "", "", ""}};
  const auto errors = validate_residences(stays, kToday);
  EXPECT_TRUE(has(errors, "residences.0.to", "date_order"));
  EXPECT_TRUE(has(errors, "residences.1.kind", "required"));
  EXPECT_TRUE(has(errors, "residences.1.from", "required"));
}

// issue 14 item 2 (REP-8, 別記様式6-1): the legal form's items the report lacked. An adult's
// typical report needs none of them (no more notes than before); a minor's asks for the
// guardian, a death class for the death date, each a note "continue" acknowledges (REP-2);
// what is entered is checked and named.
TEST(ReportValidation, TheLegalFormsItemsAreAskedOnlyWhereTheyApply) {
  EXPECT_TRUE(validate_report(complete_report(), patient(), Stage::submission, kToday).empty());

  auto child = patient();
  child.birth_date = "2010-05-01";  // 16 on the diagnosis date
  auto errors = validate_report(complete_report(), child, Stage::submission, kToday);
  EXPECT_TRUE(has(errors, "guardian_name", "not_entered"));
  EXPECT_TRUE(has(errors, "guardian_address", "not_entered"));
  EXPECT_FALSE(has(errors, "guardian_phone"));
  auto minor = complete_report();
  minor.acknowledged = {"guardian_name", "guardian_address"};
  EXPECT_TRUE(validate_report(minor, child, Stage::submission, kToday).empty());
  minor.acknowledged.clear();
  minor.guardian_name = "山田 花子";
  minor.guardian_address = "東京都府中市宮西町1-1";
  minor.guardian_phone = "12";
  EXPECT_EQ(fields_of(validate_report(minor, child, Stage::submission, kToday)),
            std::vector<std::string>{"guardian_phone"});
  minor.guardian_phone = "042-123-4567";
  EXPECT_TRUE(validate_report(minor, child, Stage::submission, kToday).empty());
  child.birth_date = "2008-11-20";  // 18 on the diagnosis date: an adult
  EXPECT_TRUE(validate_report(complete_report(), child, Stage::submission, kToday).empty());

  auto r = complete_report();
  r.first_visit_date = "2026-11-21";  // after the diagnosis
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "first_visit_date",
                  "date_order"));
  r.first_visit_date = "2026-11-19";
  EXPECT_TRUE(validate_report(r, patient(), Stage::submission, kToday).empty());
  r.first_visit_date = "2026-13-01";
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::draft, kToday), "first_visit_date"));

  auto body = complete_report();
  body.diagnosis_class = DiagnosisClass::dead_body;
  EXPECT_TRUE(has(validate_report(body, patient(), Stage::submission, kToday), "death_date",
                  "not_entered"));
  EXPECT_FALSE(has(validate_report(body, patient(), Stage::draft, kToday), "death_date"));
  body.death_date = "2026-11-21";  // after the examination (diagnosis) date
  EXPECT_TRUE(
      has(validate_report(body, patient(), Stage::submission, kToday), "death_date", "date_order"));
  body.death_date = "2026-11-19";
  EXPECT_TRUE(validate_report(body, patient(), Stage::submission, kToday).empty());
  // A patient who died may have the date too, never before the birth nor in the future.
  r = complete_report();
  r.death_date = "1950-01-01";
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "death_date"));
  r.death_date = "2026-12-01";
  EXPECT_TRUE(has(validate_report(r, patient(), Stage::submission, kToday), "death_date"));
  // The items may be acknowledged, never part of the minimum set.
  for (const auto* field : {"guardian_name", "guardian_address", "death_date"}) {
    EXPECT_TRUE(acknowledgeable(field)) << field;
    EXPECT_FALSE(in_minimum_set(field)) << field;
  }
}

}  // namespace
}  // namespace hersys::cases
