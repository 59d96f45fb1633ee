// The access policy (SPEC ACL-1..7), exhaustively: every organisation kind x role x action x
// relation has its expected answer written out below, so any change to who may do what shows
// up here as a failing cell.
#include "identity/policy.h"

#include <gtest/gtest.h>

#include <map>

namespace hersys::identity {
namespace {

using K = OrganisationKind;
using A = Action;

// One row per kind and action: an 'x' in column i allows relation all_values<Relation>()[i].
//                          own child responsible related area prefecture linked national grant
constexpr std::string_view kColumns = "o c R r a p l n g";

struct Row {
  K kind;
  A action;
  std::string_view staff;
  std::string_view admin;
};

constexpr std::string_view kNone = ".........";

// clang-format off
const Row kExpected[] = {
    //                                   ocRrapln g        ocRrapln g
    {K::ministry, A::read_organisation,   ".......x.",     ".......x."},
    {K::ministry, A::create_organisation, kNone,           kNone},
    {K::ministry, A::manage_accounts,     kNone,           "x........"},
    {K::ministry, A::read_access_log,     kNone,           "x........"},
    {K::ministry, A::read_case,           "........x",     "........x"},  // ACL-6
    {K::ministry, A::export_cases,        kNone,           kNone},  // issue 14
    {K::ministry, A::write_case,          kNone,           kNone},
    {K::ministry, A::confirm_report,      kNone,           kNone},
    {K::ministry, A::set_observation,     kNone,           kNone},
    {K::ministry, A::set_health_centers,  kNone,           kNone},
    {K::ministry, A::transfer_case,       kNone,           kNone},
    {K::ministry, A::link_follow_up,      kNone,           kNone},
    {K::ministry, A::enter_doctor_findings, kNone,         kNone},
    {K::ministry, A::read_aggregates,     ".......x.",     ".......x."},
    {K::ministry, A::file_daily_report,   kNone, kNone},
    {K::ministry, A::check_report, kNone, kNone},

    {K::prefecture, A::read_organisation,   ".......x.",   ".......x."},
    {K::prefecture, A::create_organisation, kNone,         "xx......."},  // issue 14: edit, retire
    {K::prefecture, A::manage_accounts,     kNone,         "xx......."},
    {K::prefecture, A::read_access_log,     kNone,         "x........"},
    {K::prefecture, A::read_case,           ".....x..x",   ".....x..x"},  // ACL-3
    {K::prefecture, A::export_cases,        ".....x...",   ".....x..."},  // issue 14
    {K::prefecture, A::write_case,          kNone,         kNone},
    {K::prefecture, A::confirm_report,      kNone,         kNone},
    {K::prefecture, A::set_observation,     kNone,         kNone},        // ACL-5
    {K::prefecture, A::set_health_centers,  kNone,         kNone},
    {K::prefecture, A::transfer_case,       kNone,         kNone},
    {K::prefecture, A::link_follow_up,      kNone,         kNone},
    {K::prefecture, A::enter_doctor_findings, kNone,       kNone},
    {K::prefecture, A::read_aggregates,     ".....x...",   ".....x..."},
    {K::prefecture, A::file_daily_report,   kNone, kNone},
    {K::prefecture, A::check_report, kNone, kNone},

    {K::health_center, A::read_organisation,   ".......x.", ".......x."},
    {K::health_center, A::create_organisation, kNone,       "xx......."},  // issue 14
    {K::health_center, A::manage_accounts,     kNone,       "xx......."},
    {K::health_center, A::read_access_log,     kNone,       "x........"},
    {K::health_center, A::read_case,           "..xxxx..x", "..xxxx..x"},  // ACL-2, issue 14 item 3
    {K::health_center, A::export_cases,        "..xxx....", "..xxx...."},  // issue 14
    {K::health_center, A::write_case,          "..xxx....", "..xxx...."},
    {K::health_center, A::confirm_report,      "..x.x....", "..x.x...."},
    {K::health_center, A::set_observation,     "..xx.....", "..xx....."},
    {K::health_center, A::set_health_centers,  "..xxx....", "..xxx...."},
    {K::health_center, A::transfer_case,       "..x......", "..x......"},  // issue 14
    {K::health_center, A::link_follow_up,      "..xx.....", "..xx....."},
    {K::health_center, A::enter_doctor_findings, "..xx.....", "..xx....."},
    {K::health_center, A::read_aggregates,     "..x.x....", "..x.x...."},
    {K::health_center, A::file_daily_report,   ".x.......", ".x......."},
    {K::health_center, A::check_report, ".....x...", ".....x..."},

    {K::medical_institution, A::read_organisation,   ".......x.", ".......x."},
    {K::medical_institution, A::create_organisation, kNone,       kNone},
    {K::medical_institution, A::manage_accounts,     kNone,       "x........"},
    {K::medical_institution, A::read_access_log,     kNone,       "x........"},
    {K::medical_institution, A::read_case,           "x.......x", "x.......x"},  // ACL-1
    {K::medical_institution, A::export_cases,        kNone,       kNone},  // issue 14
    {K::medical_institution, A::write_case,          "x........", "x........"},
    {K::medical_institution, A::confirm_report,      kNone,       kNone},
    {K::medical_institution, A::set_observation,     kNone,       kNone},
    {K::medical_institution, A::set_health_centers,  kNone,       kNone},
    {K::medical_institution, A::transfer_case,       kNone,       kNone},
    {K::medical_institution, A::link_follow_up,      kNone,       kNone},
    {K::medical_institution, A::enter_doctor_findings, kNone,     kNone},       // FAQ 19
    {K::medical_institution, A::read_aggregates,     "x........", "x........"},
    {K::medical_institution, A::file_daily_report,   "x........", "x........"},
    {K::medical_institution, A::check_report, kNone, kNone},

    {K::follow_up, A::read_organisation,   ".......x.", ".......x."},
    {K::follow_up, A::create_organisation, kNone,       kNone},
    {K::follow_up, A::manage_accounts,     kNone,       "x........"},
    {K::follow_up, A::read_access_log,     kNone,       "x........"},
    {K::follow_up, A::read_case,           "......x.x", "......x.x"},  // ACL-4
    {K::follow_up, A::export_cases,        kNone,       kNone},
    {K::follow_up, A::write_case,          kNone,       kNone},
    {K::follow_up, A::confirm_report,      kNone,       kNone},
    {K::follow_up, A::set_observation,     kNone,       kNone},
    {K::follow_up, A::set_health_centers,  kNone,       kNone},
    {K::follow_up, A::transfer_case,       kNone,       kNone},
    {K::follow_up, A::link_follow_up,      kNone,       kNone},
    {K::follow_up, A::enter_doctor_findings, "......x..", "......x.."},
    {K::follow_up, A::read_aggregates,     kNone,       kNone},
    {K::follow_up, A::file_daily_report,   "x........", "x........"},
    {K::follow_up, A::check_report, kNone, kNone},

    {K::lodging, A::read_organisation,   ".......x.", ".......x."},
    {K::lodging, A::create_organisation, kNone,       kNone},
    {K::lodging, A::manage_accounts,     kNone,       "x........"},
    {K::lodging, A::read_access_log,     kNone,       "x........"},
    {K::lodging, A::read_case,           "......x.x", "......x.x"},
    {K::lodging, A::export_cases,        kNone,       kNone},
    {K::lodging, A::write_case,          kNone,       kNone},
    {K::lodging, A::confirm_report,      kNone,       kNone},
    {K::lodging, A::set_observation,     kNone,       kNone},
    {K::lodging, A::set_health_centers,  kNone,       kNone},
    {K::lodging, A::transfer_case,       kNone,       kNone},
    {K::lodging, A::link_follow_up,      kNone,       kNone},
    {K::lodging, A::enter_doctor_findings, kNone,     kNone},
    {K::lodging, A::read_aggregates,     kNone,       kNone},
    {K::lodging, A::file_daily_report,   kNone, kNone},
    {K::lodging, A::check_report, kNone, kNone},
};
// clang-format on

constexpr K kAllKinds[] = {K::ministry,  K::prefecture, K::health_center, K::medical_institution,
                           K::follow_up, K::lodging};

TEST(Policy, EveryKindRoleActionAndRelationIsAsWrittenOut) {
  std::map<std::pair<K, A>, const Row*> rows;
  for (const auto& row : kExpected) {
    ASSERT_TRUE(rows.emplace(std::pair{row.kind, row.action}, &row).second) << "duplicate row";
  }
  ASSERT_EQ(std::size(all_values<Relation>()), (kColumns.size() + 1) / 2);
  int cells = 0;
  for (auto kind : kAllKinds) {
    for (auto action : all_values<Action>()) {
      const auto found = rows.find({kind, action});
      ASSERT_NE(found, rows.end())
          << "no expectation for " << static_cast<int>(kind) << " " << name_of(action);
      for (auto role : {Role::staff, Role::admin}) {
        const auto expected = role == Role::admin ? found->second->admin : found->second->staff;
        for (size_t i = 0; i < std::size(all_values<Relation>()); ++i) {
          const bool allowed = permits(kind, role, action, all_values<Relation>()[i]);
          EXPECT_EQ(allowed, expected[i] == 'x')
              << "kind " << static_cast<int>(kind) << ", role " << static_cast<int>(role)
              << ", action " << name_of(action) << ", relation "
              << name_of(all_values<Relation>()[i]);
          ++cells;
        }
      }
    }
  }
  EXPECT_EQ(cells, 6 * 16 * 2 * 9);
}

Caller caller_of(K kind, Role role, std::int64_t organisation_id) {
  Caller caller;
  caller.organisation.id = organisation_id;
  caller.organisation.kind = kind;
  caller.account.role = role;
  return caller;
}

TEST(Policy, RelationsToAnOrganisation) {
  const auto health_center = caller_of(K::health_center, Role::admin, 10);
  Organisation clinic;
  clinic.id = 20;
  clinic.parent_id = 10;
  Organisation other_clinic;
  other_clinic.id = 21;
  other_clinic.parent_id = 11;
  using R = Relation;
  EXPECT_EQ(relations_to(health_center, clinic), (std::vector{R::national, R::child}));
  EXPECT_EQ(relations_to(health_center, other_clinic), (std::vector{R::national}));
  EXPECT_EQ(relations_to(health_center, health_center.organisation),
            (std::vector{R::national, R::own}));

  auto support = caller_of(K::ministry, Role::staff, 1);
  support.support_grants.push_back({.id = 5, .account_id = 2, .organisation_id = 21});
  EXPECT_EQ(relations_to(support, other_clinic), (std::vector{R::national, R::support_grant}));
  EXPECT_TRUE(permits(support, Action::read_case, relations_to(support, other_clinic)));
  EXPECT_FALSE(permits(support, Action::write_case, relations_to(support, other_clinic)));
  EXPECT_FALSE(permits(support, Action::read_case, relations_to(support, clinic)));
}

TEST(Policy, ScopeListsTheRelationsAStoreFiltersBy) {
  using R = Relation;
  EXPECT_EQ(scope(caller_of(K::health_center, Role::staff, 1), Action::read_case),
            (std::vector{R::responsible, R::related, R::area, R::prefecture, R::support_grant}));
  EXPECT_EQ(scope(caller_of(K::health_center, Role::staff, 1), Action::manage_accounts),
            std::vector<R>{});
  EXPECT_EQ(scope(caller_of(K::ministry, Role::admin, 1), Action::read_aggregates),
            (std::vector{R::national}));
}

TEST(Policy, WhoMayCreateWhichOrganisation) {
  for (auto parent : kAllKinds) {
    for (auto child : kAllKinds) {
      const bool expected =
          (parent == K::prefecture && child == K::health_center) ||
          (parent == K::health_center &&
           (child == K::medical_institution || child == K::follow_up || child == K::lodging));
      EXPECT_EQ(may_create(parent, child), expected)
          << static_cast<int>(parent) << " -> " << static_cast<int>(child);
    }
  }
}

// The menus each kind of organisation is offered (GET /auth/me "may"), as the seeds' top page
// shows them per role.
TEST(Policy, CapabilitiesFollowTheTable) {
  auto clinic = caller_of(K::medical_institution, Role::staff, 20);
  Organisation area;
  area.id = 10;
  area.kind = K::health_center;
  clinic.parent = area;
  clinic.organisation.files_daily_reports = true;
  auto may = capabilities(clinic);
  EXPECT_TRUE(may.file_reports);
  EXPECT_TRUE(may.search_cases);
  EXPECT_FALSE(may.cases_without_status);
  EXPECT_FALSE(may.choose_health_center);
  EXPECT_FALSE(may.export_cases);  // issue 14
  EXPECT_TRUE(may.file_daily_report);
  EXPECT_FALSE(may.enter_daily_for_others);
  EXPECT_FALSE(may.read_daily_area);
  EXPECT_FALSE(may.manage_accounts);
  EXPECT_TRUE(may.create_organisations.empty());
  clinic.organisation.files_daily_reports = false;
  EXPECT_FALSE(capabilities(clinic).file_daily_report);
  clinic.parent.reset();  // an institution outside any health center's area files nothing
  EXPECT_FALSE(capabilities(clinic).file_reports);

  const auto health_center = caller_of(K::health_center, Role::admin, 10);
  may = capabilities(health_center);
  EXPECT_TRUE(may.file_reports);
  EXPECT_TRUE(may.cases_without_status);
  EXPECT_TRUE(may.choose_health_center);
  EXPECT_TRUE(may.export_cases);  // issue 14
  EXPECT_FALSE(may.file_daily_report);
  EXPECT_TRUE(may.enter_daily_for_others);
  EXPECT_TRUE(may.read_daily_area);
  EXPECT_TRUE(may.manage_accounts);
  EXPECT_TRUE(may.read_access_log);
  EXPECT_TRUE(may.receive_transfers);  // issue 14
  EXPECT_FALSE(capabilities(clinic).receive_transfers);
  EXPECT_EQ(may.create_organisations,
            (std::vector{K::medical_institution, K::follow_up, K::lodging}));
  EXPECT_TRUE(
      capabilities(caller_of(K::health_center, Role::staff, 10)).create_organisations.empty());

  auto ministry = caller_of(K::ministry, Role::staff, 1);
  may = capabilities(ministry);
  EXPECT_FALSE(may.file_reports);
  EXPECT_FALSE(may.search_cases);  // ACL-6: aggregates only ...
  EXPECT_TRUE(may.read_daily_area);
  ministry.support_grants.push_back({.id = 5, .account_id = 2, .organisation_id = 21});
  EXPECT_TRUE(capabilities(ministry).search_cases);  // ... unless a break-glass grant is active

  may = capabilities(caller_of(K::follow_up, Role::staff, 30));
  EXPECT_FALSE(may.file_reports);
  EXPECT_TRUE(may.search_cases);  // the patients linked to it (ACL-4)
  EXPECT_FALSE(may.read_daily_area);
  EXPECT_TRUE(capabilities(caller_of(K::prefecture, Role::staff, 2)).choose_health_center);
  EXPECT_EQ(capabilities(caller_of(K::prefecture, Role::admin, 2)).create_organisations,
            (std::vector{K::health_center}));
}

}  // namespace
}  // namespace hersys::identity
