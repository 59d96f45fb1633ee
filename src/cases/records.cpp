#include "cases/records.h"

#include "cases/json.h"
#include "cases/store.h"
#include "platform/errors.h"

namespace hersys::cases {

Patient patient_in(db::Session& session, std::int64_t id) {
  auto patient = find_patient(session, id);
  if (!patient) {
    throw Problem(ProblemKind::not_found, "no_such_patient",
                  {"患者が見つかりません。", "No such patient."});
  }
  return *patient;
}

Report report_in(db::Session& session, std::int64_t id) {
  auto report = find_report(session, id);
  if (!report || report->state == ReportState::deleted) {
    throw Problem(ProblemKind::not_found, "no_such_report",
                  {"発生届が見つかりません。", "No such occurrence report."});
  }
  return *report;
}

std::string id_list(const std::vector<PatientSummary>& patients) {
  std::string ids;
  for (const auto& p : patients) ids += (ids.empty() ? "" : ",") + std::to_string(p.id);
  return ids;
}

bool writable(const Report& r) { return r.state != ReportState::deleted && !r.superseded_by; }

audit::Version version_of(const Patient& p, std::string change) {
  return {p.id, "patient", p.id, p.version, std::move(change), patient_document(p)};
}

audit::Version version_of(const Report& r, std::string change) {
  nlohmann::json data = r.fields;
  data["state"] = name_of(r.state);
  return {r.patient_id, "report", r.id, r.version, std::move(change), data.dump()};
}

}  // namespace hersys::cases
