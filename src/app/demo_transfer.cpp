#include "app/demo_transfer.h"

#include "app/demo_patients.h"
#include "audit/store.h"
#include "cases/records.h"
#include "cases/store.h"
#include "cases/transfers.h"
#include "identity/store.h"
#include "platform/time/format.h"

namespace hersys::app {

std::int64_t seed_demo_transfer(db::Database& database, const Clock& clock) {
  identity::Caller shinjuku;
  std::int64_t tama = 0;
  std::int64_t patient_id = 0;
  std::int64_t version = 0;
  {
    auto tx = database.write();
    const auto hc = identity::find_organisation_by_code(tx, "HC13-00002");
    const auto to = identity::find_organisation_by_code(tx, "HC13-00001");
    const auto clinic = identity::find_organisation_by_code(tx, "MI13-00003");
    const auto account = identity::find_credentials(tx, "demo-hc-shinjuku");
    if (!hc || !to || !clinic || !account) return 0;
    if (tx.query_one("SELECT 1 FROM case_transfers WHERE to_health_center_id = ?", {to->id})) {
      return 0;  // a demo run again adds none
    }
    shinjuku.account = account->account;
    shinjuku.organisation = *hc;
    tama = to->id;
    // A patient of 新宿西口クリニック who moved to Fuchu: filed in Shinjuku's area.
    // Filed before the day's reports of the Tama clinic: it is in Tama's inbox as a case
    // transferred in (issue 14, ACL-5), below them.
    const auto at = iso8601_utc(clock.now() - std::chrono::hours(3));
    // One diagnosed in the last fortnight (the synthetic dates reach back to 2020).
    const auto today = tokyo_date(clock.now());
    const auto recent =
        iso_date(std::chrono::year_month_day{std::chrono::sys_days{today} - std::chrono::days{14}});
    auto c = synthetic_case(900'000'101u, today);
    for (std::uint64_t i = 900'000'102u; c.report.diagnosis_date < recent && i < 900'010'000u;
         ++i) {
      c = synthetic_case(i, today);
    }
    c.patient.address = "東京都府中市府中町2-5-3";
    c.patient.postal_code = "183-0055";
    cases::Patient p;
    p.identity = c.patient;
    p.created_by = clinic->id;
    p.area_health_center_id = hc->id;
    p.responsible_health_center_id = hc->id;
    p.reported_on = c.report.diagnosis_date;
    p.created_at = p.updated_at = at;
    cases::insert_patient(tx, p);
    cases::assign_hersys_id(tx, p);
    cases::Report r;
    r.patient_id = p.id;
    r.reporter_id = clinic->id;
    r.area_health_center_id = hc->id;
    r.state = cases::ReportState::submitted;
    r.fields = c.report;
    r.created_at = r.updated_at = at;
    cases::insert_report(tx, r);
    cases::add_submission(tx, r.id, *r.fields.diagnosis_class, at, account->account.id);
    auto v = cases::version_of(p, "patient.create");
    v.changed_at = at;
    audit::add_versions(tx, {v});
    tx.commit();
    patient_id = p.id;
    version = p.version;
  }
  cases::Transfers transfers(database, clock);
  transfers.transfer(
      shinjuku, patient_id,
      {tama, true, "府中市へ転居したため、居住地を管轄する保健所へ移管します。", version},
      {"demo", "demo"});
  return 1;
}

}  // namespace hersys::app
