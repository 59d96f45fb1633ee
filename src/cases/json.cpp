#include "cases/json.h"

#include <algorithm>

#include "cases/patients.h"
#include "cases/records.h"
#include "cases/reports.h"
#include "cases/validation.h"
#include "platform/text/fold.h"

namespace hersys::cases {
namespace {
using nlohmann::json;

template <typename Enum>
json choice(const std::optional<Enum>& value) {
  return value ? json(name_of(*value)) : json(nullptr);
}

template <typename T>
json optional(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// Text that may be missing: null when empty (a patient known from drafts only has no HER-SYS
// ID yet, issue 19 item 23).
json text_or_null(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

}  // namespace

void to_json(json& j, const Identity& p) {
  j = {{"name", p.name},
       {"kana", p.kana},
       {"sex", choice(p.sex)},
       {"birth_date", p.birth_date},
       {"phone", p.phone},
       {"email", p.email},
       {"postal_code", p.postal_code},
       {"address", p.address},
       {"current_postal_code", p.current_postal_code},
       {"current_address", p.current_address},
       {"nationality", p.nationality},
       {"entry_date", p.entry_date},
       {"passport_number", p.passport_number},
       {"notify_email", p.notify_email}};
}

void to_json(json& j, const Test& t) {
  j = {{"method", choice(t.method)},
       {"specimen", choice(t.specimen)},
       {"collected_on", t.collected_on},
       {"result", choice(t.result)}};
}

void to_json(json& j, const Residence& r) {
  j = {{"kind", choice(r.kind)}, {"place", r.place}, {"from", r.from}, {"to", r.to}};
}

void to_json(json& j, const Medical& m) {
  j = {{"admitted_on", m.admitted_on},
       {"discharged_on", m.discharged_on},
       {"hospital", m.hospital},
       {"doctor", m.doctor},
       {"symptoms", m.symptoms},
       {"findings", m.findings},
       {"outcome", choice(m.outcome)},
       {"outcome_text", m.outcome_text},
       {"icu", m.icu},
       {"ventilator", m.ventilator},
       {"ecmo", m.ecmo},
       {"severe", severe(m)}};
}

void to_json(json& j, const Record& r) {
  j = {{"status", choice(r.status)},
       {"effective_on", r.effective_on},
       {"death_date", r.death_date},
       {"death_place_kind", choice(r.death_place_kind)},
       {"death_place", r.death_place}};
}

void to_json(json& j, const RecordEntry& e) {
  j = {{"id", e.id},
       {"kind", name_of(e.kind)},
       {"status", choice(e.status)},
       {"effective_on", e.effective_on},
       {"death_date", e.death_date},
       {"death_place_kind", choice(e.death_place_kind)},
       {"death_place", e.death_place},
       {"note", e.note},
       {"account_id", optional(e.account_id)},
       {"account_name", e.account_id ? json(e.account_name) : json(nullptr)},
       {"organisation_id", optional(e.organisation_id)},
       {"organisation_name", e.organisation_id ? json(e.organisation_name) : json(nullptr)},
       {"written_at", e.written_at}};
}

void to_json(json& j, const ReportFields& r) {
  j = {{"diagnosis_class", choice(r.diagnosis_class)},
       {"occupation", r.occupation},
       {"symptoms", r.symptoms},
       {"onset_date", r.onset_date},
       {"diagnosis_date", r.diagnosis_date},
       {"tests", r.tests},
       {"estimated_infection_date", r.estimated_infection_date},
       {"infection_route", r.infection_route},
       {"infection_place", r.infection_place},
       {"travel_history", r.travel_history},
       {"risk_factors", r.risk_factors},
       {"needs_hospitalisation", optional(r.needs_hospitalisation)},
       {"needs_drugs_or_oxygen", optional(r.needs_drugs_or_oxygen)},
       {"vaccination_count", optional(r.vaccination_count)},
       {"pregnant", optional(r.pregnant)},
       {"doctor_name", r.doctor_name},
       {"free_text", r.free_text},
       {"guardian_name", r.guardian_name},
       {"guardian_address", r.guardian_address},
       {"guardian_phone", r.guardian_phone},
       {"first_visit_date", r.first_visit_date},
       {"death_date", r.death_date},
       {"acknowledged", r.acknowledged},
       {"deemed_positive", deemed_positive(r)}};
}

void to_json(json& j, const PatientSummary& s) {
  j = {{"id", s.id},
       {"hersys_id", text_or_null(s.hersys_id)},
       {"name", s.name},
       {"kana", s.kana},
       {"sex", choice(s.sex)},
       {"birth_date", s.birth_date},
       {"status", choice(s.status)},
       {"reported_on", s.reported_on},
       {"responsible_health_center_id", optional(s.responsible_health_center_id)},
       {"responsible_health_center_name", s.responsible_health_center_name},
       {"reporter_id", s.reporter_id},
       {"reporter_name", s.reporter_name},
       {"confirmation", choice(s.confirmation)}};
}

void to_json(json& j, const ScopeJudgement& s) {
  json reasons = json::array();
  for (const auto& r : s.reasons) reasons.push_back({{"ja", r.ja}, {"en", r.en}});
  j = {{"decided", s.decided},
       {"in_scope", s.in_scope},
       {"rule_effective_from", text_or_null(s.rule_effective_from)},  // null while undecided
       {"reasons", reasons}};
}

namespace {

// A report as lists and views show it, without its fields.
json report_summary(const Report& r) {
  json submissions = json::array();
  for (const auto& s : r.submissions) {
    submissions.push_back(
        {{"diagnosis_class", name_of(s.diagnosis_class)}, {"submitted_at", s.submitted_at}});
  }
  return {{"id", r.id},
          {"state", name_of(r.state)},
          {"diagnosis_class", choice(r.fields.diagnosis_class)},
          {"diagnosis_date", r.fields.diagnosis_date},
          {"submissions", submissions},
          {"confirmed_at", r.confirmed_at},
          {"superseded_by", optional(r.superseded_by)},
          {"read_only", !writable(r)},
          {"reporter_id", r.reporter_id},
          {"area_health_center_id", r.area_health_center_id},
          {"version", r.version},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

// 医療 (CASE-4, issue 14): the symptoms ticked on each report, read only beside the tab's text.
json reported_symptoms(const std::vector<Report>& reports) {
  json out = json::array();
  for (const auto& r : reports) {
    if (r.fields.symptoms.empty()) continue;
    out.push_back({{"report_id", r.id},
                   {"diagnosis_class", choice(r.fields.diagnosis_class)},
                   {"onset_date", r.fields.onset_date},
                   {"symptoms", r.fields.symptoms}});
  }
  return out;
}

}  // namespace

void to_json(json& j, const ReportView& v) {
  j = report_summary(v.report);
  j["fields"] = v.report.fields;
  j["patient"] = {{"id", v.patient_id},
                  {"hersys_id", text_or_null(v.hersys_id)},
                  {"identity", v.identity},
                  {"version", v.patient_version}};
  j["scope"] = v.scope;
  j["reporter_name"] = v.reporter.name;
  // REP-8 (issue 14): the institution as the legal form prints it.
  j["reporter"] = {{"name", v.reporter.name}, {"address", v.reporter.address}};
  if (!v.reporter.phone.empty()) j["reporter"]["phone"] = v.reporter.phone;
  // issue 14 items 2, 3: who confirmed (保健所確認済) and who checked (データチェック済), and when.
  j["confirmed_by"] = text_or_null(v.confirmed_by);
  j["checked_at"] = text_or_null(v.report.checked_at);
  j["checked_by"] = text_or_null(v.checked_by);
  j["may"] = {{"edit", v.may_edit}, {"confirm", v.may_confirm}, {"check", v.may_check}};
}

void to_json(json& j, const InboxItem& item) {
  const auto& l = item.line;
  j = {{"id", l.id},
       {"patient_id", l.patient_id},
       {"version", l.version},
       {"state", name_of(l.state)},
       {"diagnosis_class", choice(l.fields.diagnosis_class)},
       {"diagnosis_date", l.fields.diagnosis_date},
       {"submitted_at", text_or_null(l.submitted_at)},
       {"reporter", {{"id", l.reporter_id}, {"name", l.reporter_name}}},
       {"patient",
        {{"name", l.identity.name},
         {"kana", l.identity.kana},
         {"sex", choice(l.identity.sex)},
         {"birth_date", l.identity.birth_date}}},
       {"scope", item.scope},
       {"confirmed_at", text_or_null(l.confirmed_at)},
       {"confirmed_by", text_or_null(l.confirmed_by)},
       {"checked_at", text_or_null(l.checked_at)},
       {"checked_by", text_or_null(l.checked_by)},
       {"may", {{"confirm", item.may_confirm}, {"check", item.may_check}}}};
}

void to_json(json& j, const InboxPage& page) {
  j = {{"filter", name_of(page.filter)},
       {"items", page.items},
       {"total", page.total ? json(*page.total) : json(nullptr)},
       {"more", page.more},
       {"page", page.page},
       {"page_size", page.page_size}};
}

void to_json(json& j, const CaseView& v) {
  const auto& p = v.patient;
  json tests = json::array();
  json reports = json::array();
  for (const auto& r : v.reports) {
    reports.push_back(report_summary(r));
    for (const auto& t : r.fields.tests) {
      json test = t;
      test["report_id"] = r.id;
      tests.push_back(std::move(test));
    }
  }
  j = {{"id", p.id},
       {"hersys_id", text_or_null(p.hersys_id)},
       {"version", p.version},
       {"identity", p.identity},
       {"tests", tests},
       {"residences", p.residences},
       {"medical", p.medical},
       {"record", p.record},
       {"reports", reports},
       {"created_by", p.created_by},
       {"area_health_center_id", p.area_health_center_id},
       {"responsible_health_center_id", optional(p.responsible_health_center_id)},
       {"related_health_center_ids", p.related_health_center_ids},
       {"tracing_number", p.tracing_number},
       {"reported_on", p.reported_on},
       {"created_at", p.created_at},
       {"updated_at", p.updated_at},
       {"may",
        {{"write", v.may_write},
         {"confirm", v.may_confirm},
         {"set_health_centers", v.may_set_health_centers},
         {"transfer", v.may_transfer}}}};
  // The case header (issue 14): the organisations by name.
  j["responsible_health_center_name"] = text_or_null(v.responsible_health_center_name);
  json related = json::array();
  for (const auto& [id, name] : v.related_health_centers) {
    related.push_back({{"id", id}, {"name", name}});
  }
  j["related_health_centers"] = related;
  j["reporting_institution"] = {{"id", v.reporting_institution_id},
                                {"name", v.reporting_institution_name}};
  j["reported_symptoms"] = reported_symptoms(v.reports);
}

void to_json(json& j, const SearchPage& page) {
  j = {{"patients", page.patients}, {"has_more", page.has_more},
       {"offset", page.offset},     {"limit", page.limit},
       {"total", page.total},       {"total_capped", page.total_capped}};
}

void to_json(json& j, const DraftSummary& d) {
  j = {{"id", d.id},
       {"patient_id", d.patient_id},
       {"name", d.name},
       {"kana", text_or_null(d.kana)},
       {"diagnosis_class", choice(d.diagnosis_class)},
       {"updated_at", d.updated_at},
       {"filed_by", d.filed_by}};
}

void to_json(json& j, const DraftPage& page) {
  j = {{"items", page.items},
       {"total", page.total},
       {"page", page.page},
       {"page_size", page.page_size}};
}

void to_json(json& j, const ReportDefaults& d) {
  const auto& o = d.institution;
  j = {{"doctor_name", optional(d.doctor_name)},
       {"institution",
        {{"id", o.id},
         {"name", o.name},
         {"address", text_or_null(o.address)},
         {"phone", text_or_null(o.phone)}}}};
}

json history_json(const HistoryPage& page) {
  json list = json::array();
  for (const auto& entry : page.versions) {
    const auto& v = entry.version;
    json changes = json::array();
    for (const auto& c : entry.changes) {
      changes.push_back(
          {{"field", c.field}, {"before", json::parse(c.before)}, {"after", json::parse(c.after)}});
    }
    list.push_back(
        {{"resource_type", v.resource_type},
         {"resource_id", v.resource_id},
         {"version", v.version},
         {"change", v.change},
         {"data", json::parse(v.data)},
         {"changes", changes},
         {"account_id", optional(v.account_id)},
         {"account_name", v.account_id ? json(entry.account_name) : json(nullptr)},
         {"organisation_id", optional(v.organisation_id)},
         {"organisation_name", v.organisation_id ? json(entry.organisation_name) : json(nullptr)},
         {"changed_at", v.changed_at}});
  }
  return {
      {"versions", list}, {"total", page.total}, {"offset", page.offset}, {"limit", page.limit}};
}

namespace {
// A country code as typed (us, ｕｓ): upper case (issue 14 item 8).
std::string upper_case(std::string text) {
  for (auto& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}
// A postal code typed as seven digits (１８３００５５) is kept as 183-0055 (issue 14 item 18).
std::string postal_code_of(std::string text) {
  if (text.size() == 7 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return text.substr(0, 3) + "-" + text.substr(3);
  }
  return text;
}
}  // namespace

Identity read_identity(http::BodyReader& b) {
  Identity p;
  p.name = b.text("name", 400, false);
  p.kana = text::to_katakana(b.text("kana", 400, false));
  p.sex = read_choice<Sex>(b, "sex");
  p.birth_date = b.date("birth_date");
  p.phone = b.code("phone", 120, false);
  p.email = b.code("email", 400, false);
  p.postal_code = postal_code_of(b.code("postal_code", 60, false));
  p.address = b.text("address", 800, false);
  p.current_postal_code = postal_code_of(b.code("current_postal_code", 60, false));
  p.current_address = b.text("current_address", 800, false);
  p.nationality = upper_case(b.code("nationality", 30, false));
  p.entry_date = b.date("entry_date");
  p.passport_number = b.code("passport_number", 120, false);
  p.notify_email = b.boolean("notify_email", false);
  return p;
}

std::vector<Test> read_tests(http::BodyReader& body, size_t max_items) {
  std::vector<Test> tests;
  const auto& items = body.array("tests", max_items);
  for (size_t i = 0; i < items.size(); ++i) {
    http::BodyReader b(items[i], body.name("tests") + "." + std::to_string(i));
    Test t;
    t.method = read_choice<TestMethod>(b, "method");
    t.specimen = read_choice<Specimen>(b, "specimen");
    t.collected_on = b.date("collected_on");
    t.result = read_choice<TestResult>(b, "result");
    body.add(b.errors());
    tests.push_back(std::move(t));
  }
  return tests;
}

std::vector<Residence> read_residences(http::BodyReader& body) {
  std::vector<Residence> residences;
  const auto& items = body.array("residences", 50);
  for (size_t i = 0; i < items.size(); ++i) {
    http::BodyReader b(items[i], body.name("residences") + "." + std::to_string(i));
    Residence r;
    r.kind = read_choice<ResidenceKind>(b, "kind");
    r.place = b.text("place", 800, false);
    r.from = b.date("from");
    r.to = b.date("to");
    body.add(b.errors());
    residences.push_back(std::move(r));
  }
  return residences;
}

Medical read_medical(http::BodyReader& b) {
  Medical m;
  m.admitted_on = b.date("admitted_on");
  m.discharged_on = b.date("discharged_on");
  m.hospital = b.text("hospital", 800, false);
  m.doctor = b.text("doctor", 800, false);
  m.symptoms = b.multiline("symptoms", 8000, false);
  m.findings = b.multiline("findings", 8000, false);
  m.outcome = read_choice<MedicalOutcome>(b, "outcome");
  m.outcome_text = m.outcome == MedicalOutcome::other ? b.text("outcome_text", 800, false) : "";
  m.icu = b.boolean("icu");
  m.ventilator = b.boolean("ventilator");
  m.ecmo = b.boolean("ecmo");
  return m;
}

Record read_record(http::BodyReader& b) {
  Record r;
  r.status = read_choice<Status>(b, "status");
  r.effective_on = b.date("effective_on");
  r.death_date = b.date("death_date");
  r.death_place_kind = read_choice<DeathPlace>(b, "death_place_kind");
  r.death_place = b.text("death_place", 800, false);
  return r;
}

RecordEntry read_record_entry(http::BodyReader& b) {
  RecordEntry e;
  const auto before = b.errors().size();
  const auto kind = read_choice<RecordEntryKind>(b, "kind");
  if (!kind && b.errors().size() == before) b.add({field_errors::required("kind")});
  e.kind = kind.value_or(RecordEntryKind::note);
  e.status = read_choice<Status>(b, "status");
  e.effective_on = b.date("effective_on");
  e.death_date = b.date("death_date");
  e.death_place_kind = read_choice<DeathPlace>(b, "death_place_kind");
  e.death_place = b.text("death_place", 800, false);
  e.note = b.multiline("note", 8000, false);
  return e;
}

ReportFields read_report_fields(http::BodyReader& b) {
  ReportFields r;
  r.diagnosis_class = read_choice<DiagnosisClass>(b, "diagnosis_class");
  r.occupation = b.text("occupation", 400, false);
  r.symptoms = b.texts("symptoms", 20, 40);
  r.onset_date = b.date("onset_date");
  r.diagnosis_date = b.date("diagnosis_date");
  r.tests = read_tests(b, kMaxTests);
  r.estimated_infection_date = b.date("estimated_infection_date");
  r.infection_route = b.text("infection_route", 1600, false);
  r.infection_place = b.text("infection_place", 1600, false);
  r.travel_history = b.text("travel_history", 1600, false);
  r.risk_factors = b.texts("risk_factors", 20, 40);
  r.needs_hospitalisation = b.optional_boolean("needs_hospitalisation");
  r.needs_drugs_or_oxygen = b.optional_boolean("needs_drugs_or_oxygen");
  r.vaccination_count = b.optional_integer("vaccination_count", 0, 20);
  r.pregnant = b.optional_boolean("pregnant");
  r.doctor_name = b.text("doctor_name", 400, false);
  r.free_text = b.multiline("free_text", 8000, false);
  r.guardian_name = b.text("guardian_name", 400, false);
  r.guardian_address = b.text("guardian_address", 800, false);
  r.guardian_phone = b.code("guardian_phone", 120, false);
  r.first_visit_date = b.date("first_visit_date");
  r.death_date = b.date("death_date");
  r.acknowledged = b.texts("acknowledged", 40, 60);
  return r;
}

std::string patient_document(const Patient& p) {
  return json{{"identity", p.identity},
              {"residences", p.residences},
              {"medical", p.medical},
              {"record", p.record}}
      .dump();
}

void read_patient_document(const std::string& document, Patient& p) {
  const auto j = json::parse(document);
  http::BodyReader identity(j.at("identity"), "identity");
  p.identity = read_identity(identity);
  http::BodyReader all(j);
  p.residences = read_residences(all);
  // An outcome typed freely before the list (issue 14) reads as the list's item or "other".
  auto stored_medical = j.at("medical");
  if (stored_medical.contains("outcome") && stored_medical["outcome"].is_string() &&
      !parse_name<MedicalOutcome>(stored_medical["outcome"].get<std::string>())) {
    const auto [outcome, text] = outcome_from_text(stored_medical["outcome"].get<std::string>());
    stored_medical["outcome"] = outcome ? json(name_of(*outcome)) : json(nullptr);
    if (!text.empty()) stored_medical["outcome_text"] = text;
  }
  http::BodyReader medical(stored_medical, "medical");
  p.medical = read_medical(medical);
  http::BodyReader record(j.at("record"), "record");
  p.record = read_record(record);
}

std::string report_document(const ReportFields& fields) { return json(fields).dump(); }

ReportFields read_report_document(const std::string& document) {
  const auto j = json::parse(document);
  http::BodyReader b(j);
  return read_report_fields(b);
}

}  // namespace hersys::cases
