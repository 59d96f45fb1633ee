// The daily-report store on both databases (SPEC DAY-2, DAY-5): opening is idempotent, a
// report is submitted once even by writers racing each other on their own connections, and
// area sums and missing reporters follow each kind of area.
#include "daily/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "app/demo.h"
#include "daily/rules.h"
#include "platform/db/migrations.h"
#include "test_support.h"

namespace hersys::daily {
namespace {

class DailyStore : public ::testing::TestWithParam<db::Dialect> {
 protected:
  DailyStore() {
    db::migrate(*db_, clock_);
    for (auto& s : app::seed_demo(*db_, clock_)) demo_.emplace(s.key, s.organisation);
  }
  DailyReport open(const std::string& key, const std::string& date) {
    auto tx = db_->write();
    auto r = open_report(tx, demo_.at(key).id, date, "2026-11-21T01:00:00Z");
    tx.commit();
    return r;
  }
  bool submit(DailyReport r, std::int64_t twenties) {
    r.counts[static_cast<size_t>(Bracket::age_20s)] = twenties;
    r.total = total_of(r.counts);
    r.submitted_at = "2026-11-21T02:00:00Z";
    auto tx = db_->write();
    std::optional<std::int64_t> parent;
    for (const auto& [key, o] : demo_) {
      if (o.id == r.organisation_id) parent = o.parent_id;
    }
    if (!submit_report(tx, r, parent)) return false;
    tx.commit();
    return true;
  }

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21}};
  test::TestDatabase db_{GetParam()};
  std::map<std::string, identity::Organisation> demo_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DailyStore, test::kBothDatabases, test::database_test_name);

TEST_P(DailyStore, OpeningTwiceGivesTheSameDraftAndADayItsOwn) {
  const auto first = open("clinic", "2026-11-21");
  EXPECT_EQ(first.state, State::draft);
  EXPECT_EQ(open("clinic", "2026-11-21").id, first.id);
  EXPECT_NE(open("clinic", "2026-11-22").id, first.id);
  EXPECT_NE(open("clinic2", "2026-11-21").id, first.id);
}

TEST_P(DailyStore, RacingWritersSubmitOnce) {
  const auto draft = open("clinic", "2026-11-21");
  std::atomic<int> landed{0};
  std::vector<std::thread> writers;
  for (int i = 1; i <= 6; ++i) {
    writers.emplace_back([&, i] {
      try {
        if (submit(draft, i)) ++landed;
      } catch (const db::Busy&) {  // a writer that could not wait is not a second report
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(landed, 1);
  auto session = db_->read();
  const auto stored = find_report(session, draft.id);
  EXPECT_EQ(stored->state, State::submitted);
  EXPECT_EQ(stored->total, stored->counts[static_cast<size_t>(Bracket::age_20s)]);
}

TEST_P(DailyStore, AreasSumTheirOwnReportersOnly) {
  ASSERT_TRUE(submit(open("clinic", "2026-11-20"), 2));
  ASSERT_TRUE(submit(open("clinic", "2026-11-21"), 3));
  ASSERT_TRUE(submit(open("clinic2", "2026-11-21"), 5));
  open("followup", "2026-11-21");  // opened, never submitted: neither counted nor reported

  const AreaScope tama{AreaKind::health_center, demo_.at("hc-tama").id, ""};
  const AreaScope shinjuku{AreaKind::health_center, demo_.at("hc-shinjuku").id, ""};
  const AreaScope tokyo{AreaKind::prefecture, 0, "13"};
  const AreaScope kanagawa{AreaKind::prefecture, 0, "14"};
  const AreaScope nation{AreaKind::national, 0, ""};
  auto session = db_->read();
  const auto totals = [&](const AreaScope& s) {
    std::vector<std::pair<std::string, std::int64_t>> t;
    for (const auto& d : area_sums(session, s, "2026-11-15", "2026-11-21")) {
      t.emplace_back(d.date, d.total);
    }
    return t;
  };
  using Totals = std::vector<std::pair<std::string, std::int64_t>>;
  EXPECT_EQ(totals(tama), (Totals{{"2026-11-21", 3}, {"2026-11-20", 2}}));
  EXPECT_EQ(totals(shinjuku), (Totals{{"2026-11-21", 5}}));
  EXPECT_EQ(totals(tokyo), (Totals{{"2026-11-21", 8}, {"2026-11-20", 2}}));
  EXPECT_TRUE(totals(kanagawa).empty());
  EXPECT_EQ(totals(nation), totals(tokyo));
  EXPECT_TRUE(area_sums(session, tokyo, "2026-11-22", "2026-11-28").empty());
  // The sums kept by each submission are the sums recomputed from the reports.
  const auto kept = totals(nation);
  {
    auto tx = db_->write();
    rebuild_area_sums(tx);
    tx.commit();
  }
  EXPECT_EQ(totals(nation), kept);

  const auto codes = [&](const AreaScope& s, const std::string& date) {
    std::vector<std::string> c;
    for (const auto& r : reporters(session, s, date, 10)) c.push_back(r.code);
    return c;
  };
  EXPECT_EQ(codes(tama, "2026-11-21"), (std::vector<std::string>{"FU13-00001", "MI13-00001"}));
  EXPECT_EQ(codes(tokyo, "2026-11-20"),
            (std::vector<std::string>{"FU13-00001", "MI13-00001", "MI13-00003"}));
  EXPECT_EQ(count_reporters(session, tokyo, std::nullopt), 4);
  EXPECT_EQ(count_reporters(session, nation, "2026-11-21"), 2);
  EXPECT_EQ(count_reporters(session, kanagawa, std::nullopt), 0);
}

}  // namespace
}  // namespace hersys::daily
