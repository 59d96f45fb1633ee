#include "cases/patients.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/log.h"
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

// The health centers a request names, each checked to be one; errors name the field.
// `kept`: the responsible health center the case keeps when the request does not name one.
// A retired health center is refused unless the case already has it (issue 14 item 2: it
// would be told of a case nobody there reads).
std::map<std::int64_t, Organisation> health_centers(db::Session& session,
                                                    std::optional<std::int64_t> responsible,
                                                    const std::vector<std::int64_t>& related,
                                                    std::optional<std::int64_t> kept,
                                                    const Patient& current) {
  std::map<std::int64_t, Organisation> centers;
  FieldErrors errors;
  // A retired health center stays only in the role it already has (never promoted, issue 14).
  const auto check = [&](std::int64_t id, std::string field, bool already) {
    auto o = identity::find_organisation(session, id);
    if (!o || o->kind != identity::OrganisationKind::health_center) {
      errors.push_back({std::move(field),
                        "not_health_center",
                        {"保健所を選んでください。", "Choose a health center."}});
    } else if (o->retired_at && !already) {
      errors.push_back({std::move(field),
                        "retired",
                        {"この保健所は利用を終了しています。", "This health center is retired."}});
    } else {
      centers.emplace(id, *o);
    }
  };
  const auto& was_related = current.related_health_center_ids;
  if (responsible) {
    check(*responsible, "responsible_health_center_id",
          responsible == current.responsible_health_center_id);
  }
  for (size_t i = 0; i < related.size(); ++i) {
    const auto field = "related_health_center_ids." + std::to_string(i);
    check(related[i], field,
          std::find(was_related.begin(), was_related.end(), related[i]) != was_related.end());
    if (related[i] == responsible || related[i] == kept ||
        std::count(related.begin(), related.end(), related[i]) > 1) {
      errors.push_back({field,
                        "duplicate",
                        {"同じ保健所が重複しています。", "This health center is listed twice."}});
    }
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  return centers;
}

// The tab of `input` put into `patient`, with the errors of its rules and the change's name.
std::pair<FieldErrors, const char*> replace_tab(Patient& patient, Tab tab, const Patient& input,
                                                Day today) {
  switch (tab) {
    case Tab::identity:
      patient.identity = input.identity;
      return {validate_identity(input.identity, today), "patient.identity"};
    case Tab::residences:
      patient.residences = input.residences;
      return {validate_residences(input.residences, today), "patient.residences"};
    case Tab::medical:
      patient.medical = input.medical;
      return {validate_medical(input.medical, today), "patient.medical"};
  }
  return {{}, ""};
}

}  // namespace

CaseView Patients::view(const Caller& caller, std::int64_t patient_id, const Origin& origin) {
  const auto access = authorise(database_, clock_, caller, Action::read_case, patient_id, origin);
  CaseView v;
  {
    auto session = database_.read();
    v.patient = patient_in(session, patient_id);
    v.reports = reports_of(session, patient_id);
    const auto name = [&](std::int64_t id) { return identity::organisation(session, id).name; };
    if (v.patient.responsible_health_center_id) {
      v.responsible_health_center_name = name(*v.patient.responsible_health_center_id);
    }
    for (auto id : v.patient.related_health_center_ids) {
      v.related_health_centers.emplace_back(id, name(id));
    }
    v.reporting_institution_id = reporting_institution(session, patient_id);
    v.reporting_institution_name = name(v.reporting_institution_id);
  }
  v.may_write = access.permits(caller, Action::write_case);
  v.may_confirm = access.permits(caller, Action::confirm_report);
  v.may_set_health_centers = access.permits(caller, Action::set_health_centers);
  v.may_transfer = access.permits(caller, Action::transfer_case);
  audit::Change(
      access.event(caller, origin, audit::Action::read, "case.read", "Patient", patient_id),
      clock_.now())
      .record(database_);
  return v;
}

