#pragma once
// The case record as JSON, one way each: to_json for responses and the stored documents, and
// readers that take a request body (or a stored document) field by field, collecting every
// type error with its field name. What the values mean is the rules' business (rules.h).
#include <nlohmann/json.hpp>

#include "audit/model.h"
#include "cases/model.h"
#include "cases/scope.h"
#include "platform/http/body.h"
#include "platform/validation/field_errors.h"

namespace hersys::cases {

struct ReportView;      // reports.h
struct InboxItem;       // reports.h
struct InboxPage;       // reports.h
struct CaseView;        // patients.h
struct SearchPage;      // patients.h
struct DraftPage;       // reports.h
struct ReportDefaults;  // reports.h
struct HistoryPage;     // patients.h

void to_json(nlohmann::json& j, const Identity& identity);
void to_json(nlohmann::json& j, const Test& test);
void to_json(nlohmann::json& j, const Residence& residence);
void to_json(nlohmann::json& j, const Medical& medical);
void to_json(nlohmann::json& j, const Record& record);
void to_json(nlohmann::json& j, const RecordEntry& entry);
void to_json(nlohmann::json& j, const ReportFields& fields);
void to_json(nlohmann::json& j, const PatientSummary& summary);
void to_json(nlohmann::json& j, const ScopeJudgement& judgement);
void to_json(nlohmann::json& j, const ReportView& view);
void to_json(nlohmann::json& j, const CaseView& view);
void to_json(nlohmann::json& j, const SearchPage& page);
void to_json(nlohmann::json& j, const DraftSummary& draft);
void to_json(nlohmann::json& j, const DraftPage& page);
void to_json(nlohmann::json& j, const ReportDefaults& defaults);
void to_json(nlohmann::json& j, const InboxItem& item);
void to_json(nlohmann::json& j, const InboxPage& page);
// A page of a patient's history (audit::history_of), newest first.
nlohmann::json history_json(const HistoryPage& page);

Identity read_identity(http::BodyReader& body);
std::vector<Test> read_tests(http::BodyReader& body, size_t max_items);
std::vector<Residence> read_residences(http::BodyReader& body);
Medical read_medical(http::BodyReader& body);
Record read_record(http::BodyReader& body);  // the stored current status
// An entry of the 記録 log as POST /patients/{id}/record sends it (kind required).
RecordEntry read_record_entry(http::BodyReader& body);
ReportFields read_report_fields(http::BodyReader& body);

// An enum field: nullopt when missing; "invalid_choice" when not one of its names.
template <typename Enum>
std::optional<Enum> read_choice(http::BodyReader& body, const std::string& field) {
  const auto text = body.text(field, 40, false);
  if (text.empty()) return std::nullopt;
  auto value = parse_name<Enum>(text);
  if (!value) body.add({field_errors::invalid_choice(body.name(field))});
  return value;
}

// The stored document of a patient's tabs ("data" column), and back.
std::string patient_document(const Patient& patient);
void read_patient_document(const std::string& document, Patient& patient);
std::string report_document(const ReportFields& fields);
ReportFields read_report_document(const std::string& document);

}  // namespace hersys::cases
