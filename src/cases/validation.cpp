#include "cases/validation.h"

#include <algorithm>
#include <tuple>

#include "cases/codes.h"
#include "cases/scope.h"
#include "cases/search_keys.h"
#include "platform/time/format.h"
#include "platform/validation/checker.h"
#include "platform/validation/field_errors.h"

namespace hersys::cases {
namespace {
using namespace std::chrono;

const Text kRequiredMinimum{"必須項目です。省略できません。",
                            "Required: this field cannot be skipped."};
const Text kNotEntered{"未入力です。該当しない場合は「続ける」で確認してください。",
                       "Not entered. If it does not apply, confirm with \"continue\"."};

// Every field of the form: whether it is in the minimum set or may be acknowledged.
struct FieldRule {
  std::string_view field;
  bool minimum;
};
constexpr FieldRule kFields[] = {
    {"diagnosis_class", true},
    {"patient.name", true},
    {"patient.sex", true},
    {"patient.birth_date", true},
    {"onset_date", true},
    {"patient.address", true},  // 所在地 (REP-2 "location": registered or current address)
    {"tests", true},            // 診断方法
    {"occupation", false},
    {"symptoms", false},
    {"estimated_infection_date", false},
    {"infection_route", false},
    {"infection_place", false},
    {"travel_history", false},
    {"risk_factors", false},
    {"needs_hospitalisation", false},
    {"needs_drugs_or_oxygen", false},
    {"vaccination_count", false},
    {"pregnant", false},
    {"patient.kana", false},
    {"patient.phone", false},
    {"patient.email", false},
    {"patient.postal_code", false},
    {"patient.nationality", false},
    {"scope", false},  // submitting a report outside the reporting scope (REP-3)
    // The legal form's items (別記様式6-1, REP-8, issue 14), asked only where they apply.
    {"guardian_name", false},     // 保護者氏名: a minor (under 18 on the diagnosis date)
    {"guardian_address", false},  // 保護者住所
    {"death_date", false},        // 死亡年月日: the death classes
};

// The report form's checker: what a missing field means depends on the stage (REP-2, REP-9).
class FormChecker : public Checker {
 public:
  FormChecker(Stage stage, const std::vector<std::string>& acknowledged, Day today)
      : Checker(today), stage_(stage), acknowledged_(acknowledged) {}

  void missing(std::string_view field) {
    if (stage_ == Stage::draft) return;
    if (in_minimum_set(field)) {
      add({std::string(field), "required", kRequiredMinimum});
    } else if (std::find(acknowledged_.begin(), acknowledged_.end(), field) ==
               acknowledged_.end()) {
      add({std::string(field), "not_entered", kNotEntered});
    }
  }
  // A field the form asks for: missing() unless `present`.
  void entered(std::string_view field, bool present) {
    if (!present) missing(field);
  }
  Stage stage() const { return stage_; }

