// Patient access as other features use it (SPEC ACL-1..6, ACL-4 and OBS-4 for links), on both
// databases: the relations derived for each organisation, the decision with its logged
// refusal, the scope as an SQL condition in a query of one's own, and links to a follow-up
// organisation that survive every re-derivation and end when unlinked.
#include "cases/access.h"

#include <gtest/gtest.h>

#include "app/demo.h"
#include "app/demo_patients.h"
#include "audit/log.h"
#include "cases/store.h"
#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::cases {
namespace {
using identity::Action;
using identity::Relation;

class CasesAccess : public ::testing::TestWithParam<db::Dialect> {
 protected:
  CasesAccess() {
    db::migrate(*db_, clock_);
    for (auto& s : app::seed_demo(*db_, clock_)) demo_.emplace(s.key, s);
    app::seed_demo_patients(*db_, clock_, 40);
    auto session = db_->read();
    // A patient entered by the Fuchu clinic, in the Tama health center's area.
    patient_ = *find_patient(
        session, session
                     .query_one("SELECT id FROM patients WHERE created_by = ? ORDER BY id",
                                {demo_.at("clinic").organisation.id})
                     ->integer(0));
  }

  identity::Caller caller(const std::string& key) {
    identity::Caller c;
    c.account = demo_.at(key).account;
    c.organisation = demo_.at(key).organisation;
    return c;
  }

  // The patients `key` reaches for `action`, through the scope's SQL condition in a query
  // written here, as another feature's store would write it.
  // The query's alias is `a` on purpose: the condition's own subqueries must not capture it.
  std::vector<std::int64_t> reached(const std::string& key, Action action) {
    db::Params params;
    const auto condition = scope_of(caller(key), action).condition("a.id", params);
    auto session = db_->read();
    std::vector<std::int64_t> ids;
    for (const auto& row :
         session.query("SELECT a.id FROM patients a WHERE " + condition + " ORDER BY a.id", params)
             .rows) {
      ids.push_back(row.integer(0));
    }
    return ids;
  }

  bool reaches(const std::string& key, Action action) {
    const auto ids = reached(key, action);
    return std::find(ids.begin(), ids.end(), patient_.id) != ids.end();
  }

  std::int64_t denials() {
    auto session = db_->read();
    return session.query_one("SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied'")->integer(0);
  }

  void link_to(const std::string& key) {
    auto tx = db_->write();
    link(tx, patient_.id, demo_.at(key).organisation.id, demo_.at("hc-tama").organisation.id,
         clock_.now());
    tx.commit();
  }

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21}};
  test::TestDatabase db_{GetParam()};
  std::map<std::string, app::DemoSignIn> demo_;
  Patient patient_;
  identity::Origin origin_{"127.0.0.1", "test"};
};

INSTANTIATE_TEST_SUITE_P(Backends, CasesAccess, test::kBothDatabases, test::database_test_name);

TEST_P(CasesAccess, EachOrganisationReachesThePatientThroughItsRelation) {
  const auto through = [&](const std::string& key, Action action) {
    return authorise(*db_, clock_, caller(key), action, patient_.id, origin_).through;
  };
  EXPECT_EQ(through("clinic", Action::read_case), Relation::own);           // ACL-1
  EXPECT_EQ(through("hc-tama", Action::read_case), Relation::responsible);  // ACL-2
  EXPECT_EQ(through("tokyo", Action::read_case), Relation::prefecture);     // ACL-3
  EXPECT_TRUE(reaches("clinic", Action::read_case));
  EXPECT_TRUE(reaches("tokyo", Action::read_case));
  EXPECT_FALSE(reaches("clinic2", Action::read_case));
  EXPECT_FALSE(reaches("kanagawa", Action::read_case));
  EXPECT_FALSE(reaches("ministry", Action::read_case));  // ACL-6: no individual records
  EXPECT_FALSE(reaches("tokyo", Action::write_case));
}

// issue 19 item 8: a patient out of the caller's reach and one that does not exist are refused
// alike (not_found) and both are logged as denied; one the caller reads but may not change is
// forbidden.
TEST_P(CasesAccess, ARefusalIsLoggedAndAnUnknownPatientIsNotFound) {
  const auto before = denials();
  for (const std::int64_t id : {patient_.id, std::int64_t{999'999'999}}) {
    try {
      authorise(*db_, clock_, caller("clinic2"), Action::read_case, id, origin_);
      FAIL();
    } catch (const Problem& p) {
      EXPECT_EQ(p.kind(), ProblemKind::not_found) << id;
      EXPECT_EQ(p.code(), "not_found") << id;
    }
  }
  EXPECT_EQ(denials(), before + 2);
  try {
    authorise(*db_, clock_, caller("clinic"), Action::confirm_report, patient_.id, origin_);
    FAIL();
  } catch (const Problem& p) {
    EXPECT_EQ(p.kind(), ProblemKind::forbidden);
  }
  EXPECT_EQ(denials(), before + 3);
}

