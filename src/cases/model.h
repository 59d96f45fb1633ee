#pragma once
// Public: the case record, which other features reach through cases/access.h.
// The shared case record (SPEC CASE-1..8) and the occurrence report (発生届, REP-1..9). A case
// is one patient with tabs; a report refers to its patient instead of copying it, so data
// entered once shows on every tab that uses it.
//
// Dates are "YYYY-MM-DD" strings ("" when not entered): the rules, not the parser, decide
// whether one is missing, malformed or implausible, so every problem is reported by field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/enum_names.h"

namespace hersys::cases {

enum class Sex { male, female };  // 性別: 男 / 女, as on the legal form

constexpr std::string_view name_of(Sex value) {
  switch (value) {
    case Sex::male: return "male";
    case Sex::female: return "female";
  }
  return {};
}

// 診断類型 (REP-1)
enum class DiagnosisClass {
  confirmed,            // 確定患者
  asymptomatic,         // 無症状病原体保有者
  suspected,            // 疑似症患者
  dead_body,            // 感染症死亡者の死体
  suspected_dead_body,  // 感染症死亡疑い者の死体
};

constexpr std::string_view name_of(DiagnosisClass value) {
  switch (value) {
    case DiagnosisClass::confirmed: return "confirmed";
    case DiagnosisClass::asymptomatic: return "asymptomatic";
    case DiagnosisClass::suspected: return "suspected";
    case DiagnosisClass::dead_body: return "dead_body";
    case DiagnosisClass::suspected_dead_body: return "suspected_dead_body";
  }
  return {};
}

enum class ReportState {
  draft,      // 報告前 (REP-9)
  submitted,  // 報告済 (REP-4)
  confirmed,  // 保健所確認済 (REP-5)
  deleted,    // 削除 (REP-8): kept for the log, never shown again
};

constexpr std::string_view name_of(ReportState value) {
  switch (value) {
    case ReportState::draft: return "draft";
    case ReportState::submitted: return "submitted";
    case ReportState::confirmed: return "confirmed";
    case ReportState::deleted: return "deleted";
  }
  return {};
}

// 現在のステータス (CASE-5)
enum class Status {
  home,                // 自宅療養中
  lodging,             // 宿泊療養中
  hospital,            // 入院中
  awaiting_admission,  // 入院調整中
  released,            // 療養解除
  dead,                // 死亡
  unknown,             // 不明
};

constexpr std::string_view name_of(Status value) {
  switch (value) {
    case Status::home: return "home";
    case Status::lodging: return "lodging";
    case Status::hospital: return "hospital";
    case Status::awaiting_admission: return "awaiting_admission";
    case Status::released: return "released";
    case Status::dead: return "dead";
    case Status::unknown: return "unknown";
  }
  return {};
}

// 記録 (CASE-5): an entry of the record's log is a status change or a note.
enum class RecordEntryKind {
  status,  // ステータスの変更 (may carry a note)
  note,    // メモ
};

constexpr std::string_view name_of(RecordEntryKind value) {
  switch (value) {
    case RecordEntryKind::status: return "status";
    case RecordEntryKind::note: return "note";
  }
  return {};
}

// 死亡場所 (CASE-5, 2021-03-22 notice): the seeds name no official list; the places a case
// is cared for (居所) and 介護施設, with free text beside it.
enum class DeathPlace {
  home,                 // 自宅
  medical_institution,  // 医療機関
  lodging,              // 宿泊療養施設
  care_facility,        // 介護施設
  other,                // その他
};

constexpr std::string_view name_of(DeathPlace value) {
  switch (value) {
    case DeathPlace::home: return "home";
    case DeathPlace::medical_institution: return "medical_institution";
    case DeathPlace::lodging: return "lodging";
    case DeathPlace::care_facility: return "care_facility";
    case DeathPlace::other: return "other";
  }
  return {};
}

// 転帰 (CASE-4). `other` keeps a free text (older records typed the outcome freely).
enum class MedicalOutcome {
  improved,     // 軽快
  recovered,    // 治癒
  dead,         // 死亡
  transferred,  // 転院
  unknown,      // 不明
  other,        // その他
};

constexpr std::string_view name_of(MedicalOutcome value) {
  switch (value) {
    case MedicalOutcome::improved: return "improved";
    case MedicalOutcome::recovered: return "recovered";
    case MedicalOutcome::dead: return "dead";
    case MedicalOutcome::transferred: return "transferred";
    case MedicalOutcome::unknown: return "unknown";
    case MedicalOutcome::other: return "other";
  }
  return {};
}

enum class TestMethod { pcr, antigen_quantitative, antigen_qualitative, other };  // 検査方法

constexpr std::string_view name_of(TestMethod value) {
  switch (value) {
    case TestMethod::pcr: return "pcr";
    case TestMethod::antigen_quantitative: return "antigen_quantitative";
    case TestMethod::antigen_qualitative: return "antigen_qualitative";
    case TestMethod::other: return "other";
  }
  return {};
}
enum class Specimen { nasopharyngeal, nasal, saliva, sputum, other };  // 検体

constexpr std::string_view name_of(Specimen value) {
  switch (value) {
    case Specimen::nasopharyngeal: return "nasopharyngeal";
    case Specimen::nasal: return "nasal";
    case Specimen::saliva: return "saliva";
    case Specimen::sputum: return "sputum";
    case Specimen::other: return "other";
  }
  return {};
}
enum class TestResult { positive, negative, pending, other };  // 結果

constexpr std::string_view name_of(TestResult value) {
  switch (value) {
    case TestResult::positive: return "positive";
    case TestResult::negative: return "negative";
    case TestResult::pending: return "pending";
    case TestResult::other: return "other";
  }
  return {};
}
enum class ResidenceKind { home, lodging, hospital, other };  // 居所

constexpr std::string_view name_of(ResidenceKind value) {
  switch (value) {
    case ResidenceKind::home: return "home";
    case ResidenceKind::lodging: return "lodging";
    case ResidenceKind::hospital: return "hospital";
    case ResidenceKind::other: return "other";
  }
  return {};
}

// ID管理 (CASE-1)
struct Identity {
  std::string name;  // 氏名 (kanji)
  std::string kana;  // フリガナ
  std::optional<Sex> sex;
  std::string birth_date;
  std::string phone;  // as typed; stored in national form
  std::string email;
  std::string postal_code;  // 住民票の住所
  std::string address;
  std::string current_postal_code;  // 居所 when it differs from the registered address
  std::string current_address;
  std::string nationality;      // ISO 3166-1 alpha-2; "JP"
  std::string entry_date;       // 入国日, for visitors
  std::string passport_number;  // half-width; required for visitors diagnosed within 28 days
  // NTF-2: the e-mail switch. There is no SMS switch (issue 19 item 21): nothing sends the
  // health-observation SMS yet, so it is neither offered nor stored; a `notify_sms` sent by an
  // older client, or kept in a stored document, is ignored.
  bool notify_email = false;
};

// 検査 (CASE-2)
struct Test {
  std::optional<TestMethod> method;
  std::optional<Specimen> specimen;
  std::string collected_on;
  std::optional<TestResult> result;
};

// 居所 (CASE-3)
struct Residence {
  std::optional<ResidenceKind> kind;
  std::string place;
  std::string from;
  std::string to;  // "" while it lasts
};

// 医療 (CASE-4)
struct Medical {
  std::string admitted_on;
  std::string discharged_on;
  std::string hospital;
  std::string doctor;
  std::string symptoms;  // the tab's own free text; the report's ticked symptoms show beside it
  std::string findings;
  std::optional<MedicalOutcome> outcome;
  std::string outcome_text;  // with MedicalOutcome::other
  bool icu = false;
  bool ventilator = false;
  bool ecmo = false;
};

// 記録 (CASE-5): the current status, as the latest status entry of the log left it
// (record_rules.h current_status()); kept with the patient so that search and counts read it.
struct Record {
  std::optional<Status> status;
  std::string effective_on;  // since when (the entry's effective date)
  std::string death_date;    // required with 死亡 (2021-03-22 notice)
  std::optional<DeathPlace> death_place_kind;
  std::string death_place;  // free text beside the kind
};

// One entry of the 記録 log: never changed nor deleted; a correction is a new entry.
struct RecordEntry {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  RecordEntryKind kind = RecordEntryKind::note;
  std::optional<Status> status;  // kind status
  std::string effective_on;      // the date it took effect, as the nurse typed it
  std::string death_date;
  std::optional<DeathPlace> death_place_kind;
  std::string death_place;
  std::string note;
  std::optional<std::int64_t> account_id;  // none: written by the system (migration)
  std::optional<std::int64_t> organisation_id;
  std::string account_name;  // display names, for the reader
  std::string organisation_name;
  std::string written_at;  // ISO 8601 UTC
};

// The occurrence report's own fields (REP-1); the patient's identity is the case's.
struct ReportFields {
  std::optional<DiagnosisClass> diagnosis_class;
  std::string occupation;
  std::vector<std::string> symptoms;  // codes, rules::kSymptoms
  std::string onset_date;
  std::string diagnosis_date;
  std::vector<Test> tests;  // 診断方法: up to four at filing, more later (CASE-2)
  std::string estimated_infection_date;
  std::string infection_route;
  std::string infection_place;
  std::string travel_history;
  std::vector<std::string> risk_factors;  // 重症化リスク因子 / 基礎疾患, rules::kRiskFactors
  std::optional<bool> needs_hospitalisation;
  std::optional<bool> needs_drugs_or_oxygen;
  std::optional<std::int64_t> vaccination_count;
  std::optional<bool> pregnant;
  std::string doctor_name;
  std::string free_text;  // e.g. "妊婦支援事業", "臨床診断"
  // The legal form's items that the questions above do not cover (別記様式6-1, issue 14 item
  // REP-8). All optional: the guardian (保護者) for a minor (under 18 at diagnosis), the first
  // visit (初診年月日), the death date for the death classes. Item 19 is free_text.
  std::string guardian_name;
  std::string guardian_address;
  std::string guardian_phone;
  std::string first_visit_date;
  std::string death_date;
  // Fields the doctor confirmed do not apply ("continue", REP-2). Never the minimum set.
  std::vector<std::string> acknowledged;
};

struct Submission {
  DiagnosisClass diagnosis_class = DiagnosisClass::confirmed;
  std::string submitted_at;  // ISO 8601 UTC
};

struct Report {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::int64_t reporter_id = 0;            // the filing organisation
  std::int64_t area_health_center_id = 0;  // the health center of its area
  ReportState state = ReportState::draft;
  ReportFields fields;
  std::vector<Submission> submissions;
  std::optional<std::int64_t> superseded_by;
  std::string confirmed_at;
  std::optional<std::int64_t> confirmed_by;  // the account (issue 14 item 2)
  std::string checked_at;                    // データチェック済 (issue 14 item 3)
  std::optional<std::int64_t> checked_by;
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

struct Patient {
  std::int64_t id = 0;
  std::string hersys_id;
  Identity identity;
  std::vector<Residence> residences;
  Medical medical;
  Record record;
  std::int64_t created_by = 0;   // the organisation that entered it (ACL-1)
  std::int64_t reported_by = 0;  // 報告機関: the first submitted report's filer, else created_by
  std::int64_t area_health_center_id = 0;  // of the entering organisation's area (ACL-2)
  std::optional<std::int64_t> responsible_health_center_id;  // 担当保健所
  std::vector<std::int64_t> related_health_center_ids;       // 関係保健所
  std::string tracing_number;                                // 処理番号 (CASE-8)
  std::string reported_on;
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

// 保健所確認 of a case (REP-5) as the search filters it: unconfirmed while one of its current
// submitted reports waits for the health center, confirmed once none waits and one is.
enum class Confirmation { unconfirmed, confirmed };

constexpr std::string_view name_of(Confirmation value) {
  switch (value) {
    case Confirmation::unconfirmed: return "unconfirmed";
    case Confirmation::confirmed: return "confirmed";
  }
  return {};
}

// A line of a search result.
struct PatientSummary {
  std::int64_t id = 0;
  std::string hersys_id;
  std::string name;
  std::string kana;
  std::optional<Sex> sex;
  std::string birth_date;
  std::optional<Status> status;
  std::string reported_on;
  std::optional<std::int64_t> responsible_health_center_id;
  // The search's extra columns (CASE-6, issue 14): names, and the 保健所確認 of its reports.
  std::string responsible_health_center_name;
  std::int64_t reporter_id = 0;  // 報告機関: the filer of the first submitted report (item 5)
  std::string reporter_name;
  std::optional<Confirmation> confirmation;  // none: no submitted report yet
};

// A line of the organisation's list of drafts (issue 19 item 23).
struct DraftSummary {
  std::int64_t id = 0;  // the report
  std::int64_t patient_id = 0;
  std::string name;
  std::string kana;
  std::optional<DiagnosisClass> diagnosis_class;
  std::string updated_at;
  std::string filed_by;  // the display name of the account that filed it
};

// The inbox's lists (issue 14 items 2, 3; REP-5): a health center's reports to confirm (保健所確認)
// and confirmed ones; a 地方衛生研究所's confirmed reports to check (データチェック) and checked
// ones.
enum class InboxFilter { unconfirmed, confirmed, unchecked, checked };

constexpr std::string_view name_of(InboxFilter value) {
  switch (value) {
    case InboxFilter::unconfirmed: return "unconfirmed";
    case InboxFilter::confirmed: return "confirmed";
    case InboxFilter::unchecked: return "unchecked";
    case InboxFilter::checked: return "checked";
  }
  return {};
}

// Which reports an inbox lists: those filed in one health center's area together with those of
// the patients it is responsible for filed elsewhere (transferred in, ACL-5), or those filed in
// every health center of a prefecture (a prefecture, a 地方衛生研究所).
struct InboxReach {
  std::optional<std::int64_t> health_center_id;
  std::string prefecture_code;  // when health_center_id is absent
};

// A line of the inbox: the report, its patient's name, the reporting institution and who
// confirmed and checked it.
struct InboxLine {
  std::int64_t id = 0;  // the report
  std::int64_t patient_id = 0;
  std::int64_t version = 0;
  ReportState state = ReportState::submitted;
  ReportFields fields;
  Identity identity;
  std::string submitted_at;
  std::int64_t reporter_id = 0;
  std::string reporter_name;
  std::string confirmed_at;
  std::string confirmed_by;  // display names, "" when not
  std::string checked_at;
  std::string checked_by;
};

// CASE-6. Empty fields do not filter.
struct SearchFilter {
  std::string hersys_id;
  std::string name;  // partial, kanji or kana
  std::string birth_date;
  std::string phone;
  std::string reported_from;
  std::string reported_to;
  std::optional<Status> status;
  bool without_status = false;  // CASE-5: the health center's cases with no status yet
  std::optional<std::int64_t> health_center_id;
  // issue 14 (CASE-6 as a nurse uses it): the reporting institution (報告機関, store.h),
  // 保健所確認, an age range in whole years on the Asia/Tokyo date (turned into a birth-date
  // range by the service: born_after < birth_date <= born_on_or_before), and "still open".
  std::optional<std::int64_t> reporter_id;
  std::optional<Confirmation> confirmation;
  std::optional<int> age_from;
  std::optional<int> age_to;
  std::string born_after;         // exclusive
  std::string born_on_or_before;  // inclusive
  bool open_only = false;         // 現在のステータス is none or not 療養解除 / 死亡
  bool include_past = false;      // records before the past-data cut-off
  bool oldest_first = false;
  int limit = 50;
  int offset = 0;
};

}  // namespace hersys::cases