 private:
  Stage stage_;
  const std::vector<std::string>& acknowledged_;
};

bool half_width_alphanumeric(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

// The patient's fields as the form checks them; `c` knows the stage.
std::optional<Day> check_identity(FormChecker& c, const Identity& p, const std::string& prefix) {
  const auto f = [&](std::string_view field) { return prefix + std::string(field); };
  c.entered(f("name"), !p.name.empty());
  c.length(f("name"), p.name, 100);
  c.entered(f("kana"), !p.kana.empty());
  if (!p.kana.empty() && !kana_key(p.kana)) {
    c.add({f("kana"),
           "not_kana",
           {"フリガナはカタカナ（またはひらがな）で入力してください。",
            "Enter the reading in katakana (or hiragana)."}});
  }
  c.length(f("kana"), p.kana, 100);
  c.entered(f("sex"), p.sex.has_value());

  c.entered(f("birth_date"), !p.birth_date.empty());
  const auto birth = c.date(f("birth_date"), p.birth_date);
  if (birth && age_on(*birth, c.today()) > 125) {
    c.add({f("birth_date"),
           "implausible",
           {"生年月日を確認してください（125歳を超えています）。",
            "Check the date of birth: the age would exceed 125."}});
  }

  c.entered(f("phone"), !p.phone.empty());
  c.phone(f("phone"), p.phone);

  c.entered(f("email"), !p.email.empty());
  c.email(f("email"), p.email);
  if (p.notify_email && p.email.empty() && c.stage() == Stage::submission) {
    c.add({f("email"),
           "required_for_email",
           {"メールで通知するにはメールアドレスを入力してください。",
            "Enter an e-mail address to notify by e-mail."}});
  }

  // 所在地: the registered address, or where the patient is staying.
  c.entered(f("address"), !p.address.empty() || !p.current_address.empty());
  c.length(f("address"), p.address, 200);
  c.length(f("current_address"), p.current_address, 200);
  c.entered(f("postal_code"), !p.postal_code.empty());
  c.postal_code(f("postal_code"), p.postal_code);
  c.postal_code(f("current_postal_code"), p.current_postal_code);

  c.entered(f("nationality"), !p.nationality.empty());
  if (!p.nationality.empty() &&
      (p.nationality.size() != 2 || !std::all_of(p.nationality.begin(), p.nationality.end(),
                                                 [](char ch) { return ch >= 'A' && ch <= 'Z'; }))) {
    c.add({f("nationality"),
           "invalid_country",
           {"国籍は国名コード（例: JP）で選んでください。",
            "Choose the nationality as a country code (e.g. JP)."}});
  }
  c.date(f("entry_date"), p.entry_date);
  if (!p.passport_number.empty() &&
      (!half_width_alphanumeric(p.passport_number) || p.passport_number.size() < 6 ||
       p.passport_number.size() > 12)) {
    c.add({f("passport_number"),
           "invalid_passport",
           {"旅券番号は半角英数字6〜12文字で入力してください。",
            "Enter the passport number in 6-12 half-width letters and digits."}});
  }
  return birth;
}

// Onset and diagnosis (required to submit), after the birth. Returns the diagnosis date when
// valid.
std::optional<Day> check_dates(FormChecker& c, const ReportFields& r, std::optional<Day> birth) {
  c.entered("onset_date", !r.onset_date.empty());
  const auto onset = c.date("onset_date", r.onset_date);
  if (c.stage() == Stage::submission && r.diagnosis_date.empty()) {
    c.add(field_errors::required("diagnosis_date"));
  }
  const auto diagnosis = c.date("diagnosis_date", r.diagnosis_date);
  c.order("onset_date", birth, onset,
          {"発症日が生年月日より前になっています。", "The onset date is before the birth date."});
  c.order(
      "diagnosis_date", birth, diagnosis,
      {"診断日が生年月日より前になっています。", "The diagnosis date is before the birth date."});
  return diagnosis;
}

// 診断方法: up to four tests at filing, each complete; みなし陽性 on the diagnosis date.
void check_tests(FormChecker& c, const ReportFields& r, std::optional<Day> diagnosis) {
  c.entered("tests", !r.tests.empty());
  if (r.tests.size() > kMaxTestsAtFiling) {
    c.add({"tests",
           "too_many",
           {"届出時の検査は4件までです。5件目以降は届出後に追加してください。",
            "At most four tests at filing; add more after the report is filed."}});
  }
  c.add(validate_tests(r.tests, c.today(), "tests"));
  if (!deemed_positive(r) || !diagnosis) return;
  for (size_t i = 0; i < r.tests.size(); ++i) {
    if (r.tests[i].collected_on != r.diagnosis_date) {
      c.add({"tests." + std::to_string(i) + ".collected_on",
             "deemed_positive_date",
             {"みなし陽性では検体採取日を診断日と同じ日にしてください。",
              "For a clinical diagnosis the collection date is the diagnosis date."}});
    }
  }
}

// The epidemiological and clinical questions of REP-1 after the tests, in the form's order.
void check_questions(FormChecker& c, const ReportFields& r, const Identity& patient,
                     std::optional<Day> diagnosis) {
  c.entered("estimated_infection_date", !r.estimated_infection_date.empty());
  const auto infected = c.date("estimated_infection_date", r.estimated_infection_date);
  c.order("estimated_infection_date", infected, diagnosis,
          {"推定感染日が診断日より後になっています。",
           "The estimated infection date is after the diagnosis date."});
  for (const auto& [field, text] : {std::pair{"infection_route", &r.infection_route},
                                    {"infection_place", &r.infection_place},
                                    {"travel_history", &r.travel_history}}) {
    c.entered(field, !text->empty());
    c.length(field, *text, 400);
  }
  c.entered("risk_factors", !r.risk_factors.empty());
  c.choices("risk_factors", r.risk_factors, kRiskFactors);
  c.entered("needs_hospitalisation", r.needs_hospitalisation.has_value());
  c.entered("needs_drugs_or_oxygen", r.needs_drugs_or_oxygen.has_value());
  c.entered("vaccination_count", r.vaccination_count.has_value());
  if (r.vaccination_count) c.range("vaccination_count", *r.vaccination_count, 0, 20);
  if (patient.sex == Sex::female) c.entered("pregnant", r.pregnant.has_value());
  if (patient.sex == Sex::male && r.pregnant == true) {
    c.add(
        {"pregnant",
         "not_applicable",
         {"性別が男性の場合は妊娠を選べません。", "Pregnancy does not apply to a male patient."}});
  }
  if (c.stage() == Stage::submission && r.doctor_name.empty()) {
    c.add(field_errors::required("doctor_name"));
  }
  c.length("doctor_name", r.doctor_name, 100);
  c.length("free_text", r.free_text, 2000);
}

constexpr int kAdultAge = 18;  // 成年 (民法第4条)

bool death_class(const ReportFields& r) {
  return r.diagnosis_class == DiagnosisClass::dead_body ||
         r.diagnosis_class == DiagnosisClass::suspected_dead_body;
}

// The legal form's items that the questions do not cover (別記様式6-1, REP-8, issue 14): all
// optional for the typical report; the guardian asked for a minor, the death date for the
// death classes — a missing one is a note that "continue" acknowledges (REP-2).
void check_form_items(FormChecker& c, const ReportFields& r, std::optional<Day> birth,
                      std::optional<Day> diagnosis) {
  if (birth && diagnosis && age_on(*birth, *diagnosis) < kAdultAge) {
    c.entered("guardian_name", !r.guardian_name.empty());
    c.entered("guardian_address", !r.guardian_address.empty());
  }
  c.length("guardian_name", r.guardian_name, 100);
  c.length("guardian_address", r.guardian_address, 200);
  c.phone("guardian_phone", r.guardian_phone);

  const auto first_visit = c.date("first_visit_date", r.first_visit_date);
  c.order("first_visit_date", birth, first_visit,
          {"初診日が生年月日より前になっています。", "The first visit is before the birth date."});
  c.order("first_visit_date", first_visit, diagnosis,
          {"初診日が診断日より後になっています。", "The first visit is after the diagnosis date."});

  if (death_class(r)) c.entered("death_date", !r.death_date.empty());
  const auto death = c.date("death_date", r.death_date);
  c.order("death_date", birth, death,
          {"死亡日が生年月日より前になっています。", "The death date is before the birth date."});
  if (death_class(r)) {
    c.order("death_date", death, diagnosis,
            {"死体の検案日（診断日）が死亡日より前になっています。",
             "The body's examination (diagnosis) date is before the death date."});
  }
}

// A visitor diagnosed within 28 days of entering Japan gives a passport number (CASE-1).
void check_visitor(FormChecker& c, const Identity& patient, std::optional<Day> diagnosis) {
  const auto entry = parse_iso_date(patient.entry_date);
  if (c.stage() != Stage::submission || !diagnosis || !entry || patient.nationality == "JP" ||
      !patient.passport_number.empty()) {
    return;
  }
  const auto since_entry = sys_days{*diagnosis} - sys_days{*entry};
  if (since_entry >= days{0} && since_entry <= days{28}) {
    c.add({"patient.passport_number",
           "required_for_visitor",
           {"入国後28日以内に診断された方は旅券番号を入力してください。",
            "Visitors diagnosed within 28 days of entry need a passport number."}});
  }
}

}  // namespace

bool in_minimum_set(std::string_view field) {
  return std::any_of(std::begin(kFields), std::end(kFields),
                     [&](const FieldRule& r) { return r.field == field && r.minimum; });
}

bool acknowledgeable(std::string_view field) {
  return std::any_of(std::begin(kFields), std::end(kFields),
                     [&](const FieldRule& r) { return r.field == field && !r.minimum; });
}

FieldErrors validate_identity(const Identity& identity, Day today) {
  const std::vector<std::string> none;
  FormChecker c(Stage::draft, none, today);
  check_identity(c, identity, "");
  c.required("name", !identity.name.empty());
  c.required("sex", identity.sex.has_value());
  c.required("birth_date", !identity.birth_date.empty());
  return c.take();
}

FieldErrors validate_tests(const std::vector<Test>& tests, Day today, std::string_view field) {
  Checker c(today);
  for (size_t i = 0; i < tests.size(); ++i) {
    const auto prefix = std::string(field) + "." + std::to_string(i) + ".";
    const auto& t = tests[i];
    c.required(prefix + "method", t.method.has_value());
    c.required(prefix + "specimen", t.specimen.has_value());
    c.required(prefix + "result", t.result.has_value());
    c.required(prefix + "collected_on", !t.collected_on.empty());
    c.date(prefix + "collected_on", t.collected_on);
  }
  return c.take();
}

FieldErrors validate_report(const ReportFields& r, const Identity& patient, Stage stage,
                            Day today) {
  FormChecker c(stage, r.acknowledged, today);
  for (size_t i = 0; i < r.acknowledged.size(); ++i) {
    if (!acknowledgeable(r.acknowledged[i])) {
      c.add({"acknowledged." + std::to_string(i),
             "cannot_skip",
             {"この項目は省略できません。", "This field cannot be skipped."}});
    }
  }
  // A draft needs only the name (REP-9); everything present must still be well formed.
  if (stage == Stage::draft) c.required("patient.name", !patient.name.empty());
  const auto birth = check_identity(c, patient, "patient.");
  c.entered("diagnosis_class", r.diagnosis_class.has_value());
  c.entered("occupation", !r.occupation.empty());
  c.length("occupation", r.occupation, 100);
  c.entered("symptoms", !r.symptoms.empty());
  c.choices("symptoms", r.symptoms, kSymptoms);
  const auto diagnosis = check_dates(c, r, birth);
  check_tests(c, r, diagnosis);
  check_questions(c, r, patient, diagnosis);
  check_form_items(c, r, birth, diagnosis);
  check_visitor(c, patient, diagnosis);
  if (stage == Stage::submission) {
    const auto scope = judge_scope(r, patient);
    // Filing out of scope is a decision of its own, never one of the empty fields that
    // "continue" acknowledges in bulk (REP-3, issue 14 item 2): its own code, and only an
    // explicit "scope" acknowledgement (the form's tick box) files it.
    const bool ticked =
        std::find(r.acknowledged.begin(), r.acknowledged.end(), "scope") != r.acknowledged.end();
    if (scope.decided && !scope.in_scope && !ticked) {
      c.add({"scope",
             "out_of_scope",
             {"届出の対象外の患者です。届け出る場合は「届出の対象外の患者ですが、届け出る」に"
              "チェックしてください。",
              "This patient is outside the reporting scope. To report anyway, tick \"Report "
              "this patient although out of scope\"."}});
    }
  }
  return c.take();
}

FieldErrors validate_residences(const std::vector<Residence>& residences, Day today) {
  Checker c(today);
  for (size_t i = 0; i < residences.size(); ++i) {
    const auto prefix = "residences." + std::to_string(i) + ".";
    const auto& r = residences[i];
    c.required(prefix + "kind", r.kind.has_value());
    c.required(prefix + "from", !r.from.empty());
    c.length(prefix + "place", r.place, 200);
    const auto from = c.date(prefix + "from", r.from);
    // The end may be planned ahead (an isolation period), so it is not limited to today.
    const auto to = c.any_date(prefix + "to", r.to);
    c.order(prefix + "to", from, to,
            {"終了日が開始日より前になっています。", "The end is before the start."});
  }
  return c.take();
}

FieldErrors validate_medical(const Medical& m, Day today) {
  Checker c(today);
  const auto admitted = c.date("admitted_on", m.admitted_on);
  const auto discharged = c.date("discharged_on", m.discharged_on);
  if (!m.discharged_on.empty() && m.admitted_on.empty()) {
    c.add({"admitted_on",
           "required",
           {"退院日を入れるには入院日も入力してください。",
            "Enter the admission date with the discharge date."}});
  }
  c.order("discharged_on", admitted, discharged,
          {"退院日が入院日より前になっています。", "The discharge is before the admission."});
  for (const auto& [field, text] : {std::pair{"hospital", &m.hospital},
                                    {"doctor", &m.doctor},
                                    {"outcome_text", &m.outcome_text}}) {
    c.length(field, *text, 200);
  }
  if (m.outcome == MedicalOutcome::other && m.outcome_text.empty()) {
    c.add({"outcome_text",
           "required",
           {"転帰が「その他」のときは内容を入力してください。",
            "Describe the outcome when it is \"other\"."}});
  }
  c.length("symptoms", m.symptoms, 2000);
  c.length("findings", m.findings, 2000);
  return c.take();
}

FieldErrors validate_entry(const RecordEntry& e, const Identity& identity, Day today) {
  Checker c(today);
  const auto birth = parse_iso_date(identity.birth_date);
  c.required("effective_on", !e.effective_on.empty());
  const auto effective = c.date("effective_on", e.effective_on);
  c.order("effective_on", birth, effective,
          {"日付が生年月日より前になっています。", "The date is before the birth."});
  const auto death = c.date("death_date", e.death_date);
  const bool death_fields =
      !e.death_date.empty() || e.death_place_kind.has_value() || !e.death_place.empty();
  if (e.kind == RecordEntryKind::note) {
    c.required("note", !e.note.empty());
    if (e.status || death_fields) {
      c.add({"kind",
             "note_has_status",
             {"ステータスを変更するときは種類を「ステータスの変更」にしてください。",
              "To change the status, choose the kind \"status change\"."}});
    }
  } else {
    c.required("status", e.status.has_value());
  }
  if (e.status == Status::dead) {
    // 2021-03-22 notice: a death is recorded with its date and place.
    if (e.death_date.empty()) {
      c.add({"death_date",
             "required",
             {"死亡の場合は死亡日を入力してください。", "Enter the date of death."}});
    }
    if (!e.death_place_kind) {
      c.add({"death_place_kind",
             "required",
             {"死亡の場合は死亡場所を選んでください。", "Choose the place of death."}});
    } else if (*e.death_place_kind == DeathPlace::other && e.death_place.empty()) {
      c.add({"death_place",
             "required",
             {"死亡場所が「その他」のときは場所を入力してください。",
              "Enter the place of death when it is \"other\"."}});
    }
  } else if (e.kind == RecordEntryKind::status && death_fields) {
    c.add({"status",
           "not_dead",
           {"死亡日・死亡場所はステータスが「死亡」のときだけ入力します。",
            "The date and place of death go with the status \"dead\" only."}});
  }
  c.order("death_date", birth, death,
          {"死亡日が生年月日より前になっています。", "The date of death is before the birth."});
  c.length("death_place", e.death_place, 200);
  c.length("note", e.note, 2000);
  return c.take();
}

bool later_entry(const RecordEntry& a, const RecordEntry& b) {
  return std::tie(a.effective_on, a.written_at, a.id) >
         std::tie(b.effective_on, b.written_at, b.id);
}

Record record_of(const RecordEntry& e) {
  return {e.status, e.effective_on, e.death_date, e.death_place_kind, e.death_place};
}

std::pair<std::optional<MedicalOutcome>, std::string> outcome_from_text(const std::string& text) {
  if (text.empty()) return {std::nullopt, ""};
  if (auto named = parse_name<MedicalOutcome>(text); named && *named != MedicalOutcome::other) {
    return {named, ""};  // already a code of the list
  }
  static const std::pair<std::string_view, MedicalOutcome> kLabels[] = {
      {"軽快", MedicalOutcome::improved}, {"治癒", MedicalOutcome::recovered},
      {"死亡", MedicalOutcome::dead},     {"転院", MedicalOutcome::transferred},
      {"不明", MedicalOutcome::unknown},
  };
  for (const auto& [label, outcome] : kLabels) {
    if (text == label) return {outcome, ""};
  }
  return {MedicalOutcome::other, text};
}

bool deemed_positive(const ReportFields& r) {
  return !r.tests.empty() && r.free_text.find("臨床診断") != std::string::npos &&
         std::all_of(r.tests.begin(), r.tests.end(), [](const Test& t) {
           return t.method == TestMethod::other && t.specimen == Specimen::other &&
                  t.result == TestResult::other;
         });
}

bool severe(const Medical& m) { return m.icu || m.ventilator || m.ecmo; }

}  // namespace hersys::cases
