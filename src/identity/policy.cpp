#include "identity/policy.h"

#include <algorithm>

namespace hersys::identity {
namespace {

using K = OrganisationKind;
using A = Action;
using R = Relation;

// Which relations let each kind of organisation do each action. Anything absent is denied.
struct Grant {
  K kind;
  A action;
  std::initializer_list<R> relations;
};

// clang-format off
const Grant kTable[] = {
    // The directory of organisations is not personal data: everyone may read it.
    {K::ministry,            A::read_organisation, {R::national}},
    {K::prefecture,          A::read_organisation, {R::national}},
    {K::health_center,       A::read_organisation, {R::national}},
    {K::medical_institution, A::read_organisation, {R::national}},
    {K::follow_up,           A::read_organisation, {R::national}},
    {K::lodging,             A::read_organisation, {R::national}},

    // Issuing (ORG-2): under the caller's own organisation; kinds are checked by may_create.
    // Through `child`: editing and retiring what it registered (issue 14 item 1).
    {K::prefecture,          A::create_organisation, {R::own, R::child}},
    {K::health_center,       A::create_organisation, {R::own, R::child}},

    // Every organisation administers its own accounts; issuers also those of their children.
    {K::ministry,            A::manage_accounts, {R::own}},
    {K::prefecture,          A::manage_accounts, {R::own, R::child}},
    {K::health_center,       A::manage_accounts, {R::own, R::child}},
    {K::medical_institution, A::manage_accounts, {R::own}},
    {K::follow_up,           A::manage_accounts, {R::own}},
    {K::lodging,             A::manage_accounts, {R::own}},

    {K::ministry,            A::read_access_log, {R::own}},
    {K::prefecture,          A::read_access_log, {R::own}},
    {K::health_center,       A::read_access_log, {R::own}},
    {K::medical_institution, A::read_access_log, {R::own}},
    {K::follow_up,           A::read_access_log, {R::own}},
    {K::lodging,             A::read_access_log, {R::own}},

    // Patients. ACL-1: an institution, only those it entered. ACL-2: a health center, its
    // cases and the reports of its area. ACL-3: a prefecture, the cases of its health centers.
    // ACL-4: follow-up organisations (and lodging), the patients linked to them.
    // ACL-6: the ministry never sees an individual; support staff only through a grant.
    {K::ministry,            A::read_case, {R::support_grant}},
    {K::prefecture,          A::read_case, {R::prefecture, R::support_grant}},
    // A health center reaches patients through `prefecture` only when it is a 地方衛生研究所
    // (issue 14 item 3): patient_access gives that relation to no other health center.
    {K::health_center,       A::read_case, {R::responsible, R::related, R::area, R::prefecture,
                                            R::support_grant}},
    {K::medical_institution, A::read_case, {R::own, R::support_grant}},
    {K::follow_up,           A::read_case, {R::linked, R::support_grant}},
    {K::lodging,             A::read_case, {R::linked, R::support_grant}},

    // The search's whole result as a file (issue 14): the health centers and prefectures for
    // the cases they follow up, never through a break-glass grant (one record at a time) and
    // never an institution: a clinic reads and prints its own reports, and a file of patients
    // leaving a clinic's workstation is the risk the seeds' security measures guard against.
    {K::prefecture,          A::export_cases, {R::prefecture}},
    {K::health_center,       A::export_cases, {R::responsible, R::related, R::area}},

    {K::health_center,       A::write_case, {R::responsible, R::related, R::area}},
    {K::medical_institution, A::write_case, {R::own}},
    // Follow-up organisations and lodging read their linked patients (ACL-4) but do not edit
    // the case or its reports; what they enter (observations, OBS-4) has actions of its own.

    {K::health_center,       A::confirm_report, {R::responsible, R::area}},
    // ACL-5: only a health center changes the observation period and the health centers.
    {K::health_center,       A::set_observation, {R::responsible, R::related}},
    {K::health_center,       A::set_health_centers, {R::responsible, R::related, R::area}},
    // The case's responsible health center hands it over (a new case's is its area's); a
    // related or the area's does not take it away from the responsible one.
    {K::health_center,       A::transfer_case,      {R::responsible}},
    {K::health_center,       A::link_follow_up, {R::responsible, R::related}},
    // ACL-4 (FAQ 19): institutions write in the health-status free text instead.
    {K::health_center,       A::enter_doctor_findings, {R::responsible, R::related}},
    {K::follow_up,           A::enter_doctor_findings, {R::linked}},

    {K::ministry,            A::read_aggregates, {R::national}},
    {K::prefecture,          A::read_aggregates, {R::prefecture}},
    {K::health_center,       A::read_aggregates, {R::responsible, R::area}},
    {K::medical_institution, A::read_aggregates, {R::own}},

    // DAY-1: clinics and follow-up centers file their own; a health center enters the report
    // of an institution in its area that sent it by FAX or phone (代行入力).
    {K::medical_institution, A::file_daily_report, {R::own}},
    {K::follow_up,           A::file_daily_report, {R::own}},
    {K::health_center,       A::file_daily_report, {R::child}},

    // issue 14 item 3: the 地方衛生研究所's data check of a confirmed report of its prefecture.
    {K::health_center,       A::check_report, {R::prefecture}},
};
// clang-format on

// Actions that only an organisation's administrator may take.
bool admin_only(A action) {
  return action == A::create_organisation || action == A::manage_accounts ||
         action == A::read_access_log;
}

}  // namespace

bool permits(OrganisationKind kind, Role role, Action action, Relation relation) {
  if (admin_only(action) && role != Role::admin) return false;
  for (const auto& grant : kTable) {
    if (grant.kind == kind && grant.action == action) {
      return std::find(grant.relations.begin(), grant.relations.end(), relation) !=
             grant.relations.end();
    }
  }
  return false;
}

bool permits(const Caller& caller, Action action, std::span<const Relation> relations) {
  return std::any_of(relations.begin(), relations.end(), [&](Relation relation) {
    return permits(caller.organisation.kind, caller.account.role, action, relation);
  });
}

std::vector<Relation> scope(const Caller& caller, Action action) {
  std::vector<Relation> relations;
  for (auto relation : all_values<Relation>()) {
    if (permits(caller.organisation.kind, caller.account.role, action, relation)) {
      relations.push_back(relation);
    }
  }
  return relations;
}

std::vector<Relation> relations_to(const Caller& caller, const Organisation& target) {
  std::vector<Relation> relations{R::national};
  if (target.id == caller.organisation.id) relations.push_back(R::own);
  if (target.parent_id == caller.organisation.id) relations.push_back(R::child);
  const auto& grants = caller.support_grants;
  if (std::any_of(grants.begin(), grants.end(),
                  [&](const SupportGrant& g) { return g.organisation_id == target.id; })) {
    relations.push_back(R::support_grant);
  }
  return relations;
}

bool may_create(OrganisationKind parent, OrganisationKind child) {
  switch (parent) {
    case K::prefecture: return child == K::health_center;
    case K::health_center:
      return child == K::medical_institution || child == K::follow_up || child == K::lodging;
    default: return false;
  }
}

std::optional<Organisation> filing_area(const Caller& caller) {
  if (caller.organisation.kind == K::health_center) return caller.organisation;
  if (caller.parent && caller.parent->kind == K::health_center) return caller.parent;
  return std::nullopt;
}

std::vector<Relation> relations_to_new_patient(const Caller& caller) {
  const auto area = filing_area(caller);
  if (!area) return {};
  std::vector<Relation> relations{R::own};
  if (area->id == caller.organisation.id) relations.push_back(R::area);
  return relations;
}

Capabilities capabilities(const Caller& caller) {
  const auto may = [&](A action, R relation) {
    return permits(caller.organisation.kind, caller.account.role, action, relation);
  };
  Capabilities c;
  c.file_reports = permits(caller, A::write_case, relations_to_new_patient(caller));
  const auto readable = scope(caller, A::read_case);
  c.search_cases =
      std::any_of(readable.begin(), readable.end(), [](R r) { return r != R::support_grant; }) ||
      !caller.support_grants.empty();
  c.cases_without_status = may(A::read_case, R::responsible);
  c.export_cases = !scope(caller, A::export_cases).empty();
  c.choose_health_center = may(A::read_case, R::prefecture) || may(A::read_case, R::related);
  c.file_daily_report =
      may(A::file_daily_report, R::own) && caller.organisation.files_daily_reports;
  c.enter_daily_for_others = may(A::file_daily_report, R::child);
  c.read_daily_area = may(A::read_aggregates, R::area) || may(A::read_aggregates, R::prefecture) ||
                      may(A::read_aggregates, R::national);
  c.manage_accounts = may(A::manage_accounts, R::own);
  c.read_access_log = may(A::read_access_log, R::own);
  c.receive_transfers = may(A::transfer_case, R::responsible);
  c.confirm_reports = may(A::confirm_report, R::area);
  c.check_reports =
      may(A::check_report, R::prefecture) && caller.organisation.public_health_institute;
  if (may(A::create_organisation, R::own)) {
    for (auto kind : all_values<OrganisationKind>()) {
      if (may_create(caller.organisation.kind, kind)) c.create_organisations.push_back(kind);
    }
  }
  return c;
}

}  // namespace hersys::identity
