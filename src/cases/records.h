#pragma once
// What the case services share about the records they change: loading a patient or a report
// (404 when there is none), whether a report may still change, and the version of a record
// that a change leaves in the history.
#include <string>

#include "audit/model.h"
#include "cases/model.h"
#include "platform/db/database.h"

namespace hersys::cases {

// The patient / the report (not deleted); Problem 404 otherwise.
Patient patient_in(db::Session& session, std::int64_t id);
Report report_in(db::Session& session, std::int64_t id);

// The ids of listed patients as the access log names what was shown ("12,15,31"): never
// what was searched for.
std::string id_list(const std::vector<PatientSummary>& patients);

// A report changes until it is deleted or superseded by a later one (REP-6, REP-8).
bool writable(const Report& report);

// The record as it is after `change`, for the history (audit::Change::keep).
audit::Version version_of(const Patient& patient, std::string change);
audit::Version version_of(const Report& report, std::string change);

}  // namespace hersys::cases
