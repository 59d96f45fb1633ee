#include "cases/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/store.h"
#include "cases/json.h"
#include "cases/store.h"
#include "identity/store.h"
#include "notify/store.h"
#include "platform/crypto/crypto.h"
#include "platform/errors.h"
#include "platform/time/format.h"

namespace hersys::cases {
namespace {
using identity::Action;
using identity::Caller;
using identity::Organisation;
using identity::OrganisationKind;
using identity::Origin;
using identity::Relation;
using nlohmann::json;

Problem conflict(std::string code, Text title) {
  return Problem(ProblemKind::conflict, std::move(code), std::move(title));
}

Problem changed_meanwhile() {
  return conflict("changed_meanwhile",
                  {"他の人が先に更新しました。画面を開き直してから、もう一度入力してください。",
                   "Someone else changed this first. Reopen it and enter your change again."});
}

Problem no_such_report() {
  return Problem(ProblemKind::not_found, "no_such_report",
                 {"発生届が見つかりません。", "No such occurrence report."});
}

Problem read_only_report() {
  return conflict("read_only", {"この発生届は削除済みか、追加登録により読み取り専用です。",
                                "This report is deleted or read-only after a later report."});
}

std::vector<Relation> decode(std::int64_t mask) {
  std::vector<Relation> relations;
  for (auto r : all_values<Relation>()) {
    if (mask & relation_bit(r)) relations.push_back(r);
  }
  return relations;
}

bool writable(const Report& r) { return r.state != ReportState::deleted && !r.superseded_by; }

const char* class_label(DiagnosisClass c) {
  switch (c) {
    case DiagnosisClass::confirmed: return "確定患者";
    case DiagnosisClass::asymptomatic: return "無症状病原体保有者";
    case DiagnosisClass::suspected: return "疑似症患者";
    case DiagnosisClass::dead_body: return "感染症死亡者の死体";
    case DiagnosisClass::suspected_dead_body: return "感染症死亡疑い者の死体";
  }
  return "";
}

bool suspected(const std::optional<DiagnosisClass>& c) {
  return c == DiagnosisClass::suspected || c == DiagnosisClass::suspected_dead_body;
}

// An e-mail to an organisation's notification address (NTF-1), queued with the change. Only
// the HER-SYS ID identifies the patient: no other personal data leaves by e-mail (REP-4).
void tell(db::Transaction& tx, const Organisation& to, std::string subject, std::string body,
          std::string purpose, Clock::time_point now) {
  if (to.email.empty()) return;
  notify::enqueue(tx,
                  {notify::Channel::email, to.email, std::move(subject),
                   std::move(body) + "\n\nHER-SYS にサインインして内容を確認してください。\n"
                                     "Sign in to HER-SYS to see the case.\n",
                   std::move(purpose)},
                  now);
}

// The prefecture a city health center still tells (REP-4, Q&A 4, 8).
std::optional<Organisation> prefecture_of(db::Session& session, const Organisation& hc) {
  if (!hc.city_health_center) return std::nullopt;
  identity::OrganisationFilter filter;
  filter.kind = OrganisationKind::prefecture;
  filter.prefecture_code = hc.prefecture_code;
  auto found = identity::list_organisations(session, filter, 1);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Organisation organisation(db::Session& session, std::int64_t id) {
  auto found = identity::find_organisation(session, id);
  if (!found) throw std::runtime_error("organisation " + std::to_string(id) + " vanished");
  return *found;
}

json report_summary(const Report& r) {
  json submissions = json::array();
  for (const auto& s : r.submissions) {
    submissions.push_back(
        {{"diagnosis_class", name_of(s.diagnosis_class)}, {"submitted_at", s.submitted_at}});
  }
  return {{"id", r.id},
          {"state", name_of(r.state)},
          {"diagnosis_class",
           r.fields.diagnosis_class ? json(name_of(*r.fields.diagnosis_class)) : json(nullptr)},
          {"diagnosis_date", r.fields.diagnosis_date},
          {"submissions", submissions},
          {"confirmed_at", r.confirmed_at},
          {"superseded_by", r.superseded_by ? json(*r.superseded_by) : json(nullptr)},
          {"read_only", !writable(r)},
          {"reporter_id", r.reporter_id},
          {"area_health_center_id", r.area_health_center_id},
          {"version", r.version},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

}  // namespace

Day Cases::today() const { return tokyo_date(clock_.now()); }
std::string Cases::now_text() const { return iso8601_utc(clock_.now()); }

Cases::Access Cases::authorise(const Caller& caller, Action action, std::int64_t patient_id,
                               const Origin& origin) {
  auto session = database_.read();
  if (!session.query_one("SELECT 1 FROM patients WHERE id = ?", {patient_id})) {
    throw Problem(ProblemKind::not_found, "no_such_patient",
                  {"患者が見つかりません。", "No such patient."});
  }
  auto relations = decode(relations_between(session, caller.organisation.id, patient_id));
  std::vector<std::int64_t> grants;
  for (const auto& g : caller.support_grants) grants.push_back(g.organisation_id);
  if (reached_by_any(session, grants, patient_id)) relations.push_back(Relation::support_grant);
  const auto through = identity::require(database_, clock_, caller, origin, action, relations,
                                         "Patient", std::to_string(patient_id));
  return {through, std::move(relations)};
}

AccessScope Cases::scope_of(const Caller& caller, Action action) {
  AccessScope scope{caller.organisation.id, 0, {}};
  for (auto r : identity::scope(caller, action)) {
    if (r == Relation::support_grant) {
      for (const auto& g : caller.support_grants)
        scope.grant_organisation_ids.push_back(g.organisation_id);
    } else {
      scope.relation_mask |= relation_bit(r);
    }
  }
  return scope;
}

Report Cases::load_report(std::int64_t report_id) {
  auto session = database_.read();
  auto report = find_report(session, report_id);
  if (!report || report->state == ReportState::deleted) throw no_such_report();
  return *report;
}

namespace {

// What every change shares: the audit event, the version rows, the conflict checks.
struct Change {
  const Caller& caller;
  const Origin& origin;
  Clock::time_point now;
  std::string at;

  // The versions kept so far, written with the audit record: a change's last writes.
  mutable std::vector<Version> kept;

  void audit(db::Transaction& tx, audit::Action action, std::string type, std::string resource_type,
             std::int64_t resource_id, std::int64_t patient_id, Relation through,
             std::string detail = {}) const {
    add_versions(tx, patient_id, kept);
    kept.clear();
    auto e = identity::audit_event(&caller, origin, action, std::move(type),
                                   std::move(resource_type), std::to_string(resource_id));
    e.patient_id = std::to_string(patient_id);
    if (through == Relation::support_grant)
      detail += (detail.empty() ? "" : "; ") + std::string("support grant");
    if (!detail.empty()) e.detail += (e.detail.empty() ? "" : "; ") + detail;
    audit::append(tx, e, now);
  }

  void keep(const Patient& p, std::string what) const {
    kept.push_back({"patient", p.id, p.version, std::move(what), patient_document(p),
                    caller.account.id, caller.organisation.id, at});
  }
  void keep(const Report& r, std::string what) const {
    json data = r.fields;
    data["state"] = name_of(r.state);
    kept.push_back({"report", r.id, r.version, std::move(what), data.dump(), caller.account.id,
                    caller.organisation.id, at});
  }

  static void save(db::Transaction& tx, Patient& p) {
    if (!update_patient(tx, p)) throw changed_meanwhile();
  }
  static void save(db::Transaction& tx, Report& r) {
    if (!update_report(tx, r)) throw changed_meanwhile();
  }
};

Patient patient_in(db::Session& session, std::int64_t id) {
  auto p = find_patient(session, id);
  if (!p)
    throw Problem(ProblemKind::not_found, "no_such_patient",
                  {"患者が見つかりません。", "No such patient."});
  return *p;
}

Report report_in(db::Session& session, std::int64_t id) {
  auto r = find_report(session, id);
  if (!r || r->state == ReportState::deleted) throw no_such_report();
  return *r;
}

// 報告 (REP-4): the first submission of each diagnosis class is recorded and told to the
// health center of the filing organisation's area.
void record_submission(db::Transaction& tx, const Change& change, Report& report, Patient& patient,
                       const Organisation& reporter, const Organisation& area) {
  if (report.state == ReportState::draft) report.state = ReportState::submitted;
  const auto cls = *report.fields.diagnosis_class;
  if (!add_submission(tx, report.id, cls, change.at, change.caller.account.id)) return;
  report.submissions.push_back({cls, change.at});
  const auto today = iso_date(tokyo_date(change.now));
  if (patient.reported_on != today) {
    patient.reported_on = today;
    patient.updated_at = change.at;
    Change::save(tx, patient);
  }
  tell(tx, area,
       fmt::format("【HER-SYS】発生届が提出されました（HER-SYS ID {}）", patient.hersys_id),
       fmt::format("管内の医療機関から発生届が提出されました。\nA new occurrence report was "
                   "filed in your area.\n\nHER-SYS ID: {}\n診断類型 / class: {}\n報告機関 / "
                   "filed by: {}",
                   patient.hersys_id, class_label(cls), reporter.name),
       "case.report_submitted", change.now);
}

}  // namespace

Filed Cases::file(const Caller& caller, const Filing& filing, const Origin& origin) {
  const auto day = today();
  std::optional<std::int64_t> patient_id = filing.patient_id;
  std::optional<Report> earlier;
  if (filing.supersedes) {
    earlier = load_report(*filing.supersedes);
    if (!writable(*earlier) || earlier->state == ReportState::draft) {
      throw conflict("cannot_supersede",
                     {"追加登録できるのは報告済みで読み取り専用でない発生届だけです。",
                      "Only a submitted report that is not read-only can be followed by a new "
                      "one."});
    }
    if (patient_id && *patient_id != earlier->patient_id) {
      throw Problem::invalid({{"patient_id",
                               "mismatch",
                               {"追加登録は同じ患者の発生届にしてください。",
                                "The new report must be for the same patient."}}});
    }
    patient_id = earlier->patient_id;
  }

  // The area's health center: the filing organisation's own, or its parent's (ACL-2).
  Organisation area = caller.organisation;
  if (caller.organisation.kind != OrganisationKind::health_center) {
    const auto& parent = caller.parent;
    if (!parent || parent->kind != OrganisationKind::health_center) {
      identity::require(database_, clock_, caller, origin, Action::write_case, {}, "Patient", "");
    }
    area = *parent;
  }

  Relation through;
  std::optional<Patient> existing;
  if (patient_id) {
    through = authorise(caller, Action::write_case, *patient_id, origin).through;
    auto session = database_.read();
    existing = patient_in(session, *patient_id);
  } else {
    std::vector<Relation> relations{Relation::own};
    if (area.id == caller.organisation.id) relations.push_back(Relation::area);
    through = identity::require(database_, clock_, caller, origin, Action::write_case, relations,
                                "Patient", "");
    if (!filing.patient) {
      throw Problem::invalid(
          {{"patient", "required", {"患者の情報を入力してください。", "Enter the patient."}}});
    }
  }
  const auto identity = filing.patient ? *filing.patient : existing->identity;
  auto errors = validate_report(filing.fields, identity,
                                filing.submit ? Stage::submission : Stage::draft, day);
  if (!errors.empty()) throw Problem::invalid(std::move(errors));

  if (!existing && !filing.confirm_new_patient) {
    auto session = database_.read();
    auto alikes =
        look_alikes(session, scope_of(caller, Action::read_case),
                    kana_key(identity.kana).value_or(""), identity.birth_date, identity.phone);
    if (!alikes.empty()) {
      std::string ids;
      for (const auto& a : alikes) ids += (ids.empty() ? "" : ",") + std::to_string(a.id);
      auto e = identity::audit_event(&caller, origin, audit::Action::read, "case.look-alikes",
                                     "Patient", ids);
      audit::append(database_, e, clock_.now());
      return {std::move(alikes), 0, 0};
    }
  }

  const Change change{caller, origin, clock_.now(), now_text()};
  auto tx = database_.write();
  Patient patient;
  if (existing) {
    patient = patient_in(tx, existing->id);
    if (filing.patient) {
      patient.identity = *filing.patient;
      patient.updated_at = change.at;
      Change::save(tx, patient);
      refresh_access(tx, patient);
      change.keep(patient, "patient.identity");
    }
  } else {
    patient.identity = identity;
    patient.created_by = caller.organisation.id;
    patient.area_health_center_id = area.id;
    patient.responsible_health_center_id = area.id;
    patient.reported_on = iso_date(day);
    patient.created_at = patient.updated_at = change.at;
    insert_patient(tx, patient);
    change.keep(patient, "patient.create");
  }

  Report report;
  report.patient_id = patient.id;
  report.reporter_id = caller.organisation.id;
  report.area_health_center_id = area.id;
  report.fields = filing.fields;
  report.state = filing.submit ? ReportState::submitted : ReportState::draft;
  report.created_at = report.updated_at = change.at;
  insert_report(tx, report);
  if (filing.submit) record_submission(tx, change, report, patient, caller.organisation, area);
  change.keep(report, filing.submit ? "report.submit" : "report.create");
  if (earlier) {
    auto before = report_in(tx, earlier->id);
    before.superseded_by = report.id;
    before.updated_at = change.at;
    Change::save(tx, before);
    change.keep(before, "report.superseded");
  }
  change.audit(tx, audit::Action::create, filing.submit ? "report.submit" : "report.create",
               "OccurrenceReport", report.id, patient.id, through);
  tx.commit();
  return {{}, report.id, patient.id};
}

json Cases::report(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  const auto loaded = load_report(report_id);
  const auto access = authorise(caller, Action::read_case, loaded.patient_id, origin);
  const auto through = access.through;
  const auto& relations = access.relations;
  auto session = database_.read();
  const auto r = report_in(session, report_id);
  const auto p = patient_in(session, r.patient_id);
  json j = report_summary(r);
  j["fields"] = r.fields;
  j["patient"] = {
      {"id", p.id}, {"hersys_id", p.hersys_id}, {"identity", p.identity}, {"version", p.version}};
  j["scope"] = judge_scope(r.fields, p.identity);
  j["reporter_name"] = organisation(session, r.reporter_id).name;
  j["may"] = {{"edit", writable(r) && identity::permits(caller, Action::write_case, relations)},
              {"confirm", r.state == ReportState::submitted &&
                              identity::permits(caller, Action::confirm_report, relations)}};
  auto tx = database_.write();
  const Change change{caller, origin, clock_.now(), now_text()};
  change.audit(tx, audit::Action::read, "report.read", "OccurrenceReport", r.id, p.id, through);
  tx.commit();
  return j;
}

template <typename Step>
void Cases::change_report(const Caller& caller, std::int64_t report_id, Action action,
                          const Origin& origin, const char* what, audit::Action kind, Step step) {
  const auto loaded = load_report(report_id);
  const auto through = authorise(caller, action, loaded.patient_id, origin).through;
  const Change change{caller, origin, clock_.now(), now_text()};
  auto tx = database_.write();
  auto report = report_in(tx, report_id);
  auto patient = patient_in(tx, report.patient_id);
  step(tx, change, report, patient);
  report.updated_at = change.at;
  Change::save(tx, report);
  change.keep(report, what);
  change.audit(tx, kind, what, "OccurrenceReport", report.id, patient.id, through);
  tx.commit();
}

void Cases::edit_report(const Caller& caller, std::int64_t report_id, const ReportFields& fields,
                        const std::optional<Identity>& patient_identity, const Origin& origin) {
  change_report(
      caller, report_id, Action::write_case, origin, "report.edit", audit::Action::update,
      [&](db::Transaction& tx, const Change& change, Report& report, Patient& patient) {
        if (!writable(report)) throw read_only_report();
        if (report.state != ReportState::draft &&
            fields.diagnosis_class != report.fields.diagnosis_class) {
          throw Problem::invalid({{"diagnosis_class",
                                   "use_reclass",
                                   {"報告後の診断類型の変更は「類型変更」で行ってください。",
                                    "After submission, change the class with a re-class."}}});
        }
        const auto identity = patient_identity ? *patient_identity : patient.identity;
        auto errors = validate_report(
            fields, identity, report.state == ReportState::draft ? Stage::draft : Stage::submission,
            today());
        if (!errors.empty()) throw Problem::invalid(std::move(errors));
        report.fields = fields;
        if (patient_identity) {
          patient.identity = *patient_identity;
          patient.updated_at = change.at;
          Change::save(tx, patient);
          refresh_access(tx, patient);
          change.keep(patient, "patient.identity");
        }
      });
}

void Cases::submit(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  change_report(
      caller, report_id, Action::write_case, origin, "report.submit", audit::Action::update,
      [&](db::Transaction& tx, const Change& change, Report& report, Patient& patient) {
        if (report.state != ReportState::draft || !writable(report)) {
          throw conflict("already_submitted",
                         {"この発生届は報告済みです。", "This report has already been submitted."});
        }
        auto errors = validate_report(report.fields, patient.identity, Stage::submission, today());
        if (!errors.empty()) throw Problem::invalid(std::move(errors));
        record_submission(tx, change, report, patient, organisation(tx, report.reporter_id),
                          organisation(tx, report.area_health_center_id));
      });
}

void Cases::confirm(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  change_report(caller, report_id, Action::confirm_report, origin, "report.confirm",
                audit::Action::update,
                [&](db::Transaction&, const Change& change, Report& report, Patient&) {
                  if (report.state != ReportState::submitted || !writable(report)) {
                    throw conflict("not_submitted", {"確認できるのは報告済みの発生届だけです。",
                                                     "Only a submitted report can be confirmed."});
                  }
                  report.state = ReportState::confirmed;
                  report.confirmed_at = change.at;
                });
}

void Cases::reclass(const Caller& caller, std::int64_t report_id, DiagnosisClass to,
                    const std::string& diagnosis_date, const Origin& origin) {
  change_report(
      caller, report_id, Action::write_case, origin, "report.reclass", audit::Action::update,
      [&](db::Transaction& tx, const Change& change, Report& report, Patient& patient) {
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
        auto errors = validate_report(report.fields, patient.identity, Stage::submission, today());
        if (!errors.empty()) throw Problem::invalid(std::move(errors));
        report.state = ReportState::submitted;  // the health center confirms the new class again
        report.confirmed_at.clear();
        record_submission(tx, change, report, patient, organisation(tx, report.reporter_id),
                          organisation(tx, report.area_health_center_id));
      });
}

void Cases::set_tests(const Caller& caller, std::int64_t report_id, const std::vector<Test>& tests,
                      const Origin& origin) {
  auto errors = validate_tests(tests, today(), "tests");
  if (tests.empty()) {
    errors.push_back(
        {"tests", "required", {"検査を1件以上入力してください。", "Enter at least one test."}});
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  change_report(caller, report_id, Action::write_case, origin, "report.tests",
                audit::Action::update,
                [&](db::Transaction&, const Change&, Report& report, Patient&) {
                  if (!writable(report)) throw read_only_report();
                  report.fields.tests = tests;
                });
}

void Cases::remove(const Caller& caller, std::int64_t report_id, const Origin& origin) {
  change_report(caller, report_id, Action::write_case, origin, "report.delete",
                audit::Action::remove,
                [](db::Transaction&, const Change&, Report& report, Patient&) {
                  report.state = ReportState::deleted;
                });
}

json Cases::patient(const Caller& caller, std::int64_t patient_id, const Origin& origin) {
  const auto access = authorise(caller, Action::read_case, patient_id, origin);
  const auto through = access.through;
  const auto& relations = access.relations;
  auto session = database_.read();
  const auto p = patient_in(session, patient_id);
  const auto reports = reports_of(session, patient_id);
  json tests = json::array();
  json report_list = json::array();
  for (const auto& r : reports) {
    report_list.push_back(report_summary(r));
    for (const auto& t : r.fields.tests) {
      json jt = t;
      jt["report_id"] = r.id;
      tests.push_back(jt);
    }
  }
  json j = {
      {"id", p.id},
      {"hersys_id", p.hersys_id},
      {"version", p.version},
      {"identity", p.identity},
      {"tests", tests},
      {"residences", p.residences},
      {"medical", p.medical},
      {"record", p.record},
      {"reports", report_list},
      {"created_by", p.created_by},
      {"area_health_center_id", p.area_health_center_id},
      {"responsible_health_center_id",
       p.responsible_health_center_id ? json(*p.responsible_health_center_id) : json(nullptr)},
      {"related_health_center_ids", p.related_health_center_ids},
      {"tracing_number", p.tracing_number},
      {"reported_on", p.reported_on},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at},
      {"may",
       {{"write", identity::permits(caller, Action::write_case, relations)},
        {"confirm", identity::permits(caller, Action::confirm_report, relations)},
        {"set_health_centers", identity::permits(caller, Action::set_health_centers, relations)}}}};
  auto tx = database_.write();
  const Change change{caller, origin, clock_.now(), now_text()};
  change.audit(tx, audit::Action::read, "case.read", "Patient", p.id, p.id, through);
  tx.commit();
  return j;
}

void Cases::edit_patient(const Caller& caller, std::int64_t patient_id, Tab tab,
                         const Patient& input, std::optional<std::int64_t> version,
                         const Origin& origin) {
  const auto through = authorise(caller, Action::write_case, patient_id, origin).through;
  const Change change{caller, origin, clock_.now(), now_text()};
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  if (version && *version != patient.version) throw changed_meanwhile();
  FieldErrors errors;
  const char* what = "";
  switch (tab) {
    case Tab::identity:
      errors = validate_identity(input.identity, today());
      patient.identity = input.identity;
      what = "patient.identity";
      break;
    case Tab::residences:
      errors = validate_residences(input.residences, today());
      patient.residences = input.residences;
      what = "patient.residences";
      break;
    case Tab::medical:
      errors = validate_medical(input.medical, today());
      patient.medical = input.medical;
      what = "patient.medical";
      break;
    case Tab::record:
      errors = validate_record(input.record, patient.identity, today());
      patient.record = input.record;
      what = "patient.record";
      break;
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  patient.updated_at = change.at;
  Change::save(tx, patient);
  if (tab == Tab::identity) refresh_access(tx, patient);
  change.keep(patient, what);
  change.audit(tx, audit::Action::update, what, "Patient", patient.id, patient.id, through);
  tx.commit();
}

void Cases::set_health_centers(const Caller& caller, std::int64_t patient_id,
                               std::optional<std::int64_t> responsible,
                               const std::vector<std::int64_t>& related, const Origin& origin) {
  const auto through = authorise(caller, Action::set_health_centers, patient_id, origin).through;
  std::map<std::int64_t, Organisation> centers;
  {
    FieldErrors errors;
    auto session = database_.read();
    auto check = [&](std::int64_t id, std::string field) {
      auto o = identity::find_organisation(session, id);
      if (!o || o->kind != OrganisationKind::health_center) {
        errors.push_back({std::move(field),
                          "not_health_center",
                          {"保健所を選んでください。", "Choose a health center."}});
      } else {
        centers.emplace(id, *o);
      }
    };
    if (responsible) check(*responsible, "responsible_health_center_id");
    for (size_t i = 0; i < related.size(); ++i) {
      check(related[i], "related_health_center_ids." + std::to_string(i));
      if (related[i] == responsible || std::count(related.begin(), related.end(), related[i]) > 1) {
        errors.push_back({"related_health_center_ids." + std::to_string(i),
                          "duplicate",
                          {"同じ保健所が重複しています。", "This health center is listed twice."}});
      }
    }
    if (!errors.empty()) throw Problem::invalid(std::move(errors));
  }
  const Change change{caller, origin, clock_.now(), now_text()};
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  std::set<std::int64_t> before(patient.related_health_center_ids.begin(),
                                patient.related_health_center_ids.end());
  if (patient.responsible_health_center_id) before.insert(*patient.responsible_health_center_id);
  patient.responsible_health_center_id = responsible;
  patient.related_health_center_ids = related;
  std::sort(patient.related_health_center_ids.begin(), patient.related_health_center_ids.end());
  patient.updated_at = change.at;
  Change::save(tx, patient);
  cases::set_health_centers(tx, patient);
  refresh_access(tx, patient);
  change.keep(patient, "patient.health_centers");
  // NTF-1 / REP-4: each newly set health center is told; a city one's prefecture too.
  for (const auto& [id, hc] : centers) {
    if (before.count(id)) continue;
    const bool is_responsible = responsible == id;
    const auto role = is_responsible ? "担当保健所 / responsible" : "関係保健所 / related";
    const auto subject =
        fmt::format("【HER-SYS】{}に設定されました（HER-SYS ID {}）",
                    is_responsible ? "担当保健所" : "関係保健所", patient.hersys_id);
    const auto body = fmt::format(
        "{} が {} を {} に設定しました。\n{} set {} as the {} health center.\n\nHER-SYS ID: {}",
        caller.organisation.name, hc.name, role, caller.organisation.name, hc.name,
        is_responsible ? "responsible" : "related", patient.hersys_id);
    tell(tx, hc, subject, body, "case.health_center_set", change.now);
    if (auto prefecture = prefecture_of(tx, hc)) {
      tell(tx, *prefecture, subject, body, "case.health_center_set.prefecture", change.now);
    }
  }
  change.audit(tx, audit::Action::update, "patient.health_centers", "Patient", patient.id,
               patient.id, through);
  tx.commit();
}

std::string Cases::tracing_number(const Caller& caller, std::int64_t patient_id,
                                  const Origin& origin) {
  const auto through = authorise(caller, Action::write_case, patient_id, origin).through;
  const Change change{caller, origin, clock_.now(), now_text()};
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  if (!patient.tracing_number.empty()) return patient.tracing_number;
  std::string number;
  do number = crypto::random_digits(10);
  while (tx.query_one("SELECT 1 FROM patients WHERE tracing_number = ?", {number}));
  set_tracing_number(tx, patient_id, number);
  change.audit(tx, audit::Action::update, "patient.tracing_number", "Patient", patient.id,
               patient.id, through);
  tx.commit();
  return number;
}

std::vector<Version> Cases::history(const Caller& caller, std::int64_t patient_id,
                                    const Origin& origin) {
  const auto through = authorise(caller, Action::read_case, patient_id, origin).through;
  std::vector<Version> versions;
  {
    auto session = database_.read();
    versions = versions_of(session, patient_id);
  }
  auto tx = database_.write();
  const Change change{caller, origin, clock_.now(), now_text()};
  change.audit(tx, audit::Action::read, "case.history", "Patient", patient_id, patient_id, through);
  tx.commit();
  return versions;
}

SearchPage Cases::search(const Caller& caller, SearchFilter filter, const Origin& origin) {
  const auto scope = scope_of(caller, Action::read_case);
  SearchPage page;
  {
    auto session = database_.read();
    page.patients = cases::search(session, filter, scope, past_data_cutoff(session));
  }
  if (page.patients.size() > static_cast<size_t>(filter.limit)) {
    page.has_more = true;
    page.patients.resize(filter.limit);
  }
  // The log names which records were shown, never what was searched for.
  std::string ids;
  for (const auto& p : page.patients) ids += (ids.empty() ? "" : ",") + std::to_string(p.id);
  auto e =
      identity::audit_event(&caller, origin, audit::Action::read, "case.search", "Patient", ids);
  e.detail += (e.detail.empty() ? "" : "; ") + std::to_string(page.patients.size()) + " shown";
  audit::append(database_, e, clock_.now());
  return page;
}

}  // namespace hersys::cases
