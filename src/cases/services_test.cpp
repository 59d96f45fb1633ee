// The case services called directly, on both databases, for the branches the HTTP stories
// (api_test.cpp) do not walk: every state a report refuses a step in, supersession's checks,
// a filing organisation outside any area, stale saves, health centers named wrongly, the
// tracing number issued once, and the history each change leaves (SPEC REP-2..REP-8, CASE-5,
// CASE-8, ACL-5).
#include <gtest/gtest.h>

#include "app/demo.h"
#include "audit/log.h"
#include "cases/hersys_id.h"
#include "cases/patients.h"
#include "cases/record_log.h"
#include "cases/reports.h"
#include "cases/store.h"
#include "identity/directory.h"
#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::cases {
namespace {
using identity::Caller;

Identity adult() {
  Identity p;
  p.name = "府中 花子";
  p.kana = "フチュウ ハナコ";
  p.sex = Sex::female;
  p.birth_date = "1950-02-03";
  p.phone = "090-2222-3333";
  p.email = "hanako@example.jp";
  p.postal_code = "183-0022";
  p.address = "東京都府中市宮西町2-2";
  p.nationality = "JP";
  return p;
}

ReportFields fields(DiagnosisClass cls = DiagnosisClass::confirmed) {
  ReportFields r;
  r.diagnosis_class = cls;
  r.occupation = "無職";
  r.symptoms = {"fever"};
  r.onset_date = "2026-11-18";
  r.diagnosis_date = "2026-11-20";
  r.tests = {{TestMethod::pcr, Specimen::saliva, "2026-11-19", TestResult::positive}};
  r.estimated_infection_date = "2026-11-15";
  r.infection_route = "不明";
  r.infection_place = "不明";
  r.travel_history = "なし";
  r.risk_factors = {"none"};
  r.needs_hospitalisation = false;
  r.needs_drugs_or_oxygen = false;
  r.vaccination_count = 2;
  r.pregnant = false;
  r.doctor_name = "府中 一郎";
  return r;
}

// Runs `step` and expects the problem `code` of `kind`.
template <typename Step>
void refused(ProblemKind kind, const std::string& code, Step step) {
  try {
    step();
    ADD_FAILURE() << "expected " << code;
  } catch (const Problem& p) {
    EXPECT_EQ(p.kind(), kind) << p.code();
    EXPECT_EQ(p.code(), code);
  }
}

class CaseServices : public ::testing::TestWithParam<db::Dialect> {
 protected:
  CaseServices() {
    db::migrate(*db_, clock_);
    for (auto& s : app::seed_demo(*db_, clock_)) {
      Caller c;
      c.account = s.account;
      c.organisation = s.organisation;
      if (s.organisation.parent_id) {
        auto session = db_->read();
        c.parent = identity::find_organisation(session, *s.organisation.parent_id);
      }
      callers_.emplace(s.key, c);
    }
  }

  Filed file(const std::string& key, Filing filing) {
    return reports_.file(callers_.at(key), filing, origin_);
  }
  Filed submitted(DiagnosisClass cls = DiagnosisClass::confirmed) {
    Filing f{fields(cls), adult()};
    f.submit = true;
    f.confirm_new_patient = true;
    return file("clinic", f);
  }

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} +
                     std::chrono::hours(1)};
  test::TestDatabase db_{GetParam()};
  Reports reports_{*db_, clock_};
  Patients patients_{*db_, clock_};
  std::map<std::string, Caller> callers_;
  identity::Origin origin_{"127.0.0.1", "test"};
};

INSTANTIATE_TEST_SUITE_P(Backends, CaseServices, test::kBothDatabases, test::database_test_name);