void Patients::edit(const Caller& caller, std::int64_t patient_id, Tab tab, const Patient& input,
                    std::optional<std::int64_t> version, const Origin& origin) {
  const auto access = authorise(database_, clock_, caller, Action::write_case, patient_id, origin);
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  if (version && *version != patient.version) throw Problem::changed_meanwhile();
  const auto [errors, what] = replace_tab(patient, tab, input, today());
  if (!errors.empty()) throw Problem::invalid(errors);
  audit::Change change(
      access.event(caller, origin, audit::Action::update, what, "Patient", patient_id),
      clock_.now());
  patient.updated_at = change.at();
  audit::Change::saved(update_patient(tx, patient));
  if (tab == Tab::identity) refresh_access(tx, patient);
  change.keep(version_of(patient, what));
  change.record(tx);
  tx.commit();
}

void Patients::set_health_centers(const Caller& caller, std::int64_t patient_id,
                                  const HealthCenterChange& request, const Origin& origin) {
  const auto access =
      authorise(database_, clock_, caller, Action::set_health_centers, patient_id, origin);
  if (!request.responsible && !request.related) return;  // `{}`: nothing to change
  std::optional<std::int64_t> responsible;
  std::vector<std::int64_t> related;
  std::map<std::int64_t, Organisation> centers;
  {
    auto session = database_.read();
    const auto current = patient_in(session, patient_id);
    responsible = request.responsible ? *request.responsible : current.responsible_health_center_id;
    related = request.related ? *request.related : current.related_health_center_ids;
    if (current.responsible_health_center_id && !responsible) {
      throw Problem::invalid(
          {{"responsible_health_center_id",
            "responsible_required",
            {"担当保健所は外せません。担当を替えるときは移管先の保健所を指定してください。",
             "A case keeps its responsible health center: name the health center that takes "
             "it over instead."}}});
    }
    // The ones named in the request are checked (and told when new); kept ones stand.
    centers = health_centers(session, request.responsible ? responsible : std::nullopt,
                             request.related ? related : std::vector<std::int64_t>{},
                             request.responsible ? std::nullopt : responsible, current);
    if (!request.related && responsible &&
        std::count(related.begin(), related.end(), *responsible) > 0) {
      throw Problem::invalid(
          {{"responsible_health_center_id",
            "duplicate",
            {"関係保健所と同じ保健所です。", "This is a related health center."}}});
    }
  }
  audit::Change change(access.event(caller, origin, audit::Action::update, "patient.health_centers",
                                    "Patient", patient_id),
                       clock_.now());
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  std::set<std::int64_t> before(patient.related_health_center_ids.begin(),
                                patient.related_health_center_ids.end());
  if (patient.responsible_health_center_id) before.insert(*patient.responsible_health_center_id);
  patient.responsible_health_center_id = responsible;
  patient.related_health_center_ids = related;
  std::sort(patient.related_health_center_ids.begin(), patient.related_health_center_ids.end());
  patient.updated_at = change.at();
  audit::Change::saved(update_patient(tx, patient));
  cases::set_health_centers(tx, patient);
  refresh_access(tx, patient);
  change.keep(version_of(patient, "patient.health_centers"));
  for (const auto& [id, hc] : centers) {
    if (!before.count(id)) {
      tell_health_center_set(tx, patient, caller.organisation, hc, responsible == id, change.now());
    }
  }
  change.record(tx);
  tx.commit();
}

std::string Patients::tracing_number(const Caller& caller, std::int64_t patient_id,
                                     const Origin& origin) {
  const auto access = authorise(database_, clock_, caller, Action::write_case, patient_id, origin);
  auto tx = database_.write();
  const auto patient = patient_in(tx, patient_id);
  if (!patient.tracing_number.empty()) return patient.tracing_number;
  const auto number = unused_tracing_number(tx);
  // Issued by a concurrent request meanwhile: that one is the patient's number.
  if (!set_tracing_number(tx, patient_id, number)) return patient_in(tx, patient_id).tracing_number;
  audit::Change(access.event(caller, origin, audit::Action::update, "patient.tracing_number",
                             "Patient", patient_id),
                clock_.now())
      .record(tx);
  tx.commit();
  return number;
}

