#include "cases/rules.h"

#include <algorithm>
#include <set>

#include "platform/phone/phone.h"
#include "platform/time/format.h"

namespace hersys::cases {
namespace {
using namespace std::chrono;

// The Damm algorithm's table: a totally anti-symmetric quasigroup of order 10.
constexpr int kDamm[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                               {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                               {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                               {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                               {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The code points of UTF-8 text; invalid sequences become U+FFFD.
std::vector<char32_t> decode(std::string_view text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\u3000'; }

const Text kRequired{"入力してください。", "This field is required."};
const Text kRequiredMinimum{"必須項目です。省略できません。",
                            "Required: this field cannot be skipped."};
const Text kNotEntered{"未入力です。該当しない場合は「続ける」で確認してください。",
                       "Not entered. If it does not apply, confirm with \"continue\"."};
const Text kInvalidDate{"日付を YYYY-MM-DD の形で正しく入力してください。",
                        "Enter a real date as YYYY-MM-DD."};
const Text kFutureDate{"未来の日付は入力できません。", "This date cannot be in the future."};

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
};

// Collects the errors of one form.
class Checker {
 public:
  Checker(Stage stage, const std::vector<std::string>& acknowledged, Day today)
      : stage_(stage), acknowledged_(acknowledged), today_(today) {}

  void add(std::string field, std::string code, Text message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }
  void add(FieldErrors more) {
    for (auto& e : more) errors_.push_back(std::move(e));
  }

  // A field of the form is missing: what that means depends on the stage and the field.
  void missing(std::string_view field) {
    if (stage_ == Stage::draft) return;
    if (in_minimum_set(field)) {
      add(std::string(field), "required", kRequiredMinimum);
    } else if (std::find(acknowledged_.begin(), acknowledged_.end(), field) ==
               acknowledged_.end()) {
      add(std::string(field), "not_entered", kNotEntered);
    }
  }
  void require(std::string_view field, bool present) {
    if (!present) missing(field);
  }

  // A date, when entered: well formed, not in the future.
  std::optional<Day> date(const std::string& field, const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto day = parse_iso_date(text);
    if (!day) {
      add(field, "invalid_date", kInvalidDate);
      return std::nullopt;
    }
    if (sys_days{*day} > sys_days{today_}) {
      add(field, "future_date", kFutureDate);
      return std::nullopt;
    }
    return day;
  }

  // `later` may not come before `earlier`.
  void order(const std::string& field, std::optional<Day> earlier, std::optional<Day> later,
             Text message) {
    if (earlier && later && sys_days{*later} < sys_days{*earlier}) {
      add(field, "date_order", std::move(message));
    }
  }

  void length(const std::string& field, const std::string& text, size_t max_chars) {
    if (character_count(text) > max_chars) {
      add(field, "too_long",
          {std::to_string(max_chars) + "文字以内で入力してください。",
           "Use at most " + std::to_string(max_chars) + " characters."});
    }
  }

  void codes(const std::string& field, const std::vector<std::string>& values,
             const std::vector<std::string_view>& allowed) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (std::find(allowed.begin(), allowed.end(), values[i]) == allowed.end()) {
        add(field + "." + std::to_string(i), "invalid_choice",
            {"選択肢から選んでください。", "Choose one of the listed options."});
      }
    }
  }

  Stage stage() const { return stage_; }
  Day today() const { return today_; }
  FieldErrors take() { return std::move(errors_); }

 private:
  Stage stage_;
  const std::vector<std::string>& acknowledged_;
  Day today_;
  FieldErrors errors_;
};

bool valid_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(),
                      [](char c) { return c == ' ' || static_cast<unsigned char>(c) >= 0x80; });
}

bool valid_postal_code(std::string_view code) {
  if (code.size() == 8 && code[3] == '-') {
    return all_digits(code.substr(0, 3)) && all_digits(code.substr(4));
  }
  return code.size() == 7 && all_digits(code);
}

bool half_width_alphanumeric(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

// The patient's fields as the form checks them; `c` knows the stage.
std::optional<Day> check_identity(Checker& c, const Identity& p, const std::string& prefix) {
  const auto f = [&](std::string_view field) { return prefix + std::string(field); };
  c.require(f("name"), !p.name.empty());
  c.length(f("name"), p.name, 100);
  c.require(f("kana"), !p.kana.empty());
  if (!p.kana.empty() && !kana_key(p.kana)) {
    c.add(f("kana"), "not_kana",
          {"フリガナはカタカナ（またはひらがな）で入力してください。",
           "Enter the reading in katakana (or hiragana)."});
  }
  c.length(f("kana"), p.kana, 100);
  c.require(f("sex"), p.sex.has_value());

  c.require(f("birth_date"), !p.birth_date.empty());
  const auto birth = c.date(f("birth_date"), p.birth_date);
  if (birth && age_on(*birth, c.today()) > 125) {
    c.add(f("birth_date"), "implausible",
          {"生年月日を確認してください（125歳を超えています）。",
           "Check the date of birth: the age would exceed 125."});
  }

  c.require(f("phone"), !p.phone.empty());
  std::optional<phone::Number> number;
  if (!p.phone.empty()) {
    number = phone::parse(p.phone);
    if (!number) {
      c.add(f("phone"), "invalid_phone",
            {"日本の電話番号を正しく入力してください。", "Enter a valid Japanese phone number."});
    }
  }
  if (p.notify_sms && number && !number->receives_sms()) {
    c.add(f("phone"), "not_mobile",
          {"SMSで通知するには携帯電話の番号（070/080/090）が必要です。",
           "SMS notifications need a mobile number (070/080/090)."});
  }
  if (p.notify_sms && p.phone.empty() && c.stage() == Stage::submission) {
    c.add(f("phone"), "required_for_sms",
          {"SMSで通知するには携帯電話の番号を入力してください。",
           "Enter a mobile number to notify by SMS."});
  }

  c.require(f("email"), !p.email.empty());
  if (!p.email.empty() && (p.email.size() > 254 || !valid_email(p.email))) {
    c.add(f("email"), "invalid_email",
          {"メールアドレスを正しく入力してください。", "Enter a valid e-mail address."});
  }
  if (p.notify_email && p.email.empty() && c.stage() == Stage::submission) {
    c.add(f("email"), "required_for_email",
          {"メールで通知するにはメールアドレスを入力してください。",
           "Enter an e-mail address to notify by e-mail."});
  }

  // 所在地: the registered address, or where the patient is staying.
  c.require(f("address"), !p.address.empty() || !p.current_address.empty());
  c.length(f("address"), p.address, 200);
  c.length(f("current_address"), p.current_address, 200);
  c.require(f("postal_code"), !p.postal_code.empty());
  for (const auto& [field, code] : {std::pair{f("postal_code"), &p.postal_code},
                                    {f("current_postal_code"), &p.current_postal_code}}) {
    if (!code->empty() && !valid_postal_code(*code)) {
      c.add(field, "invalid_postal_code",
            {"郵便番号は 123-4567 の形で入力してください。", "Enter the postal code as 123-4567."});
    }
  }

  c.require(f("nationality"), !p.nationality.empty());
  if (!p.nationality.empty() &&
      (p.nationality.size() != 2 || !std::all_of(p.nationality.begin(), p.nationality.end(),
                                                 [](char ch) { return ch >= 'A' && ch <= 'Z'; }))) {
    c.add(f("nationality"), "invalid_country",
          {"国籍は国名コード（例: JP）で選んでください。",
           "Choose the nationality as a country code (e.g. JP)."});
  }
  c.date(f("entry_date"), p.entry_date);
  if (!p.passport_number.empty() &&
      (!half_width_alphanumeric(p.passport_number) || p.passport_number.size() < 6 ||
       p.passport_number.size() > 12)) {
    c.add(f("passport_number"), "invalid_passport",
          {"旅券番号は半角英数字6〜12文字で入力してください。",
           "Enter the passport number in 6-12 half-width letters and digits."});
  }
  return birth;
}

}  // namespace

const std::vector<std::string_view> kSymptoms = {
    "fever",    "cough",     "sore_throat", "breathing_difficulty", "fatigue", "taste_smell",
    "headache", "diarrhoea", "pneumonia",   "runny_nose",           "other",   "none"};
const std::vector<std::string_view> kRiskFactors = {
    "none",         "diabetes", "heart_disease", "kidney_disease",
    "lung_disease", "obesity",  "hypertension",  "immunosuppression",
    "malignancy",   "smoking",  "dialysis",      "other"};

char check_digit(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return static_cast<char>('0' + interim);
}

std::string make_hersys_id(std::string_view eight_digits) {
  std::string id(eight_digits);
  id += check_digit(eight_digits);
  return id;
}

FieldErrors validate_hersys_id(std::string_view id, std::string_view field, bool allow_legacy) {
  const std::string name(field);
  if (id.empty()) return {{name, "required", kRequired}};
  if (!all_digits(id)) {
    return {{name,
             "not_digits",
             {"HER-SYS IDは半角数字で入力してください。",
              "The HER-SYS ID is made of half-width digits."}}};
  }
  if (id.size() == kHersysIdLength) {
    if (check_digit(id) == '0') return {};
    return {{name,
             "check_digit",
             {"HER-SYS IDに誤りがあります。数字を確かめてください。",
              "This HER-SYS ID is mistyped: check the digits."}}};
  }
  if (allow_legacy && id.size() >= 6 && id.size() <= 8) return {};
  return {{name, "invalid_length", {"HER-SYS IDは9桁です。", "A HER-SYS ID has 9 digits."}}};
}

std::optional<std::string> kana_key(std::string_view kana) {
  std::string key;
  for (char32_t cp : decode(kana)) {
    if (is_space(cp)) continue;
    if (cp >= 0x3041 && cp <= 0x3096) cp += 0x60;  // hiragana -> katakana
    const bool katakana = (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FB;
    if (!katakana) return std::nullopt;
    encode(cp, key);
  }
  return key;
}

std::string name_key(std::string_view name) {
  std::string key;
  for (char32_t cp : decode(name)) {
    if (!is_space(cp)) encode(cp, key);
  }
  return key;
}

std::vector<std::string> bigrams(std::string_view key) {
  const auto cps = decode(key);
  std::set<std::string> terms;
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    std::string term;
    encode(cps[i], term);
    encode(cps[i + 1], term);
    terms.insert(std::move(term));
  }
  return {terms.begin(), terms.end()};
}

size_t character_count(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

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
  Checker c(Stage::draft, none, today);
  check_identity(c, identity, "");
  if (identity.name.empty()) c.add("name", "required", kRequired);
  if (!identity.sex) c.add("sex", "required", kRequired);
  if (identity.birth_date.empty()) c.add("birth_date", "required", kRequired);
  return c.take();
}

FieldErrors validate_tests(const std::vector<Test>& tests, Day today, std::string_view field) {
  const std::vector<std::string> none;
  Checker c(Stage::draft, none, today);
  for (size_t i = 0; i < tests.size(); ++i) {
    const auto prefix = std::string(field) + "." + std::to_string(i) + ".";
    const auto& t = tests[i];
    if (!t.method) c.add(prefix + "method", "required", kRequired);
    if (!t.specimen) c.add(prefix + "specimen", "required", kRequired);
    if (!t.result) c.add(prefix + "result", "required", kRequired);
    if (t.collected_on.empty()) c.add(prefix + "collected_on", "required", kRequired);
    c.date(prefix + "collected_on", t.collected_on);
  }
  return c.take();
}

FieldErrors validate_report(const ReportFields& r, const Identity& patient, Stage stage,
                            Day today) {
  Checker c(stage, r.acknowledged, today);
  for (size_t i = 0; i < r.acknowledged.size(); ++i) {
    if (!acknowledgeable(r.acknowledged[i])) {
      c.add("acknowledged." + std::to_string(i), "cannot_skip",
            {"この項目は省略できません。", "This field cannot be skipped."});
    }
  }
  // A draft needs only the name (REP-9); everything present must still be well formed.
  if (stage == Stage::draft && patient.name.empty()) {
    c.add("patient.name", "required", kRequired);
  }
  const auto birth = check_identity(c, patient, "patient.");

  c.require("diagnosis_class", r.diagnosis_class.has_value());
  c.require("occupation", !r.occupation.empty());
  c.length("occupation", r.occupation, 100);
  c.require("symptoms", !r.symptoms.empty());
  c.codes("symptoms", r.symptoms, kSymptoms);

  c.require("onset_date", !r.onset_date.empty());
  const auto onset = c.date("onset_date", r.onset_date);
  if (stage == Stage::submission && r.diagnosis_date.empty()) {
    c.add("diagnosis_date", "required", kRequired);
  }
  const auto diagnosis = c.date("diagnosis_date", r.diagnosis_date);
  c.order("onset_date", birth, onset,
          {"発症日が生年月日より前になっています。", "The onset date is before the birth date."});
  c.order(
      "diagnosis_date", birth, diagnosis,
      {"診断日が生年月日より前になっています。", "The diagnosis date is before the birth date."});

  c.require("tests", !r.tests.empty());
  if (r.tests.size() > kMaxTestsAtFiling) {
    c.add("tests", "too_many",
          {"届出時の検査は4件までです。5件目以降は届出後に追加してください。",
           "At most four tests at filing; add more after the report is filed."});
  }
  c.add(validate_tests(r.tests, today, "tests"));
  if (deemed_positive(r) && diagnosis) {
    for (size_t i = 0; i < r.tests.size(); ++i) {
      if (r.tests[i].collected_on != r.diagnosis_date) {
        c.add("tests." + std::to_string(i) + ".collected_on", "deemed_positive_date",
              {"みなし陽性では検体採取日を診断日と同じ日にしてください。",
               "For a clinical diagnosis the collection date is the diagnosis date."});
      }
    }
  }

  c.require("estimated_infection_date", !r.estimated_infection_date.empty());
  const auto infected = c.date("estimated_infection_date", r.estimated_infection_date);
  c.order("estimated_infection_date", infected, diagnosis,
          {"推定感染日が診断日より後になっています。",
           "The estimated infection date is after the diagnosis date."});
  c.require("infection_route", !r.infection_route.empty());
  c.length("infection_route", r.infection_route, 400);
  c.require("infection_place", !r.infection_place.empty());
  c.length("infection_place", r.infection_place, 400);
  c.require("travel_history", !r.travel_history.empty());
  c.length("travel_history", r.travel_history, 400);
  c.require("risk_factors", !r.risk_factors.empty());
  c.codes("risk_factors", r.risk_factors, kRiskFactors);
  c.require("needs_hospitalisation", r.needs_hospitalisation.has_value());
  c.require("needs_drugs_or_oxygen", r.needs_drugs_or_oxygen.has_value());
  c.require("vaccination_count", r.vaccination_count.has_value());
  if (r.vaccination_count && (*r.vaccination_count < 0 || *r.vaccination_count > 20)) {
    c.add("vaccination_count", "out_of_range",
          {"0から20までの回数にしてください。", "Use a count from 0 to 20."});
  }
  if (patient.sex == Sex::female) c.require("pregnant", r.pregnant.has_value());
  if (patient.sex == Sex::male && r.pregnant == true) {
    c.add("pregnant", "not_applicable",
          {"性別が男性の場合は妊娠を選べません。", "Pregnancy does not apply to a male patient."});
  }
  if (stage == Stage::submission && r.doctor_name.empty()) {
    c.add("doctor_name", "required", kRequired);
  }
  c.length("doctor_name", r.doctor_name, 100);
  c.length("free_text", r.free_text, 2000);

  // A visitor diagnosed within 28 days of entering Japan gives a passport number (CASE-1).
  const auto entry = parse_iso_date(patient.entry_date);
  if (stage == Stage::submission && diagnosis && entry && patient.nationality != "JP" &&
      patient.passport_number.empty() && sys_days{*diagnosis} - sys_days{*entry} <= days{28} &&
      sys_days{*diagnosis} >= sys_days{*entry}) {
    c.add("patient.passport_number", "required_for_visitor",
          {"入国後28日以内に診断された方は旅券番号を入力してください。",
           "Visitors diagnosed within 28 days of entry need a passport number."});
  }

  if (stage == Stage::submission) {
    const auto scope = judge_scope(r, patient);
    if (scope.decided && !scope.in_scope) c.missing("scope");
  }
  return c.take();
}

FieldErrors validate_residences(const std::vector<Residence>& residences, Day today) {
  const std::vector<std::string> none;
  Checker c(Stage::draft, none, today);
  for (size_t i = 0; i < residences.size(); ++i) {
    const auto prefix = "residences." + std::to_string(i) + ".";
    const auto& r = residences[i];
    if (!r.kind) c.add(prefix + "kind", "required", kRequired);
    if (r.from.empty()) c.add(prefix + "from", "required", kRequired);
    c.length(prefix + "place", r.place, 200);
    const auto from = c.date(prefix + "from", r.from);
    // The end may be planned ahead (an isolation period), so it is not limited to today.
    const auto to = r.to.empty() ? std::nullopt : parse_iso_date(r.to);
    if (!r.to.empty() && !to) c.add(prefix + "to", "invalid_date", kInvalidDate);
    c.order(prefix + "to", from, to,
            {"終了日が開始日より前になっています。", "The end is before the start."});
  }
  return c.take();
}

FieldErrors validate_medical(const Medical& m, Day today) {
  const std::vector<std::string> none;
  Checker c(Stage::draft, none, today);
  const auto admitted = c.date("admitted_on", m.admitted_on);
  const auto discharged = c.date("discharged_on", m.discharged_on);
  if (!m.discharged_on.empty() && m.admitted_on.empty()) {
    c.add("admitted_on", "required",
          {"退院日を入れるには入院日も入力してください。",
           "Enter the admission date with the discharge date."});
  }
  c.order("discharged_on", admitted, discharged,
          {"退院日が入院日より前になっています。", "The discharge is before the admission."});
  for (const auto& [field, text] :
       {std::pair{"hospital", &m.hospital}, {"doctor", &m.doctor}, {"outcome", &m.outcome}}) {
    c.length(field, *text, 200);
  }
  c.length("symptoms", m.symptoms, 2000);
  c.length("findings", m.findings, 2000);
  return c.take();
}

FieldErrors validate_record(const Record& record, const Identity& identity, Day today) {
  const std::vector<std::string> none;
  Checker c(Stage::draft, none, today);
  const auto death = c.date("death_date", record.death_date);
  if (record.status == Status::dead) {
    // 2021-03-22 notice: a death is recorded with its date and place.
    if (record.death_date.empty()) {
      c.add("death_date", "required",
            {"死亡の場合は死亡日を入力してください。", "Enter the date of death."});
    }
    if (record.death_place.empty()) {
      c.add("death_place", "required",
            {"死亡の場合は死亡場所を入力してください。", "Enter the place of death."});
    }
  } else if (!record.death_date.empty() || !record.death_place.empty()) {
    c.add("status", "not_dead",
          {"死亡日・死亡場所はステータスが「死亡」のときだけ入力します。",
           "The date and place of death go with the status \"dead\" only."});
  }
  c.order("death_date", parse_iso_date(identity.birth_date), death,
          {"死亡日が生年月日より前になっています。", "The date of death is before the birth."});
  c.length("death_place", record.death_place, 200);
  c.length("note", record.note, 2000);
  return c.take();
}

bool deemed_positive(const ReportFields& r) {
  return !r.tests.empty() && r.free_text.find("臨床診断") != std::string::npos &&
         std::all_of(r.tests.begin(), r.tests.end(), [](const Test& t) {
           return t.method == TestMethod::other && t.specimen == Specimen::other &&
                  t.result == TestResult::other;
         });
}

bool severe(const Medical& m) { return m.icu || m.ventilator || m.ecmo; }

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