TEST_P(CaseServices, EachStepIsRefusedInTheStatesItDoesNotApplyTo) {
  const auto& clinic = callers_.at("clinic");
  const auto& hc = callers_.at("hc-tama");
  Filing draft{fields(), adult()};
  draft.confirm_new_patient = true;
  const auto d = file("clinic", draft);
  refused(ProblemKind::conflict, "not_submitted",
          [&] { reports_.confirm(hc, d.report_id, origin_); });
  refused(ProblemKind::conflict, "cannot_reclass", [&] {
    reports_.reclass(clinic, d.report_id, DiagnosisClass::confirmed, "2026-11-20", origin_);
  });
  reports_.submit(clinic, d.report_id, origin_);
  refused(ProblemKind::conflict, "already_submitted",
          [&] { reports_.submit(clinic, d.report_id, origin_); });
  refused(ProblemKind::invalid, "invalid_fields", [&] {  // use_reclass on diagnosis_class
    reports_.edit(clinic, d.report_id, fields(DiagnosisClass::asymptomatic), std::nullopt, origin_);
  });
  refused(ProblemKind::conflict, "cannot_reclass", [&] {  // not a suspected case
    reports_.reclass(clinic, d.report_id, DiagnosisClass::asymptomatic, "2026-11-20", origin_);
  });
  refused(ProblemKind::invalid, "invalid_fields",
          [&] { reports_.set_tests(clinic, d.report_id, {}, origin_); });
  reports_.confirm(hc, d.report_id, origin_);
  EXPECT_EQ(reports_.view(hc, d.report_id, origin_).report.state, ReportState::confirmed);
  EXPECT_FALSE(reports_.view(hc, d.report_id, origin_).may_confirm);

  reports_.remove(clinic, d.report_id, origin_);
  refused(ProblemKind::not_found, "not_found",
          [&] { reports_.view(clinic, d.report_id, origin_); });
  refused(ProblemKind::not_found, "not_found",
          [&] { reports_.submit(clinic, d.report_id, origin_); });
}

TEST_P(CaseServices, ASuspectedCaseReclassedIsSubmittedAgainForItsNewClass) {
  const auto& clinic = callers_.at("clinic");
  const auto s = submitted(DiagnosisClass::suspected);
  reports_.confirm(callers_.at("hc-tama"), s.report_id, origin_);
  refused(ProblemKind::invalid, "invalid_fields", [&] {
    reports_.reclass(clinic, s.report_id, DiagnosisClass::suspected_dead_body, "2026-11-20",
                     origin_);
  });
  clock_.advance(std::chrono::hours(24));
  reports_.reclass(clinic, s.report_id, DiagnosisClass::confirmed, "2026-11-21", origin_);
  const auto v = reports_.view(clinic, s.report_id, origin_);
  EXPECT_EQ(v.report.state, ReportState::submitted);  // the health center confirms it again
  EXPECT_TRUE(v.report.confirmed_at.empty());
  ASSERT_EQ(v.report.submissions.size(), 2u);  // a receipt date per class (REP-4)
  EXPECT_EQ(v.report.submissions[1].diagnosis_class, DiagnosisClass::confirmed);
  EXPECT_EQ(v.report.fields.diagnosis_date, "2026-11-21");
}

TEST_P(CaseServices, OnlyASubmittedWritableReportOfTheSamePatientIsSuperseded) {
  const auto& clinic = callers_.at("clinic");
  Filing draft{fields(), adult()};
  draft.confirm_new_patient = true;
  const auto d = file("clinic", draft);
  Filing later{fields()};
  later.supersedes = d.report_id;
  refused(ProblemKind::conflict, "cannot_supersede", [&] { file("clinic", later); });

  const auto first = submitted();
  const auto other = submitted();
  later.supersedes = first.report_id;
  later.patient_id = other.patient_id;
  refused(ProblemKind::invalid, "invalid_fields", [&] { file("clinic", later); });  // mismatch
  later.patient_id.reset();
  const auto second = file("clinic", later);
  EXPECT_EQ(second.patient_id, first.patient_id);
  EXPECT_FALSE(reports_.view(clinic, first.report_id, origin_).may_edit);
  refused(ProblemKind::conflict, "read_only",
          [&] { reports_.set_tests(clinic, first.report_id, fields().tests, origin_); });
  refused(ProblemKind::conflict, "read_only",
          [&] { reports_.edit(clinic, first.report_id, fields(), std::nullopt, origin_); });
  refused(ProblemKind::conflict, "cannot_supersede", [&] { file("clinic", later); });
}

