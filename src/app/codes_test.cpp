// The server's code lists against the enums of docs/openapi.yaml, the document the browser
// app generates its codes from (web/tools/gen-codes.mjs): one source for both sides, and this
// test fails when the server's name tables and the document drift apart.
#include "cases/codes.h"

#include <gtest/gtest.h>

#include <cctype>

#include "audit/model.h"
#include "cases/model.h"
#include "daily/model.h"
#include "identity/model.h"
#include "platform/embedded.h"
#include "platform/enum_names.h"
#include "workbench/model.h"

namespace hersys {
namespace {

// The enum of component schema `name` (codes of letters, digits, _ . -), written as the
// document writes them all:
//   <4 spaces>Name:
//   <6 spaces>... enum: [a, b,
//   <8 spaces>c]
std::vector<std::string> document_enum(const std::string& name) {
  const auto document = *embedded_file("openapi.yaml");
  const auto schemas = document.find("\n  schemas:\n");
  const auto start = document.find("\n    " + name + ":\n", schemas);
  if (schemas == std::string_view::npos || start == std::string_view::npos) return {};
  // The schema ends where the next line indented by four spaces (the next schema) begins.
  auto end = start + 1;
  do {
    end = document.find("\n    ", end + 1);
  } while (end != std::string_view::npos && document.substr(end + 5, 1) == " ");
  const auto block = document.substr(start, end - start);
  const auto open = block.find("enum: [");
  if (open == std::string_view::npos) return {};
  const auto items = block.substr(open + 7, block.find(']', open) - open - 7);
  std::vector<std::string> values;
  std::string value;
  for (char c : items) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-') {
      value += c;
    } else if (!value.empty()) {
      values.push_back(std::move(value));
      value.clear();
    }
  }
  if (!value.empty()) values.push_back(value);
  return values;
}

template <typename Enum>
std::vector<std::string> names(std::initializer_list<Enum> never_answered = {}) {
  std::vector<std::string> out;
  for (auto value : all_values<Enum>()) {
    if (std::find(never_answered.begin(), never_answered.end(), value) == never_answered.end()) {
      out.emplace_back(name_of(value));
    }
  }
  return out;
}

std::vector<std::string> names(const std::vector<std::string_view>& list) {
  return {list.begin(), list.end()};
}

TEST(OpenApiCodes, TheServersNameTablesAreTheDocumentsEnums) {
  const std::pair<std::string, std::vector<std::string>> expected[] = {
      {"Stage", names<identity::Stage>()},
      {"Role", names<identity::Role>()},
      {"OrganisationKind", names<identity::OrganisationKind>()},
      {"Sex", names<cases::Sex>()},
      {"DiagnosisClass", names<cases::DiagnosisClass>()},
      {"Status", names<cases::Status>()},
      {"TestMethod", names<cases::TestMethod>()},
      {"Specimen", names<cases::Specimen>()},
      {"TestResult", names<cases::TestResult>()},
      {"ResidenceKind", names<cases::ResidenceKind>()},
      {"RecordEntryKind", names<cases::RecordEntryKind>()},
      {"DeathPlace", names<cases::DeathPlace>()},
      {"MedicalOutcome", names<cases::MedicalOutcome>()},
      // A deleted report is never answered (REP-8).
      {"ReportState", names<cases::ReportState>({cases::ReportState::deleted})},
      {"Symptom", names(cases::kSymptoms)},
      {"RiskFactor", names(cases::kRiskFactors)},
      {"DailyChannel", names<daily::Channel>()},
      {"DailyBracket", names<daily::Bracket>()},
      {"DailyAreaKind", names<daily::AreaKind>()},
      {"AuditAction", names<audit::Action>()},
      {"AuditOutcome", names<audit::Outcome>()},
      {"AuditEventType", names<audit::EventType>()},   // issue 19 item 24
      {"Confirmation", names<cases::Confirmation>()},  // issue 14 (CASE-6)
      {"AuditResourceType", names<audit::ResourceType>()},
      {"InboxFilter", names<cases::InboxFilter>()},           // issue 14 item 2
      {"WorkbenchCountKind", names<workbench::CountKind>()},  // issue 14 item 1
  };
  for (const auto& [schema, values] : expected) {
    EXPECT_EQ(document_enum(schema), values) << "components/schemas/" << schema;
  }
}

TEST(OpenApiCodes, TheDocumentReaderFindsWrappedEnumsAndNothingElse) {
  EXPECT_EQ(document_enum("DailyBracket").size(), 14u);  // written over two lines
  EXPECT_TRUE(document_enum("NoSuchSchema").empty());
}

}  // namespace
}  // namespace hersys
