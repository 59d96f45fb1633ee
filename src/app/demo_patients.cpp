#include "app/demo_patients.h"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "audit/store.h"
#include "cases/json.h"
#include "cases/records.h"
#include "cases/store.h"
#include "identity/store.h"
#include "platform/crypto/crypto.h"
#include "platform/time/format.h"

namespace hersys::app {
namespace {
using namespace std::chrono;

struct Name {
  const char* kanji;
  const char* kana;
};

constexpr Name kSurnames[] = {
    {"佐藤", "サトウ"},     {"鈴木", "スズキ"},     {"高橋", "タカハシ"}, {"田中", "タナカ"},
    {"伊藤", "イトウ"},     {"渡辺", "ワタナベ"},   {"山本", "ヤマモト"}, {"中村", "ナカムラ"},
    {"小林", "コバヤシ"},   {"加藤", "カトウ"},     {"吉田", "ヨシダ"},   {"山田", "ヤマダ"},
    {"佐々木", "ササキ"},   {"山口", "ヤマグチ"},   {"松本", "マツモト"}, {"井上", "イノウエ"},
    {"木村", "キムラ"},     {"林", "ハヤシ"},       {"斎藤", "サイトウ"}, {"清水", "シミズ"},
    {"山崎", "ヤマザキ"},   {"森", "モリ"},         {"池田", "イケダ"},   {"橋本", "ハシモト"},
    {"阿部", "アベ"},       {"石川", "イシカワ"},   {"山下", "ヤマシタ"}, {"中島", "ナカジマ"},
    {"石井", "イシイ"},     {"小川", "オガワ"},     {"前田", "マエダ"},   {"岡田", "オカダ"},
    {"長谷川", "ハセガワ"}, {"藤田", "フジタ"},     {"後藤", "ゴトウ"},   {"近藤", "コンドウ"},
    {"村上", "ムラカミ"},   {"遠藤", "エンドウ"},   {"青木", "アオキ"},   {"坂本", "サカモト"},
    {"比嘉", "ヒガ"},       {"金城", "キンジョウ"}, {"工藤", "クドウ"},   {"菊地", "キクチ"},
};
constexpr Name kMaleNames[] = {
    {"太郎", "タロウ"},   {"一郎", "イチロウ"}, {"健太", "ケンタ"}, {"翔太", "ショウタ"},
    {"大輔", "ダイスケ"}, {"拓也", "タクヤ"},   {"蓮", "レン"},     {"湊", "ミナト"},
    {"悠真", "ユウマ"},   {"浩", "ヒロシ"},     {"茂", "シゲル"},   {"博", "ヒロシ"},
    {"誠", "マコト"},     {"隆", "タカシ"},     {"清", "キヨシ"},   {"陽翔", "ハルト"},
    {"和夫", "カズオ"},   {"勇", "イサム"},     {"大翔", "ヒロト"}, {"直樹", "ナオキ"},
};
constexpr Name kFemaleNames[] = {
    {"花子", "ハナコ"},   {"陽菜", "ヒナ"},     {"結衣", "ユイ"},     {"美咲", "ミサキ"},
    {"さくら", "サクラ"}, {"恵子", "ケイコ"},   {"幸子", "サチコ"},   {"和子", "カズコ"},
    {"裕子", "ユウコ"},   {"真由美", "マユミ"}, {"愛", "アイ"},       {"葵", "アオイ"},
    {"芽依", "メイ"},     {"凛", "リン"},       {"久美子", "クミコ"}, {"節子", "セツコ"},
    {"明美", "アケミ"},   {"紬", "ツムギ"},     {"陽子", "ヨウコ"},   {"千尋", "チヒロ"},
};

struct Prefecture {
  const char* name;
  const char* city;
  int postal_prefix;
  int weight;  // population in 100,000s (2020 census, rounded)
};
constexpr Prefecture kPrefectures[] = {
    {"北海道", "札幌市中央区", 60, 52},
    {"青森県", "青森市", 30, 12},
    {"岩手県", "盛岡市", 20, 12},
    {"宮城県", "仙台市青葉区", 980, 23},
    {"秋田県", "秋田市", 10, 10},
    {"山形県", "山形市", 990, 11},
    {"福島県", "福島市", 960, 18},
    {"茨城県", "水戸市", 310, 29},
    {"栃木県", "宇都宮市", 320, 19},
    {"群馬県", "前橋市", 371, 19},
    {"埼玉県", "さいたま市浦和区", 330, 73},
    {"千葉県", "千葉市中央区", 260, 63},
    {"東京都", "府中市", 183, 140},
    {"神奈川県", "平塚市", 254, 92},
    {"新潟県", "新潟市中央区", 950, 22},
    {"富山県", "富山市", 930, 10},
    {"石川県", "金沢市", 920, 11},
    {"福井県", "福井市", 910, 8},
    {"山梨県", "甲府市", 400, 8},
    {"長野県", "長野市", 380, 20},
    {"岐阜県", "岐阜市", 500, 20},
    {"静岡県", "静岡市葵区", 420, 36},
    {"愛知県", "名古屋市中区", 460, 75},
    {"三重県", "津市", 514, 18},
    {"滋賀県", "大津市", 520, 14},
    {"京都府", "京都市中京区", 604, 26},
    {"大阪府", "大阪市北区", 530, 88},
    {"兵庫県", "神戸市中央区", 650, 55},
    {"奈良県", "奈良市", 630, 13},
    {"和歌山県", "和歌山市", 640, 9},
    {"鳥取県", "鳥取市", 680, 6},
    {"島根県", "松江市", 690, 7},
    {"岡山県", "岡山市北区", 700, 19},
    {"広島県", "広島市中区", 730, 28},
    {"山口県", "山口市", 753, 13},
    {"徳島県", "徳島市", 770, 7},
    {"香川県", "高松市", 760, 10},
    {"愛媛県", "松山市", 790, 13},
    {"高知県", "高知市", 780, 7},
    {"福岡県", "福岡市博多区", 812, 51},
    {"佐賀県", "佐賀市", 840, 8},
    {"長崎県", "長崎市", 850, 13},
    {"熊本県", "熊本市中央区", 860, 17},
    {"大分県", "大分市", 870, 11},
    {"宮崎県", "宮崎市", 880, 11},
    {"鹿児島県", "鹿児島市", 890, 16},
    {"沖縄県", "那覇市", 900, 15},
};

// Share of reported cases by age decade (0-9 ... 90+), roughly as in 2022.
constexpr std::array<int, 10> kAgeWeights = {12, 13, 16, 15, 15, 12, 7, 5, 4, 1};

template <typename T, size_t N>
const T& pick(std::mt19937_64& rng, const T (&items)[N]) {
  return items[rng() % N];
}

int weighted(std::mt19937_64& rng, const int* weights, size_t n) {
  int total = 0;
  for (size_t i = 0; i < n; ++i) total += weights[i];
  int x = static_cast<int>(rng() % total);
  for (size_t i = 0; i < n; ++i) {
    if ((x -= weights[i]) < 0) return static_cast<int>(i);
  }
  return static_cast<int>(n) - 1;
}

const Day kFirstDay{year{2020} / 3 / 1};
const Day kScopeLimited{year{2022} / 9 / 26};

}  // namespace

SyntheticCase synthetic_case(std::uint64_t index, Day today) {
  std::mt19937_64 rng(index * 0x9E3779B97F4A7C15ull + 12345);
  SyntheticCase c;
  auto& p = c.patient;
  auto& r = c.report;

  const auto span = (sys_days{today} - sys_days{kFirstDay}).count() - 1;
  const auto diagnosed = Day{sys_days{kFirstDay} + days{static_cast<int>(rng() % span)}};
  const bool limited = sys_days{diagnosed} >= sys_days{kScopeLimited};

  int age =
      weighted(rng, kAgeWeights.data(), kAgeWeights.size()) * 10 + static_cast<int>(rng() % 10);
  const bool female = rng() % 2 == 0;
  p.sex = female ? cases::Sex::female : cases::Sex::male;
  // After 2022-09-26 only the four groups are reported: mostly the old, then the rest.
  bool hospitalised = rng() % 20 == 0;
  bool pregnant = false;
  bool drugs = rng() % 4 == 0;
  if (limited && age < 65) {
    switch (rng() % 4) {
      case 0: age = 65 + static_cast<int>(rng() % 30); break;
      case 1: hospitalised = true; break;
      case 2: drugs = true; break;
      default:
        if (female && age >= 18 && age <= 44) {
          pregnant = true;
        } else {
          hospitalised = true;
        }
    }
  }
  const auto birth_day =
      sys_days{diagnosed} - days{age * 365 + age / 4 + 4 + static_cast<int>(rng() % 360)};
  p.birth_date = iso_date(Day{birth_day});

  const auto& surname = pick(rng, kSurnames);
  const auto& given = female ? pick(rng, kFemaleNames) : pick(rng, kMaleNames);
  p.name = fmt::format("{} {}", surname.kanji, given.kanji);
  p.kana = fmt::format("{} {}", surname.kana, given.kana);
  p.phone = fmt::format("0{}0-{:04d}-{:04d}", 7 + rng() % 3, 1000 + rng() % 9000, rng() % 10000);
  p.email = fmt::format("patient{}@example.jp", index);
  static const auto weights = [] {
    std::array<int, std::size(kPrefectures)> w{};
    for (size_t i = 0; i < w.size(); ++i) w[i] = kPrefectures[i].weight;
    return w;
  }();
  const auto& prefecture = kPrefectures[weighted(rng, weights.data(), weights.size())];
  p.postal_code = fmt::format("{:03d}-{:04d}", prefecture.postal_prefix, rng() % 10000);
  p.address = fmt::format("{}{}{}丁目{}-{}", prefecture.name, prefecture.city, 1 + rng() % 5,
                          1 + rng() % 30, 1 + rng() % 20);
  p.nationality = rng() % 50 == 0 ? "CN" : "JP";

  const bool asymptomatic = rng() % 10 == 0;
  r.diagnosis_class =
      asymptomatic ? cases::DiagnosisClass::asymptomatic : cases::DiagnosisClass::confirmed;
  r.occupation = age < 7 ? "未就学児" : age < 19 ? "学生" : age >= 70 ? "無職" : "会社員";
  r.symptoms = asymptomatic
                   ? std::vector<std::string>{"none"}
                   : std::vector<std::string>{"fever", rng() % 2 ? "cough" : "sore_throat"};
  const auto onset = sys_days{diagnosed} - days{1 + static_cast<int>(rng() % 3)};
  r.onset_date = iso_date(Day{onset});
  r.diagnosis_date = iso_date(diagnosed);
  const bool antigen = rng() % 3 == 0;
  r.tests = {{antigen ? cases::TestMethod::antigen_qualitative : cases::TestMethod::pcr,
              antigen ? cases::Specimen::nasal : cases::Specimen::nasopharyngeal,
              iso_date(Day{sys_days{diagnosed} - days{rng() % 2}}), cases::TestResult::positive}};
  r.estimated_infection_date = iso_date(Day{onset - days{3}});
  r.infection_route = rng() % 2 ? "飛沫・接触" : "不明";
  r.infection_place = rng() % 3 == 0 ? "家庭内" : rng() % 2 ? "職場" : "不明";
  r.travel_history = "なし";
  r.risk_factors = age >= 60 || drugs ? std::vector<std::string>{"hypertension"}
                                      : std::vector<std::string>{"none"};
  r.needs_hospitalisation = hospitalised;
  r.needs_drugs_or_oxygen = drugs;
  r.vaccination_count = static_cast<std::int64_t>(rng() % 5);
  if (female) r.pregnant = pregnant;
  r.doctor_name = "府中 一郎";
  // 保護者 for a minor (the legal form's items 9 and 10, issue 14), living with the patient.
  if (age < 19) {
    r.guardian_name = fmt::format("{} {}", surname.kanji, female ? "健一" : "恵子");
    r.guardian_address = p.address;
    r.guardian_phone = p.phone;
  }
  return c;
}

namespace {

// One synthetic case written straight through the cases store: the patient, the submitted
// report and its first version. Every fourth patient of the Tama health center is linked to
// its follow-up center (ACL-4), which so has patients to follow.
void add_case(db::Transaction& tx, const SyntheticCase& c, std::uint64_t index,
              const std::vector<identity::Organisation>& reporters,
              const identity::Organisation& follow_up, std::int64_t account_id,
              const std::string& at, const std::string& recent_from) {
  // Kanagawa's patients go to its health center; the rest to the Tokyo institutions.
  const auto& reporter =
      c.patient.address.rfind("神奈川県", 0) == 0 ? reporters[3] : reporters[index % 3];
  const auto area = reporter.kind == identity::OrganisationKind::health_center
                        ? reporter.id
                        : *reporter.parent_id;
  cases::Patient p;
  p.identity = c.patient;
  p.created_by = reporter.id;
  p.area_health_center_id = area;
  p.responsible_health_center_id = area;
  p.reported_on = c.report.diagnosis_date;
  p.created_at = p.updated_at = at;
  cases::insert_patient(tx, p);
  cases::assign_hersys_id(tx, p);  // the report is submitted
  cases::Report r;
  r.patient_id = p.id;
  r.reporter_id = reporter.id;
  r.area_health_center_id = area;
  r.fields = c.report;
  // The health center has confirmed all but the last days' reports (REP-5): its inbox holds
  // what a day brings, not every report since 2020 (issue 14).
  const auto recent = c.report.diagnosis_date >= recent_from;
  r.state = recent ? cases::ReportState::submitted : cases::ReportState::confirmed;
  if (!recent) {
    r.confirmed_at = at;
    r.confirmed_by = account_id;
  }
  r.created_at = r.updated_at = at;
  cases::insert_report(tx, r);
  cases::add_submission(tx, r.id, *r.fields.diagnosis_class, at, account_id);
  auto version = cases::version_of(p, "patient.create");
  version.changed_at = at;
  audit::add_versions(tx, {version});
  if (area == follow_up.parent_id && index % 4 == 0) {
    cases::add_link(tx, p.id, follow_up.id, area, at);
  }
}

// The demo clinic's first account, or nothing when the demo has no such clinic.
std::optional<std::pair<identity::Organisation, std::int64_t>> demo_clinic(db::Transaction& tx) {
  auto clinic = identity::find_organisation_by_code(tx, "MI13-00002");
  if (!clinic || !clinic->parent_id) return std::nullopt;
  const auto account =
      tx.query_one("SELECT MIN(id) FROM accounts WHERE organisation_id = ?", {clinic->id});
  if (!account || account->is_null(0)) return std::nullopt;
  return std::pair{std::move(*clinic), account->integer(0)};
}

// One case the demo clinic entered at `at` in its health center's area: a draft (no HER-SYS ID
// until submitted, issue 19 item 23) or a submitted report, with the versions its history shows.
void add_clinic_case(db::Transaction& tx, const SyntheticCase& c,
                     const identity::Organisation& clinic, std::int64_t account_id,
                     const std::string& at, Day today, cases::ReportState state) {
  cases::Patient p;
  p.identity = c.patient;
  p.created_by = clinic.id;
  p.area_health_center_id = *clinic.parent_id;
  p.responsible_health_center_id = *clinic.parent_id;
  p.reported_on = iso_date(today);
  p.created_at = p.updated_at = at;
  cases::insert_patient(tx, p);
  const bool submitted = state == cases::ReportState::submitted;
  if (submitted) cases::assign_hersys_id(tx, p);
  cases::Report r;
  r.patient_id = p.id;
  r.reporter_id = clinic.id;
  r.area_health_center_id = *clinic.parent_id;
  r.state = state;
  r.fields = c.report;
  r.created_at = r.updated_at = at;
  cases::insert_report(tx, r);
  if (submitted) cases::add_submission(tx, r.id, *r.fields.diagnosis_class, at, account_id);
  auto patient_version = cases::version_of(p, "patient.create");
  auto report_version = cases::version_of(r, submitted ? "report.submit" : "report.create");
  for (auto* v : {&patient_version, &report_version}) {
    v->account_id = account_id;
    v->organisation_id = clinic.id;
    v->changed_at = at;
  }
  audit::add_versions(tx, {patient_version, report_version});
}

}  // namespace

std::int64_t seed_demo_drafts(db::Database& database, const Clock& clock) {
  const auto today = tokyo_date(clock.now());
  const auto at = iso8601_utc(clock.now());
  auto tx = database.write();
  const auto found = demo_clinic(tx);
  if (!found) return 0;
  const auto& [clinic, account_id] = *found;
  if (tx.query_one("SELECT 1 FROM reports WHERE reporter_id = ? AND state = 'draft'",
                   {clinic.id})) {
    return 0;  // the clinic has drafts already: a demo run again adds none
  }
  // Half-entered forms, as a clinic leaves them: the second without its class yet.
  std::int64_t added = 0;
  for (std::uint64_t index : {900'000'001u, 900'000'002u}) {
    auto c = synthetic_case(index, today);
    c.report.doctor_name.clear();
    c.report.tests.clear();
    if (added == 1) c.report.diagnosis_class.reset();
    add_clinic_case(tx, c, clinic, account_id, at, today, cases::ReportState::draft);
    ++added;
  }
  tx.commit();
  return added;
}

std::int64_t seed_demo_inbox(db::Database& database, const Clock& clock) {
  const auto today = tokyo_date(clock.now());
  auto tx = database.write();
  const auto found = demo_clinic(tx);
  if (!found) return 0;
  const auto& [clinic, account_id] = *found;
  if (tx.query_one("SELECT 1 FROM reports WHERE area_health_center_id = ? AND state = 'submitted'",
                   {*clinic.parent_id})) {
    return 0;  // the inbox has reports already: a demo run again adds none
  }
  std::int64_t added = 0;
  for (std::uint64_t index : {900'000'011u, 900'000'012u, 900'000'013u}) {
    // Filed a few minutes apart this morning, the newest last.
    const auto at = iso8601_utc(clock.now() - std::chrono::minutes(30 * (3 - added)));
    add_clinic_case(tx, synthetic_case(index, today), clinic, account_id, at, today,
                    cases::ReportState::submitted);
    ++added;
  }
  tx.commit();
  return added;
}

std::int64_t seed_demo_patients(db::Database& database, const Clock& clock, std::int64_t count,
                                std::int64_t batch,
                                const std::function<void(std::int64_t)>& progress) {
  const auto today = tokyo_date(clock.now());
  std::vector<identity::Organisation> reporters;
  identity::Organisation follow_up;
  std::int64_t first_index = 0;
  std::int64_t account_id = 0;
  {
    auto session = database.read();
    const auto mode = session.query_one("SELECT value FROM settings WHERE key = 'mode'");
    if (!mode || mode->text(0) != "demo") {
      throw std::runtime_error("demo patients go into a demo database only (run hersys demo)");
    }
    for (const char* code : {"MI13-00001", "MI13-00002", "MI13-00003", "HC14-00001"}) {
      auto o = identity::find_organisation_by_code(session, code);
      if (!o) throw std::runtime_error(std::string("demo organisation missing: ") + code);
      reporters.push_back(*o);
    }
    follow_up = identity::find_organisation_by_code(session, "FU13-00001").value();
    first_index = session.query_one("SELECT COUNT(*) FROM patients")->integer(0);
    account_id = session.query_one("SELECT MIN(id) FROM accounts")->integer(0);
  }
  const auto at = iso8601_utc(clock.now());
  const auto recent_from = iso_date(Day{std::chrono::sys_days(today) - std::chrono::days(2)});

  // PostgreSQL takes several writers at once, and a fill spends most of its time waiting for
  // round trips: four writers fill about three times as fast. SQLite has one writer anyway.
  const std::int64_t writers = database.dialect() == db::Dialect::postgresql
                                   ? std::min<std::int64_t>(4, count / batch + 1)
                                   : 1;
  std::atomic<std::int64_t> done{0};
  std::mutex progress_mutex;
  std::exception_ptr failure;
  const auto fill = [&](std::int64_t from, std::int64_t to) {
    try {
      while (from < to) {
        const auto until = std::min(to, from + batch);
        // A HER-SYS ID is drawn at random and checked against the committed ones: two writers
        // that drew the same one at once meet on the unique key (about once in 50 000 patients
        // with four writers of 500). The batch is then written again, with new draws.
        for (int attempt = 1;; ++attempt) {
          try {
            auto tx = database.write();
            for (auto i = from; i < until; ++i) {
              const auto index = static_cast<std::uint64_t>(first_index + i);
              add_case(tx, synthetic_case(index, today), index, reporters, follow_up, account_id,
                       at, recent_from);
            }
            tx.commit();
            break;
          } catch (const db::UniqueViolation&) {
            if (attempt == 5) throw;
          }
        }
        const auto total = done += until - from;
        from = until;
        std::lock_guard lock(progress_mutex);
        if (progress) progress(total);
      }
    } catch (...) {
      std::lock_guard lock(progress_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::int64_t w = 0; w < writers; ++w) {
    threads.emplace_back(fill, count * w / writers, count * (w + 1) / writers);
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
  return done;
}

}  // namespace hersys::app