TEST_P(CaseServices, AFilingNeedsAnAreaAndANewPatientNeedsItsIdentity) {
  auto stray = callers_.at("clinic");
  stray.parent.reset();  // an institution no health center issued
  refused(ProblemKind::forbidden, "forbidden", [&] {
    Filing f{fields(), adult()};
    reports_.file(stray, f, origin_);
  });
  refused(ProblemKind::invalid, "invalid_fields", [&] { file("clinic", Filing{fields()}); });
  refused(ProblemKind::forbidden, "forbidden", [&] {  // a follow-up center files no reports
    Filing f{fields(), adult()};
    file("followup", f);
  });
}

// Another organisation learns nothing of a report it may not touch: refused (and logged)
// before the report's state or patient is looked at.
TEST_P(CaseServices, AnotherOrganisationIsRefusedBeforeAnythingIsSaidOfTheReport) {
  Filing draft{fields(), adult()};
  draft.confirm_new_patient = true;
  const auto d = file("clinic", draft);  // a draft: superseding it would be cannot_supersede
  Filing later{fields()};
  later.supersedes = d.report_id;
  later.patient_id = 999'999;  // and a patient mismatch
  // issue 19 item 8, ACL-7: another organisation's report is "not found" like a missing one,
  // and both refusals are in the access log.
  refused(ProblemKind::not_found, "not_found", [&] { file("clinic2", later); });
  later.supersedes = 999'999;
  refused(ProblemKind::not_found, "not_found", [&] { file("clinic2", later); });
  refused(ProblemKind::not_found, "not_found", [&] {
    reports_.set_tests(callers_.at("clinic2"), d.report_id, {}, origin_);  // invalid tests too
  });
  refused(ProblemKind::not_found, "not_found",
          [&] { patients_.view(callers_.at("clinic2"), d.patient_id, origin_); });
  refused(ProblemKind::not_found, "not_found",
          [&] { patients_.view(callers_.at("clinic2"), 999'999, origin_); });
  auto session = db_->read();
  const auto log = audit::list(session, callers_.at("clinic2").organisation.id, 0, 50);
  std::set<std::string> denied;
  for (const auto& r : log) {
    if (r.event.outcome == audit::Outcome::denied) {
      denied.insert(r.event.resource_type + ":" + r.event.resource_id);
    }
  }
  EXPECT_EQ(denied,
            (std::set<std::string>{"OccurrenceReport:" + std::to_string(d.report_id),
                                   "OccurrenceReport:999999",
                                   "Patient:" + std::to_string(d.patient_id), "Patient:999999"}));
}

// issue 19 item 8: the health center reads the clinic's case but may not delete its report:
// that one is "forbidden" (it knows the record), not "not found".
TEST_P(CaseServices, ARecordTheCallerMayReadButNotChangeIsForbidden) {
  const auto s = submitted();
  {
    auto tx = db_->write();
    link(tx, s.patient_id, callers_.at("followup").organisation.id,
         callers_.at("hc-tama").organisation.id, clock_.now());
    tx.commit();
  }
  refused(ProblemKind::forbidden, "forbidden",
          [&] { reports_.remove(callers_.at("followup"), s.report_id, origin_); });
}

// issue 19 item 12 (ACL-5): what a change leaves out stays; the responsible health center is
// kept unless another is named.
TEST_P(CaseServices, AHealthCenterChangeKeepsWhatItLeavesOutAndTheResponsibleOne) {
  const auto& hc = callers_.at("hc-tama");
  const auto tama = hc.organisation.id;
  const auto shinjuku = callers_.at("hc-shinjuku").organisation.id;
  const auto s = submitted();
  const auto centers = [&] {
    const auto p = patients_.view(hc, s.patient_id, origin_).patient;
    return std::make_pair(p.responsible_health_center_id, p.related_health_center_ids);
  };
  ASSERT_EQ(centers().first, tama);
  patients_.set_health_centers(hc, s.patient_id, {std::nullopt, {{shinjuku}}}, origin_);
  EXPECT_EQ(centers(),
            std::make_pair(std::optional<std::int64_t>(tama), std::vector<std::int64_t>{shinjuku}));
  const auto version = patients_.view(hc, s.patient_id, origin_).patient.version;
  patients_.set_health_centers(hc, s.patient_id, {}, origin_);  // `{}`
  EXPECT_EQ(patients_.view(hc, s.patient_id, origin_).patient.version, version);
  EXPECT_EQ(centers().second, std::vector<std::int64_t>{shinjuku});
  refused(ProblemKind::invalid, "invalid_fields", [&] {  // removing it names no successor
    patients_.set_health_centers(hc, s.patient_id, {std::optional<std::int64_t>{}, std::nullopt},
                                 origin_);
  });
  refused(ProblemKind::invalid, "invalid_fields", [&] {  // responsible and related at once
    patients_.set_health_centers(hc, s.patient_id, {std::nullopt, {{tama}}}, origin_);
  });
  EXPECT_EQ(centers().first, tama);
  patients_.set_health_centers(hc, s.patient_id, {std::nullopt, {{}}}, origin_);
  EXPECT_EQ(centers(),
            std::make_pair(std::optional<std::int64_t>(tama), std::vector<std::int64_t>{}));
}

// issue 19 items 22 and 23: a draft's patient has no HER-SYS ID until the report is submitted;
// the organisation's drafts are listed newest first; the doctor's name filed is remembered.
TEST_P(CaseServices, ADraftHasNoHersysIdAndIsListedAndTheDoctorIsRemembered) {
  const auto& clinic = callers_.at("clinic");
  EXPECT_FALSE(reports_.defaults(clinic).doctor_name);
  EXPECT_EQ(reports_.defaults(clinic).institution.id, clinic.organisation.id);
  Filing draft{fields(), adult()};
  draft.confirm_new_patient = true;
  draft.fields.doctor_name.clear();
  const auto first = file("clinic", draft);
  EXPECT_FALSE(reports_.defaults(clinic).doctor_name);  // none filed yet
  clock_.advance(std::chrono::minutes(1));
  draft.patient->kana = "フチュウ ジロウ";
  draft.fields.doctor_name = "府中 一郎";
  const auto second = file("clinic", draft);
  EXPECT_EQ(reports_.defaults(clinic).doctor_name, "府中 一郎");
  EXPECT_TRUE(patients_.view(clinic, first.patient_id, origin_).patient.hersys_id.empty());

  auto page = reports_.drafts(clinic, 1, origin_);
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, second.report_id);
  EXPECT_EQ(page.items[1].id, first.report_id);
  EXPECT_EQ(page.items[0].filed_by, clinic.account.display_name);
  EXPECT_EQ(reports_.drafts(callers_.at("clinic2"), 1, origin_).total, 0);
  EXPECT_TRUE(reports_.drafts(clinic, 2, origin_).items.empty());

  reports_.submit(clinic, second.report_id, origin_);
  EXPECT_TRUE(patients_.view(clinic, first.patient_id, origin_).patient.hersys_id.empty());
  const auto id = patients_.view(clinic, second.patient_id, origin_).patient.hersys_id;
  EXPECT_EQ(id.size(), kHersysIdLength);
  EXPECT_TRUE(validate_hersys_id(id, "id", false).empty());
  EXPECT_EQ(reports_.drafts(clinic, 1, origin_).total, 1);
  // Submitted straight away, a new patient has its ID at once.
  EXPECT_EQ(patients_.view(clinic, submitted().patient_id, origin_).patient.hersys_id.size(),
            kHersysIdLength);
}

// A follow-up center linked to a patient reads the case; it neither edits nor deletes it.
TEST_P(CaseServices, ALinkedFollowUpCenterReadsButDoesNotEdit) {
  const auto s = submitted();
  {
    auto tx = db_->write();
    link(tx, s.patient_id, callers_.at("followup").organisation.id,
         callers_.at("hc-tama").organisation.id, clock_.now());
    tx.commit();
  }
  const auto& followup = callers_.at("followup");
  EXPECT_EQ(patients_.view(followup, s.patient_id, origin_).patient.id, s.patient_id);
  EXPECT_FALSE(patients_.view(followup, s.patient_id, origin_).may_write);
  EXPECT_FALSE(reports_.view(followup, s.report_id, origin_).may_edit);
  refused(ProblemKind::forbidden, "forbidden",
          [&] { reports_.remove(followup, s.report_id, origin_); });
  refused(ProblemKind::forbidden, "forbidden",
          [&] { reports_.edit(followup, s.report_id, fields(), std::nullopt, origin_); });
  Patient input;
  input.medical.icu = true;
  refused(ProblemKind::forbidden, "forbidden", [&] {
    patients_.edit(followup, s.patient_id, Tab::medical, input, std::nullopt, origin_);
  });
  RecordEntry note;
  note.note = "電話で確認";
  refused(ProblemKind::forbidden, "forbidden",
          [&] { RecordLog(*db_, clock_).add(followup, s.patient_id, note, origin_); });
}

TEST_P(CaseServices, PatientTabsRefuseStaleSavesAndWrongHealthCenters) {
  const auto& hc = callers_.at("hc-tama");
  const auto s = submitted();
  const auto seen = patients_.view(hc, s.patient_id, origin_).patient;
  Patient input;
  input.medical.icu = true;
  patients_.edit(hc, s.patient_id, Tab::medical, input, seen.version, origin_);
  refused(ProblemKind::conflict, "changed_meanwhile",
          [&] { patients_.edit(hc, s.patient_id, Tab::medical, input, seen.version, origin_); });

  const auto tama = callers_.at("hc-tama").organisation.id;
  const auto shinjuku = callers_.at("hc-shinjuku").organisation.id;
  const auto clinic = callers_.at("clinic").organisation.id;
  try {
    patients_.set_health_centers(hc, s.patient_id, {tama, {{shinjuku, clinic, shinjuku}}}, origin_);
    ADD_FAILURE();
  } catch (const Problem& p) {
    std::set<std::string> fields;
    for (const auto& e : p.errors()) fields.insert(e.field + ":" + e.code);
    EXPECT_EQ(fields, (std::set<std::string>{"related_health_center_ids.0:duplicate",
                                             "related_health_center_ids.1:not_health_center",
                                             "related_health_center_ids.2:duplicate"}));
  }
  patients_.set_health_centers(hc, s.patient_id, {tama, {{shinjuku}}}, origin_);
  EXPECT_TRUE(patients_.view(callers_.at("hc-shinjuku"), s.patient_id, origin_).may_write);
  refused(ProblemKind::forbidden, "forbidden", [&] {  // ACL-5: health centers only
    patients_.set_health_centers(callers_.at("clinic"), s.patient_id, {tama, {}}, origin_);
  });
}

TEST_P(CaseServices, TheTracingNumberIsIssuedOnceAndEveryChangeIsInTheHistory) {
  const auto& clinic = callers_.at("clinic");
  const auto s = submitted();
  const auto number = patients_.tracing_number(clinic, s.patient_id, origin_);
  EXPECT_EQ(number.size(), 10u);
  EXPECT_EQ(patients_.tracing_number(clinic, s.patient_id, origin_), number);
  reports_.confirm(callers_.at("hc-tama"), s.report_id, origin_);
  const auto history = patients_.history(clinic, s.patient_id, origin_).versions;
  std::vector<std::string> changes;
  for (const auto& v : history) changes.push_back(v.version.change);
  EXPECT_EQ(changes,
            (std::vector<std::string>{"report.confirm", "report.submit", "patient.create"}));
  EXPECT_EQ(history.front().version.organisation_id, callers_.at("hc-tama").organisation.id);
  EXPECT_EQ(history.back().version.account_id, clinic.account.id);
}

}  // namespace
}  // namespace hersys::cases
