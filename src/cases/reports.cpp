#include "cases/reports.h"

#include "audit/log.h"
#include "cases/counts.h"
#include "cases/notices.h"
#include "cases/records.h"
#include "cases/search_keys.h"
#include "cases/store.h"
#include "cases/validation.h"
#include "identity/directory.h"
#include "platform/errors.h"
#include "platform/time/format.h"

namespace hersys::cases {
namespace {
using identity::Action;
using identity::Caller;
using identity::Organisation;
using identity::Origin;
using identity::Relation;

Problem conflict(std::string code, Text title) {
  return Problem(ProblemKind::conflict, std::move(code), std::move(title));
}

Problem read_only_report() {
  return conflict("read_only", {"この発生届は削除済みか、追加登録により読み取り専用です。",
                                "This report is deleted or read-only after a later report."});
}

bool suspected(const std::optional<DiagnosisClass>& c) {
  return c == DiagnosisClass::suspected || c == DiagnosisClass::suspected_dead_body;
}

void check(FieldErrors errors) {
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
}

// 報告 (REP-4): the first submission of each diagnosis class is recorded, dates the patient's
// report, and is told to the health center of the filing organisation's area.
// A patient known from drafts only gets its HER-SYS ID here (issue 19 item 23).
void record_submission(db::Transaction& tx, audit::Change& change, const Caller& caller,
                       Report& report, Patient& patient, const Organisation& reporter,
                       const Organisation& area) {
  if (report.state == ReportState::draft) report.state = ReportState::submitted;
  assign_hersys_id(tx, patient);
  const auto cls = *report.fields.diagnosis_class;
  if (!add_submission(tx, report.id, cls, change.at(), caller.account.id)) return;
  report.submissions.push_back({cls, change.at()});
  const auto today = iso_date(tokyo_date(change.now()));
  if (patient.reported_on != today) {
    patient.reported_on = today;
    patient.updated_at = change.at();
    audit::Change::saved(update_patient(tx, patient));
  }
  tell_report_submitted(tx, patient, cls, reporter, area, change.now());
}

// A submission of a stored report: by its reporter, in its area.
void record_submission(db::Transaction& tx, audit::Change& change, const Caller& caller,
                       Report& report, Patient& patient) {
  record_submission(tx, change, caller, report, patient,
                    identity::organisation(tx, report.reporter_id),
                    identity::organisation(tx, report.area_health_center_id));
}

}  // namespace

// The patient a new report is for: an existing one (the caller may write it) or a new one
// (the caller may enter patients, as its own or in its area).
struct Reports::Subject {
  PatientAccess access;
  std::optional<Patient> existing;
  std::optional<Report> superseded;  // 追加登録: the earlier report
};

Reports::Subject Reports::subject_of(const Caller& caller, const Filing& filing,
                                     const Origin& origin) {
  Subject subject;
  auto patient_id = filing.patient_id;
  if (filing.supersedes) {
    // Decided on the earlier report's patient before anything about the report is said
    // (issue 19 item 8): another organisation's report is "not found" like a missing one.
    subject.access = decide(caller, *filing.supersedes, Action::write_case, origin);
    {
      auto session = database_.read();
      subject.superseded = report_in(session, *filing.supersedes);
    }
    const auto& earlier = *subject.superseded;
    if (!writable(earlier) || earlier.state == ReportState::draft) {
      throw conflict("cannot_supersede",
                     {"追加登録できるのは報告済みで読み取り専用でない発生届だけです。",
                      "Only a submitted report that is not read-only can be followed by a new "
                      "one."});
    }
    if (patient_id && *patient_id != earlier.patient_id) {
      throw Problem::invalid({{"patient_id",
                               "mismatch",
                               {"追加登録は同じ患者の発生届にしてください。",
                                "The new report must be for the same patient."}}});
    }
    patient_id = earlier.patient_id;
  } else if (patient_id) {
    subject.access = authorise(database_, clock_, caller, Action::write_case, *patient_id, origin);
  }
  if (patient_id) {
    auto session = database_.read();
    subject.existing = patient_in(session, *patient_id);
    return subject;
  }
  subject.access.relations = identity::relations_to_new_patient(caller);
  subject.access.through = identity::require(database_, clock_, caller, origin, Action::write_case,
                                             subject.access.relations, "Patient", "");
  if (!filing.patient) {
    throw Problem::invalid(
        {{"patient", "required", {"患者の情報を入力してください。", "Enter the patient."}}});
  }
  return subject;
}

// CASE-7: patients in the caller's reach with the same kana and birth date, or the same phone.
// Showing them is a read of their records, and logged as such.
std::vector<PatientSummary> Reports::look_alikes(const Caller& caller, const Identity& identity,
                                                 const Origin& origin) {
  std::vector<PatientSummary> alikes;
  {
    auto session = database_.read();
    alikes = cases::look_alikes(session, scope_of(caller, Action::read_case),
                                kana_key(identity.kana).value_or(""), identity.birth_date,
                                identity.phone);
  }
  if (alikes.empty()) return alikes;
  audit::Change(identity::audit_event(&caller, origin, audit::Action::read, "case.look-alikes",
                                      "Patient", id_list(alikes)),
                clock_.now())
      .record(database_);
  return alikes;
}

Filed Reports::file(const Caller& caller, const Filing& filing, const Origin& origin) {
  // The area's health center: the filing organisation's own, or its issuer's (ACL-2).
  const auto area = identity::filing_area(caller);
  if (!area) identity::refuse(database_, clock_, caller, origin, Action::write_case, "Patient", "");
  const auto subject = subject_of(caller, filing, origin);
  const auto& identity = filing.patient ? *filing.patient : subject.existing->identity;
  check(validate_report(filing.fields, identity, filing.submit ? Stage::submission : Stage::draft,
                        today()));
  if (!subject.existing && !filing.confirm_new_patient) {
    auto alikes = look_alikes(caller, identity, origin);
    if (!alikes.empty()) return {std::move(alikes), 0, 0};
  }
  return write(caller, filing, subject, *area, origin);
}

Filed Reports::write(const Caller& caller, const Filing& filing, const Subject& subject,
                     const Organisation& area, const Origin& origin) {
  const char* what = filing.submit ? "report.submit" : "report.create";
  audit::Change change(
      subject.access.event(caller, origin, audit::Action::create, what, "OccurrenceReport", 0),
      clock_.now());
  auto tx = database_.write();
  Patient patient;
  if (subject.existing) {
    patient = patient_in(tx, subject.existing->id);
    if (filing.patient) {
      patient.identity = *filing.patient;
      patient.updated_at = change.at();
      audit::Change::saved(update_patient(tx, patient));
      refresh_access(tx, patient);
      change.keep(version_of(patient, "patient.identity"));
    }
  } else {
    patient.identity = *filing.patient;
    patient.created_by = caller.organisation.id;
    patient.area_health_center_id = area.id;
    patient.responsible_health_center_id = area.id;
    patient.reported_on = iso_date(today());
    patient.created_at = patient.updated_at = change.at();
    insert_patient(tx, patient);
    change.keep(version_of(patient, "patient.create"));
  }

  Report report;
  report.patient_id = patient.id;
  report.reporter_id = caller.organisation.id;
  report.area_health_center_id = area.id;
  report.fields = filing.fields;
  report.state = filing.submit ? ReportState::submitted : ReportState::draft;
  report.created_at = report.updated_at = change.at();
  insert_report(tx, report);
  if (filing.submit) {
    record_submission(tx, change, caller, report, patient, caller.organisation, area);
  }
  change.keep(version_of(report, what));
  if (subject.superseded) {
    auto before = report_in(tx, subject.superseded->id);
    before.superseded_by = report.id;
    before.updated_at = change.at();
    audit::Change::saved(update_report(tx, before));
    change.keep(version_of(before, "report.superseded"));
  }
  if (!filing.fields.doctor_name.empty()) {  // issue 19 item 22: the form's next default
    remember_doctor(tx, caller.account.id, filing.fields.doctor_name, change.at());
  }
  change.event().resource_id = std::to_string(report.id);
  change.event().patient_id = std::to_string(patient.id);
  change.record(tx);
  tx.commit();
  return {{}, report.id, patient.id};
}

DraftPage Reports::drafts(const Caller& caller, int page, const Origin& origin) {
  DraftPage result{{}, 0, page, kDraftPageSize};
  const auto scope = scope_of(caller, Action::read_case);
  {
    auto session = database_.read();
    result.total = count_drafts(session, caller.organisation.id, scope);
    result.items = drafts_of(session, caller.organisation.id, scope, kDraftPageSize,
                             (page - 1) * kDraftPageSize);
  }
  std::string ids;
  for (const auto& d : result.items) ids += (ids.empty() ? "" : ",") + std::to_string(d.patient_id);
  auto e =
      identity::audit_event(&caller, origin, audit::Action::read, "report.drafts", "Patient", ids);
  e.add_detail(std::to_string(result.items.size()) + " shown");
  audit::Change(std::move(e), clock_.now()).record(database_);
  return result;
}

ReportDefaults Reports::defaults(const Caller& caller) {
  ReportDefaults d;
  d.institution = caller.organisation;
  auto session = database_.read();
  d.doctor_name = remembered_doctor(session, caller.account.id);
  return d;
}

PatientAccess Reports::decide(const Caller& caller, std::int64_t report_id, Action action,
                              const Origin& origin) {
  const Named named{"OccurrenceReport", report_id};
  std::optional<Report> report;
  {
    auto session = database_.read();
    report = find_report(session, report_id);
  }
  if (!report || report->state == ReportState::deleted) {
    refuse_unknown(database_, clock_, caller, action, origin, named, 0);
  }
  return authorise(database_, clock_, caller, action, report->patient_id, origin, named);
}

ReportView Reports::view(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  const auto access = decide(caller, report_id, Action::read_case, origin);
  ReportView v;
  {
    auto session = database_.read();
    v.report = report_in(session, report_id);
    const auto p = patient_in(session, v.report.patient_id);
    v.patient_id = p.id;
    v.hersys_id = p.hersys_id;
    v.identity = p.identity;
    v.patient_version = p.version;
    v.reporter = identity::organisation(session, v.report.reporter_id);
    v.confirmed_by = account_name(session, v.report.confirmed_by);
    v.checked_by = account_name(session, v.report.checked_by);
  }
  v.scope = judge_scope(v.report.fields, v.identity);
  v.may_edit = writable(v.report) && access.permits(caller, Action::write_case);
  v.may_confirm = v.report.state == ReportState::submitted && writable(v.report) &&
                  access.permits(caller, Action::confirm_report);
  v.may_check = v.report.state == ReportState::confirmed && v.report.checked_at.empty() &&
                access.permits(caller, Action::check_report);
  audit::Change(access.event(caller, origin, audit::Action::read, "report.read", "OccurrenceReport",
                             report_id),
                clock_.now())
      .record(database_);
  return v;
}

template <typename Step>
void Reports::change(const Caller& caller, std::int64_t report_id, Action action,
                     const Origin& origin, const char* what, audit::Action kind, Step step) {
  const auto access = decide(caller, report_id, action, origin);
  audit::Change change(access.event(caller, origin, kind, what, "OccurrenceReport", report_id),
                       clock_.now());
  auto tx = database_.write();
  auto report = report_in(tx, report_id);
  auto patient = patient_in(tx, report.patient_id);
  step(tx, change, report, patient);
  report.updated_at = change.at();
  audit::Change::saved(update_report(tx, report));
  change.keep(version_of(report, what));
  change.record(tx);
  tx.commit();
}

void Reports::edit(const Caller& caller, std::int64_t report_id, const ReportFields& fields,
                   const std::optional<Identity>& patient_identity, const Origin& origin) {
  change(
      caller, report_id, Action::write_case, origin, "report.edit", audit::Action::update,
      [&](db::Transaction& tx, audit::Change& change, Report& report, Patient& patient) {
        if (!writable(report)) throw read_only_report();
        if (report.state != ReportState::draft &&
            fields.diagnosis_class != report.fields.diagnosis_class) {
          throw Problem::invalid({{"diagnosis_class",
                                   "use_reclass",
                                   {"報告後の診断類型の変更は「類型変更」で行ってください。",
                                    "After submission, change the class with a re-class."}}});
        }
        const auto stage = report.state == ReportState::draft ? Stage::draft : Stage::submission;
        check(validate_report(fields, patient_identity.value_or(patient.identity), stage, today()));
        report.fields = fields;
        if (!patient_identity) return;
        patient.identity = *patient_identity;
        patient.updated_at = change.at();
        audit::Change::saved(update_patient(tx, patient));
        refresh_access(tx, patient);
        change.keep(version_of(patient, "patient.identity"));
      });
}

void Reports::submit(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  change(caller, report_id, Action::write_case, origin, "report.submit", audit::Action::update,
         [&](db::Transaction& tx, audit::Change& change, Report& report, Patient& patient) {
           if (report.state != ReportState::draft || !writable(report)) {
             throw conflict("already_submitted", {"この発生届は報告済みです。",
                                                  "This report has already been submitted."});
           }
           check(validate_report(report.fields, patient.identity, Stage::submission, today()));
           record_submission(tx, change, caller, report, patient);
           if (!report.fields.doctor_name.empty()) {  // issue 19 item 22
             remember_doctor(tx, caller.account.id, report.fields.doctor_name, change.at());
           }
         });
}

void Reports::confirm(const Caller& caller, std::int64_t report_id, const Origin& origin,
                      std::optional<std::int64_t> version) {
  change(caller, report_id, Action::confirm_report, origin, "report.confirm", audit::Action::update,
         [&](db::Transaction&, audit::Change& change, Report& report, Patient&) {
           // Confirmed already (a second click, a colleague): said as such, not as a stale
           // list (issue 14 item 4, REP-5).
           if (report.state == ReportState::confirmed) {
             throw conflict("already_confirmed", {"この発生届はすでに保健所確認済みです。",
                                                  "This report has already been confirmed."});
           }
           if (version && *version != report.version) {
             throw conflict("stale",
                            {"この発生届は一覧を表示した後に変更されました。内容を確認して"
                             "ください。",
                             "This report changed after the list was shown: read it again."});
           }
           if (report.state != ReportState::submitted || !writable(report)) {
             throw conflict("not_submitted", {"確認できるのは報告済みの発生届だけです。",
                                              "Only a submitted report can be confirmed."});
           }
           report.state = ReportState::confirmed;
           report.confirmed_at = change.at();
           report.confirmed_by = caller.account.id;
         });
}

std::vector<ConfirmResult> Reports::confirm_many(const Caller& caller,
                                                 const std::vector<ConfirmItem>& items,
                                                 const Origin& origin) {
  std::vector<ConfirmResult> results;
  for (const auto& item : items) {
    ConfirmResult r{item.id, false, std::nullopt};
    try {
      confirm(caller, item.id, origin, item.version);
      r.confirmed = true;
    } catch (const Problem& problem) {
      r.problem = problem;
    }
    results.push_back(std::move(r));
  }
  return results;
}

void Reports::check_data(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  change(caller, report_id, Action::check_report, origin, "report.check", audit::Action::update,
         [&](db::Transaction&, audit::Change& change, Report& report, Patient&) {
           if (report.state != ReportState::confirmed || !report.checked_at.empty()) {
             throw conflict("not_checkable",
                            {"データチェックできるのは保健所確認済みでチェック前の発生届だけです。",
                             "Only a confirmed report not checked yet can be checked."});
           }
           report.checked_at = change.at();
           report.checked_by = caller.account.id;
         });
}

std::optional<InboxReach> Reports::inbox_reach(const Caller& caller) {
  const auto& o = caller.organisation;
  const auto may = [&](Action action, Relation relation) {
    return identity::permits(o.kind, caller.account.role, action, relation);
  };
  if (o.public_health_institute || (o.kind == identity::OrganisationKind::prefecture &&
                                    may(Action::read_case, Relation::prefecture))) {
    return InboxReach{std::nullopt, o.prefecture_code};
  }
  if (may(Action::confirm_report, Relation::area)) return InboxReach{o.id, ""};
  return std::nullopt;
}

InboxPage Reports::inbox(const Caller& caller, std::optional<InboxFilter> filter, int page,
                         const Origin& origin) {
  const auto reach = inbox_reach(caller);
  if (!reach) {
    identity::require(database_, clock_, caller, origin, Action::confirm_report, {},
                      "OccurrenceReport", "inbox");
  }
  InboxPage result;
  result.filter =
      filter.value_or(caller.organisation.public_health_institute ? InboxFilter::unchecked
                                                                  : InboxFilter::unconfirmed);
  result.page = page;
  result.page_size = kInboxPageSize;
  const auto scope = scope_of(caller, Action::read_case);
  std::vector<InboxLine> lines;
  {
    auto session = database_.read();
    lines = inbox_of(session, *reach, result.filter, scope, kInboxPageSize + 1,
                     (page - 1) * kInboxPageSize);
    if (result.filter == InboxFilter::unconfirmed || result.filter == InboxFilter::unchecked) {
      result.total = count_inbox(session, *reach, result.filter, scope, kCountCap);
    }
  }
  result.more = lines.size() > static_cast<size_t>(kInboxPageSize);
  if (result.more) lines.pop_back();
  // Confirming is its own area's (a prefecture and an institute list the prefecture's).
  const auto may_confirm = reach->health_center_id &&
                           identity::permits(caller, Action::confirm_report,
                                             std::vector{Relation::area, Relation::responsible});
  const auto may_check =
      identity::permits(caller, Action::check_report, std::vector{Relation::prefecture}) &&
      caller.organisation.public_health_institute;
  std::string ids;
  for (auto& line : lines) {
    ids += (ids.empty() ? "" : ",") + std::to_string(line.patient_id);
    InboxItem item;
    item.scope = judge_scope(line.fields, line.identity);
    item.may_confirm = may_confirm && line.state == ReportState::submitted;
    item.may_check = may_check && line.state == ReportState::confirmed && line.checked_at.empty();
    item.line = std::move(line);
    result.items.push_back(std::move(item));
  }
  auto e =
      identity::audit_event(&caller, origin, audit::Action::read, "report.inbox", "Patient", ids);
  e.add_detail(std::string(name_of(result.filter)) + ", " + std::to_string(result.items.size()) +
               " shown");
  audit::Change(std::move(e), clock_.now()).record(database_);
  return result;
}

void Reports::reclass(const Caller& caller, std::int64_t report_id, DiagnosisClass to,
                      const std::string& diagnosis_date, const Origin& origin) {
  change(caller, report_id, Action::write_case, origin, "report.reclass", audit::Action::update,
         [&](db::Transaction& tx, audit::Change& change, Report& report, Patient& patient) {
           if (!writable(report) || report.state == ReportState::draft ||
               !suspected(report.fields.diagnosis_class)) {
             throw conflict("cannot_reclass",
                            {"類型変更できるのは報告済みの疑似症患者（疑い者）の発生届だけです。",
                             "Only a submitted report of a suspected case can be re-classed."});
           }
           if (suspected(to)) {
             throw Problem::invalid({{"diagnosis_class",
                                      "invalid_choice",
                                      {"疑似症以外の診断類型を選んでください。",
                                       "Choose a class other than suspected."}}});
           }
           report.fields.diagnosis_class = to;
           report.fields.diagnosis_date = diagnosis_date;
           check(validate_report(report.fields, patient.identity, Stage::submission, today()));
           report.state = ReportState::submitted;  // the health center confirms the new class
           report.confirmed_at.clear();
           report.confirmed_by.reset();
           report.checked_at.clear();
           report.checked_by.reset();
           record_submission(tx, change, caller, report, patient);
         });
}

void Reports::set_tests(const Caller& caller, std::int64_t report_id,
                        const std::vector<Test>& tests, const Origin& origin) {
  change(caller, report_id, Action::write_case, origin, "report.tests", audit::Action::update,
         [&](db::Transaction&, audit::Change&, Report& report, Patient&) {
           auto errors = validate_tests(tests, today(), "tests");
           if (tests.empty()) {
             errors.push_back({"tests",
                               "required",
                               {"検査を1件以上入力してください。", "Enter at least one test."}});
           }
           check(std::move(errors));
           if (!writable(report)) throw read_only_report();
           report.fields.tests = tests;
         });
}

void Reports::remove(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  change(caller, report_id, Action::write_case, origin, "report.delete", audit::Action::remove,
         [](db::Transaction&, audit::Change&, Report& report, Patient&) {
           report.state = ReportState::deleted;
         });
}

}  // namespace hersys::cases
