#pragma once
// The e-mails a case's changes send to staff (SPEC REP-4, NTF-1), queued in the change's
// transaction. Only the HER-SYS ID identifies the patient: no other personal data leaves by
// e-mail.
#include "cases/model.h"
#include "identity/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::cases {

// 報告 (REP-4): the health center of the reporting organisation's area is told.
void tell_report_submitted(db::Transaction& tx, const Patient& patient,
                           DiagnosisClass diagnosis_class, const identity::Organisation& reporter,
                           const identity::Organisation& area, Clock::time_point now);

// ACL-5, REP-4: a health center newly set as responsible or related is told, and so is the
// prefecture of a city health center (Q&A 4, 8).
void tell_health_center_set(db::Transaction& tx, const Patient& patient,
                            const identity::Organisation& by, const identity::Organisation& hc,
                            bool responsible, Clock::time_point now);

// 移管 (issue 14, ACL-5, REP-4): the receiving health center is told, and so is the prefecture
// of a city health center. The reason stays in the system (free text may name the patient).
void tell_transferred(db::Transaction& tx, const Patient& patient,
                      const identity::Organisation& from, const identity::Organisation& to,
                      Clock::time_point now);

}  // namespace hersys::cases