HistoryPage Patients::history(const Caller& caller, std::int64_t patient_id, const Origin& origin,
                              std::int64_t offset, int limit) {
  const auto access = authorise(database_, clock_, caller, Action::read_case, patient_id, origin);
  HistoryPage page{{}, 0, offset, limit};
  {
    auto session = database_.read();
    page.versions = audit::history_of(session, patient_id, offset, limit, page.total);
  }
  audit::Change(
      access.event(caller, origin, audit::Action::read, "case.history", "Patient", patient_id),
      clock_.now())
      .record(database_);
  return page;
}

namespace {

// The age range as the birth-date range of those ages on `today` (Asia/Tokyo).
SearchFilter with_birth_dates(SearchFilter f, Day today) {
  if (f.age_from) f.born_on_or_before = iso_date(born_on_or_before_for_age(*f.age_from, today));
  if (f.age_to) f.born_after = iso_date(born_on_or_before_for_age(*f.age_to + 1, today));
  return f;
}

}  // namespace

SearchPage Patients::export_all(const Caller& caller, const SearchFilter& filter,
                                const Origin& origin) {
  const auto scope = scope_of(caller, Action::export_cases);
  if (scope.empty()) {
    identity::refuse(database_, clock_, caller, origin, Action::export_cases, "Patient", "");
  }
  auto all = with_birth_dates(filter, today());
  all.offset = 0;
  all.limit = kExportRows;
  SearchPage page{{}, false, 0, kExportRows};
  {
    auto session = database_.read();
    const auto cutoff = past_data_cutoff(session);
    const auto too_many = [&] {
      return Problem(ProblemKind::invalid, "too_many_rows",
                     {fmt::format("出力できるのは{}件までです（該当が{}件を超えます）。"
                                  "条件を絞ってください。",
                                  kExportRows, kExportRows),
                      fmt::format("At most {} cases can be exported (more than {} match): "
                                  "narrow the search.",
                                  kExportRows, kExportRows)})
          .with("limit", kExportRows)
          .with("total", kExportRows + 1);
    };
    // Counted first: a result over the limit is refused before any of it is read; one that grew
    // over it meanwhile (the page reads up to limit + 1) is refused too, never cut.
    page.total = count_matches(session, all, scope, cutoff, kExportRows);
    if (page.total > kExportRows) throw too_many();
    page.patients = cases::search(session, all, scope, cutoff).patients;
    if (page.patients.size() > static_cast<size_t>(kExportRows)) throw too_many();
  }
  auto e = identity::audit_event(&caller, origin, audit::Action::execute, "case.export", "Patient",
                                 id_list(page.patients));
  e.add_detail(std::to_string(page.patients.size()) + " exported");
  audit::Change(std::move(e), clock_.now()).record(database_);
  return page;
}

SearchPage Patients::search(const Caller& caller, const SearchFilter& filter,
                            const Origin& origin) {
  SearchPage page{{}, false, filter.offset, filter.limit};
  {
    auto session = database_.read();
    auto found = cases::search(session, with_birth_dates(filter, today()),
                               scope_of(caller, Action::read_case), past_data_cutoff(session));
    page.patients = std::move(found.patients);
    page.total = found.total;
    page.total_capped = found.total_capped;
  }
  if (page.patients.size() > static_cast<size_t>(filter.limit)) {
    page.has_more = true;
    page.patients.resize(filter.limit);
  }
  auto e = identity::audit_event(&caller, origin, audit::Action::read, "case.search", "Patient",
                                 id_list(page.patients));
  e.add_detail(std::to_string(page.patients.size()) + " shown");
  audit::Change(std::move(e), clock_.now()).record(database_);
  return page;
}

}  // namespace hersys::cases
