#pragma once
// Synthetic but plausible patients and occurrence reports (`hersys demo --patients N`), for
// trying the system and for benchmarks: Japanese names with their kana, addresses in every
// prefecture weighted by population, the age mix of reported cases, diagnosis dates from 2020
// to yesterday (some before the past-data cut-off), and after 2022-09-26 only patients in the
// reporting scope (REP-3). Deterministic: case `index` is always the same person.
#include <cstdint>
#include <functional>

#include "cases/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::app {

struct SyntheticCase {
  cases::Identity patient;
  cases::ReportFields report;  // complete and valid for submission on `today`
};

SyntheticCase synthetic_case(std::uint64_t index, std::chrono::year_month_day today);

// Two drafts of the demo clinic (府中駅前内科クリニック), for the list of
// drafts; none when it has drafts already. Returns the number added.
std::int64_t seed_demo_drafts(db::Database& database, const Clock& clock);

// Three reports the demo clinic has just submitted, waiting in the demo health center's inbox
// for 保健所確認 (issue 14 item 5); none when its inbox has reports already. Returns the number
// added.
std::int64_t seed_demo_inbox(db::Database& database, const Clock& clock);

// Adds `count` submitted reports, each with its patient, filed by the demo institutions and
// health centers (seed_demo must have run). Written straight through the cases store,
// `batch` per transaction (no access-log record or e-mail per synthetic case), by four
// writers at once on PostgreSQL. `progress` gets the number done after each transaction (one
// call at a time). Returns the number added.
std::int64_t seed_demo_patients(db::Database& database, const Clock& clock, std::int64_t count,
                                std::int64_t batch = 500,
                                const std::function<void(std::int64_t)>& progress = {});

}  // namespace hersys::app