TEST_P(CasesAccess, ALinkedFollowUpOrganisationReachesThePatientUntilUnlinked) {
  EXPECT_FALSE(reaches("followup", Action::read_case));
  EXPECT_THROW(authorise(*db_, clock_, caller("followup"), Action::read_case, patient_.id, origin_),
               Problem);

  link_to("followup");
  link_to("followup");  // linking twice is one link
  EXPECT_TRUE(reaches("followup", Action::read_case));
  // It reads the case; it does not edit the case or its reports (ACL-4).
  EXPECT_FALSE(reaches("followup", Action::write_case));
  const auto access =
      authorise(*db_, clock_, caller("followup"), Action::read_case, patient_.id, origin_);
  EXPECT_EQ(access.through, Relation::linked);
  EXPECT_TRUE(access.permits(caller("followup"), Action::enter_doctor_findings));  // ACL-4
  EXPECT_FALSE(access.permits(caller("followup"), Action::set_health_centers));    // ACL-5
  {
    auto session = db_->read();
    EXPECT_EQ(links_of(session, patient_.id),
              std::vector<std::int64_t>{demo_.at("followup").organisation.id});
  }

  // A change of the patient's organisations re-derives every relation, the link included.
  auto p = patient_;
  p.related_health_center_ids = {demo_.at("hc-shinjuku").organisation.id};
  {
    auto tx = db_->write();
    set_health_centers(tx, p);
    refresh_access(tx, p);
    tx.commit();
  }
  EXPECT_TRUE(reaches("followup", Action::read_case));
  EXPECT_TRUE(reaches("hc-shinjuku", Action::read_case));

  {
    auto tx = db_->write();
    unlink(tx, patient_.id, demo_.at("followup").organisation.id);
    unlink(tx, patient_.id, demo_.at("followup").organisation.id);  // already gone: nothing
    tx.commit();
  }
  EXPECT_FALSE(reaches("followup", Action::read_case));
  EXPECT_TRUE(reaches("hc-shinjuku", Action::read_case));
}

TEST_P(CasesAccess, ALinkToAnOrganisationThatAlreadyReachesThePatientKeepsItsOtherRelations) {
  // A health center linked as well (a lodging run by the same office, say): unlinking leaves
  // its own relation.
  link_to("hc-tama");
  EXPECT_TRUE(reaches("hc-tama", Action::read_case));
  auto tx = db_->write();
  unlink(tx, patient_.id, demo_.at("hc-tama").organisation.id);
  tx.commit();
  EXPECT_TRUE(reaches("hc-tama", Action::read_case));
  const auto through =
      authorise(*db_, clock_, caller("hc-tama"), Action::read_case, patient_.id, origin_).through;
  EXPECT_EQ(through, Relation::responsible);
}

TEST_P(CasesAccess, ABreakGlassGrantIsPartOfTheScopeAndSaysSoInTheLog) {
  auto support = caller("ministry");
  support.support_grants.push_back({1, support.account.id, demo_.at("clinic").organisation.id,
                                    "fault 42", "2026-11-22T00:00:00.000Z"});
  const auto access = authorise(*db_, clock_, support, Action::read_case, patient_.id, origin_);
  EXPECT_EQ(access.through, Relation::support_grant);
  const auto event =
      access.event(support, origin_, audit::Action::read, "case.read", "Patient", patient_.id);
  EXPECT_EQ(event.patient_id, std::to_string(patient_.id));
  EXPECT_NE(event.detail.find("support grant"), std::string::npos);
  EXPECT_THROW(authorise(*db_, clock_, support, Action::write_case, patient_.id, origin_), Problem);

  db::Params params;
  const auto scope = scope_of(support, Action::read_case);
  EXPECT_NE(scope.condition("x.id", params).find("IN (?)"), std::string::npos);
  params.clear();
  EXPECT_EQ(scope_of(caller("ministry"), Action::read_case).condition("x.id", params), "0 = 1");
}

}  // namespace
}  // namespace hersys::cases
