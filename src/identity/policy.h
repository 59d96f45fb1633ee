#pragma once
// Public: every feature decides access through this one table.
// The one place that decides who may do what to which record (SPEC ACL-1..7). Pure: the
// decision depends only on the caller's organisation kind and role, the action, and how the
// record relates to the caller. Stores turn the relations a caller may act through
// (`scope()`) into their WHERE clause, so what a list or a search returns is decided here too.
//
// Deny by default: an action not in the table for a kind is refused through every relation.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "identity/model.h"
#include "platform/enum_names.h"

namespace hersys::identity {

enum class Action {
  read_organisation,      // the directory entry of an organisation (no personal data)
  create_organisation,    // a new organisation under the caller's (ORG-2); editing and
                          // retiring one it registered, through `child` (issue 14)
  manage_accounts,        // list, issue, unlock and reset accounts (ORG-2, AUTH-3)
  read_access_log,        // ACL-7
  read_case,              // a patient's record and its reports
  export_cases,           // a search's whole result as a file (CASE-6, issue 14)
  write_case,             // basic information, tests, health status (free text) ...
  confirm_report,         // 発生届の確認 (REP-5)
  set_observation,        // the observation period (ACL-5)
  set_health_centers,     // responsible and related health centers (ACL-5)
  transfer_case,          // 移管: hand the case to another health center (ACL-5, REP-4)
  link_follow_up,         // link a patient to a follow-up organisation (FAQ 20)
  enter_doctor_findings,  // 医師所見 (ACL-4)
  read_aggregates,        // counts, never individuals (ACL-6)
  file_daily_report,  // 日次報告 for an organisation, and its last seven days (DAY-1, DAY-4)
  check_report,  // データチェック済 by a 地方衛生研究所 after 保健所確認 (issue 14 item 3)
};

constexpr std::string_view name_of(Action value) {
  switch (value) {
    case Action::read_organisation: return "read_organisation";
    case Action::create_organisation: return "create_organisation";
    case Action::manage_accounts: return "manage_accounts";
    case Action::read_access_log: return "read_access_log";
    case Action::read_case: return "read_case";
    case Action::export_cases: return "export_cases";
    case Action::write_case: return "write_case";
    case Action::confirm_report: return "confirm_report";
    case Action::set_observation: return "set_observation";
    case Action::set_health_centers: return "set_health_centers";
    case Action::transfer_case: return "transfer_case";
    case Action::link_follow_up: return "link_follow_up";
    case Action::enter_doctor_findings: return "enter_doctor_findings";
    case Action::read_aggregates: return "read_aggregates";
    case Action::file_daily_report: return "file_daily_report";
    case Action::check_report: return "check_report";
  }
  return {};
}

// How a record relates to the caller's organisation.
enum class Relation {
  own,            // the caller's organisation's own: its accounts, its log, patients it entered
  child,          // of an organisation the caller's issued (prefecture -> its health centers,
                  // health center -> institutions in its area)
  responsible,    // the caller is the case's responsible health center (管轄保健所)
  related,        // the caller is a related health center (関係保健所)
  area,           // the case's report was filed in the caller's area
  prefecture,     // the case's health center is in the caller's prefecture (ACL-3)
  linked,         // the patient is linked to the caller by a health center (ACL-4)
  national,       // any record in the country (the directory; the ministry's aggregates)
  support_grant,  // a break-glass grant covers it (ACL-6): read only, always logged
};

constexpr std::string_view name_of(Relation value) {
  switch (value) {
    case Relation::own: return "own";
    case Relation::child: return "child";
    case Relation::responsible: return "responsible";
    case Relation::related: return "related";
    case Relation::area: return "area";
    case Relation::prefecture: return "prefecture";
    case Relation::linked: return "linked";
    case Relation::national: return "national";
    case Relation::support_grant: return "support_grant";
  }
  return {};
}

// May an account of `kind` with `role` do `action` to a record related to it by `relation`?
bool permits(OrganisationKind kind, Role role, Action action, Relation relation);
// The caller may act through any of `relations`.
bool permits(const Caller& caller, Action action, std::span<const Relation> relations);
// The relations through which `caller` may do `action`; empty when never.
std::vector<Relation> scope(const Caller& caller, Action action);

// How `target` relates to the caller: own, child, support_grant (an active grant on it) and
// always national.
std::vector<Relation> relations_to(const Caller& caller, const Organisation& target);

// The kinds of organisation `parent` may create under itself (ORG-2): a prefecture creates
// health centers; a health center creates institutions, follow-up organisations and lodging.
bool may_create(OrganisationKind parent, OrganisationKind child);

// The health center whose area a report filed by `caller` belongs to (ACL-2, REP-4): a health
// center's own, an institution's issuing health center; nullopt for anyone else.
std::optional<Organisation> filing_area(const Caller& caller);
// How a patient the caller enters relates to it: its own, and in its area when the caller is
// the area's health center; none outside any area (nothing to file into).
std::vector<Relation> relations_to_new_patient(const Caller& caller);

// What the screens may offer the caller (GET /api/v1/auth/me, "may"), derived from the table
// above so that the browser app keeps no copy of the policy. Each request is still decided
// by require() and scope(); this only chooses menus.
struct Capabilities {
  bool file_reports = false;          // 発生届の入力: a new patient as own or in the area
  bool search_cases = false;          // 閲覧・編集: some patients reachable
  bool cases_without_status = false;  // 療養状況が未入力の患者 (CASE-5): responsible cases
  bool choose_health_center = false;    // the search's 担当保健所 filter (CASE-6): cases of
                                        // several health centers reachable
  bool export_cases = false;            // the search's CSV (CASE-6, issue 14)
  bool file_daily_report = false;       // 日次報告の提出 for itself (DAY-1)
  bool enter_daily_for_others = false;  // 代行入力 for institutions in its area (DAY-1)
  bool read_daily_area = false;         // 日次報告の集計 (DAY-5)
  bool manage_accounts = false;         // アカウント管理 (ORG-2)
  bool read_access_log = false;         // アクセスログ (ACL-7)
  bool receive_transfers = false;       // 移管の受付 (issue 14): a case's responsible HC
  bool confirm_reports = false;  // 確認待ちの発生届 (REP-5, issue 14 item 2): the inbox
  bool check_reports = false;    // データチェック (issue 14 item 3): 地方衛生研究所
  std::vector<OrganisationKind> create_organisations;  // 機関の登録 (ORG-2), by kind
};
Capabilities capabilities(const Caller& caller);

}  // namespace hersys::identity
