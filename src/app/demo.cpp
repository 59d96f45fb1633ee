#include "app/demo.h"

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli_support.h"
#include "app/demo_patients.h"
#include "app/demo_records.h"
#include "app/demo_transfer.h"
#include "identity/administration.h"
#include "identity/api_json.h"
#include "identity/rules.h"
#include "platform/crypto/crypto.h"
#include "platform/time/format.h"

namespace hersys::app {
namespace {
using identity::OrganisationKind;

struct DemoOrganisation {
  const char* key;
  OrganisationKind kind;
  const char* code;
  const char* name;
  const char* address;
  const char* prefecture_code;
  const char* municipality_code;
  const char* parent_code;  // "" for none
  bool city_health_center;
  bool files_daily_reports;
  const char* display_name;  // of its administrator account
};

// Fictional institutions in real places, parents before children.
constexpr DemoOrganisation kOrganisations[] = {
    {"ministry", OrganisationKind::ministry, "MHLW", "厚生労働省", "東京都千代田区霞が関1-2-2",
     "00", "", "", false, false, "新型コロナウイルス感染症対策推進本部"},
    {"tokyo", OrganisationKind::prefecture, "13", "東京都", "東京都新宿区西新宿2-8-1", "13",
     "130001", "", false, false, "感染症対策課"},
    {"kanagawa", OrganisationKind::prefecture, "14", "神奈川県", "神奈川県横浜市中区日本大通1",
     "14", "140007", "", false, false, "感染症対策課"},
    {"hc-tama", OrganisationKind::health_center, "HC13-00001", "東京都多摩府中保健所",
     "東京都府中市宮西町1-26-1", "13", "132063", "13", false, false, "感染症対策係"},
    {"hc-shinjuku", OrganisationKind::health_center, "HC13-00002", "新宿区保健所",
     "東京都新宿区新宿5-18-21", "13", "131041", "13", true, false, "保健予防課"},
    {"hc-hiratsuka", OrganisationKind::health_center, "HC14-00001", "神奈川県平塚保健福祉事務所",
     "神奈川県平塚市豊原町6-21", "14", "142034", "14", false, false, "保健予防課"},
    {"hospital", OrganisationKind::medical_institution, "MI13-00001", "多摩中央総合病院",
     "東京都府中市武蔵台2-8-29", "13", "132063", "HC13-00001", false, true, "感染管理室"},
    {"clinic", OrganisationKind::medical_institution, "MI13-00002", "府中駅前内科クリニック",
     "東京都府中市宮町1-40", "13", "132063", "HC13-00001", false, true, "受付1"},
    {"clinic2", OrganisationKind::medical_institution, "MI13-00003", "新宿西口クリニック",
     "東京都新宿区西新宿1-5-1", "13", "131041", "HC13-00002", false, true, "受付1"},
    {"followup", OrganisationKind::follow_up, "FU13-00001", "多摩地域健康フォローアップセンター",
     "東京都立川市錦町4-6-3", "13", "132021", "HC13-00001", false, true, "看護師チーム"},
    // 地方衛生研究所 (issue 14 item 3, seeds Q19): a health-center organisation of the
    // prefecture that checks its confirmed reports (public_health_institute, set below).
    {"phi", OrganisationKind::health_center, "HC13-90001", "東京都健康安全研究センター",
     "東京都新宿区百人町3-24-1", "13", "131041", "13", false, false, "疫学情報担当"},
};

// Each demo organisation's phone and contact person (issue 14 item 1), fictional numbers in the
// organisation's area code.
struct DemoContact {
  const char* phone;
  const char* contact_person;
};

DemoContact demo_contact(std::string_view key) {
  if (key == "ministry") return {"03-5253-0001", "対策推進本部 厚労 一郎"};
  if (key == "tokyo") return {"03-5320-0001", "感染症対策課 都庁 花子"};
  if (key == "kanagawa") return {"045-210-0001", "感染症対策課 横浜 次郎"};
  if (key == "hc-tama") return {"042-362-0001", "感染症対策係 府中 三郎"};
  if (key == "hc-shinjuku") return {"03-3209-0001", "保健予防課 新宿 葵"};
  if (key == "hc-hiratsuka") return {"0463-32-0001", "保健予防課 平塚 四郎"};
  if (key == "hospital") return {"042-323-0001", "感染管理室 武蔵 五月"};
  if (key == "clinic") return {"042-364-0001", "受付 宮町 六花"};
  if (key == "clinic2") return {"03-3342-0001", "受付 西口 七海"};
  if (key == "phi") return {"03-3363-0001", "疫学情報担当 百人町 九美"};
  return {"042-524-0001", "看護師長 立川 八重"};
}

std::optional<std::string> setting(db::Session& session, const std::string& key) {
  auto row = session.query_one("SELECT value FROM settings WHERE key = ?", {key});
  if (!row) return std::nullopt;
  return row->text(0);
}

// The seed the demo's passwords and TOTP secrets derive from, so they stay the same across
// runs. Marks the database as a demo database on first use.
std::string demo_seed(db::Database& database) {
  auto tx = database.write();
  const auto mode = setting(tx, "mode");
  if (mode && *mode != "demo") {
    throw DemoRefused("this database is in " + *mode + " mode: demo data is refused");
  }
  if (!mode) {
    const auto organisations = tx.query_one("SELECT COUNT(*) FROM organisations")->integer(0);
    if (organisations > 0) {
      throw DemoRefused("this database already holds organisations that are not demo data");
    }
    tx.execute("INSERT INTO settings (key, value) VALUES ('mode', 'demo')");
    tx.execute("INSERT INTO settings (key, value) VALUES ('demo_seed', ?)",
               {crypto::random_hex(32)});
  }
  auto seed = setting(tx, "demo_seed").value();
  tx.commit();
  return seed;
}

// The demo's organisations were registered a month before the demo starts, so the area's
// missing daily reports of earlier days list them (issue 14, walk item 14, DAY-5: only
// organisations that existed on a day are missing on it).
void registered_a_month_ago(db::Database& database, const Clock& clock, std::int64_t id) {
  auto tx = database.write();
  tx.execute("UPDATE organisations SET created_at = ? WHERE id = ?",
             {iso8601_utc(clock.now() - std::chrono::days(30)), id});
  tx.commit();
}

}  // namespace

std::vector<DemoSignIn> seed_demo(db::Database& database, const Clock& clock) {
  const auto seed = demo_seed(database);
  identity::Administration admin(database, clock);
  std::vector<DemoSignIn> sign_ins;
  for (const auto& d : kOrganisations) {
    DemoSignIn s;
    s.key = d.key;
    std::optional<identity::Organisation> existing;
    std::optional<identity::Organisation> parent;
    {
      auto session = database.read();
      existing = identity::find_organisation_by_code(session, d.code);
      if (*d.parent_code) parent = identity::find_organisation_by_code(session, d.parent_code);
    }
    if (existing) {
      s.organisation = *existing;
    } else {
      identity::Organisation o;
      o.kind = d.kind;
      o.code = d.code;
      o.name = d.name;
      o.address = d.address;
      o.email = std::string(d.key) + "@demo.hersys.invalid";
      o.prefecture_code = d.prefecture_code;
      o.municipality_code = d.municipality_code;
      if (parent) o.parent_id = parent->id;
      o.city_health_center = d.city_health_center;
      o.files_daily_reports = d.files_daily_reports;
      o.phone = demo_contact(d.key).phone;
      o.contact_person = demo_contact(d.key).contact_person;
      o.public_health_institute = std::string_view(d.key) == "phi";
      s.organisation = admin.create_organisation(o, "demo");
      registered_a_month_ago(database, clock, s.organisation.id);
    }
    const auto login_id = "demo-" + std::string(d.key);
    s.password = "demo-" + crypto::hash_hex(seed + ":password:" + login_id).substr(0, 12);
    s.totp_secret = crypto::from_hex(crypto::hash_hex(seed + ":totp:" + login_id).substr(0, 40));
    std::optional<identity::Credentials> credentials;
    {
      auto session = database.read();
      credentials = identity::find_credentials(session, login_id);
    }
    if (!credentials) {
      admin.issue_many({{d.code, {login_id, d.display_name, identity::Role::admin}}}, "demo");
    }
    // Running the demo again restores its sign-ins, whatever was changed meanwhile.
    const auto hash = crypto::hash_password(s.password);
    auto tx = database.write();
    const auto account = identity::find_credentials(tx, login_id).value().account;
    identity::set_password(tx, account.id, hash, false);
    identity::set_totp(tx, account.id, s.totp_secret, 0);
    identity::clear_failures(tx, account.id);
    tx.commit();
    s.account = account;
    s.account.must_change_password = false;
    s.account.totp_enrolled = true;
    sign_ins.push_back(std::move(s));
  }
  return sign_ins;
}

void add_demo_command(CLI::App& app, Common& common, Runner& run) {
  struct Options {
    bool json = false;
    std::string totp_for;
    std::int64_t patients = 0;
  };
  auto o = std::make_shared<Options>();
  auto* demo = app.add_subcommand(
      "demo", "Fill a new database with demo organisations and sign-ins, and print them");
  add_common(demo, common);
  demo->add_flag("--json", o->json, "Print the sign-ins as JSON (for scripts)");
  demo->add_option("--totp", o->totp_for, "Print the current authenticator code of LOGIN_ID");
  demo->add_option("--patients", o->patients,
                   "Make sure there are at least N synthetic patients with submitted reports")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{100'000'000}));
  demo->callback([&common, &run, o] {
    run = [&common, o] {
      auto database = open_database(common, 2);
      SystemClock clock;
      std::vector<DemoSignIn> sign_ins;
      try {
        sign_ins = seed_demo(*database, clock);
      } catch (const DemoRefused& e) {
        std::cerr << "hersys: " << e.what() << "\n";
        return 1;
      }
      // The code at once, before the rest of the demo is checked (issue 14 item 18: it took 3 s).
      if (!o->totp_for.empty()) {
        for (const auto& s : sign_ins) {
          if (s.account.login_id == o->totp_for) {
            std::cout << identity::totp_code(s.totp_secret, clock.now()) << std::endl;
            return 0;
          }
        }
        std::cerr << "hersys: no demo account " << o->totp_for << "\n";
        return 1;
      }
      seed_demo_drafts(*database, clock);
      seed_demo_transfer(*database, clock);  // issue 14: a transfer waiting for Tama
      seed_demo_inbox(*database, clock);     // issue 14 item 5: three reports to confirm
      const auto missing =
          o->patients - database->read().query_one("SELECT COUNT(*) FROM patients")->integer(0);
      if (missing > 0) {
        const auto started = std::chrono::steady_clock::now();
        seed_demo_patients(*database, clock, missing, 500, [&](std::int64_t done) {
          if (done % 10'000 == 0 || done == missing) {
            std::cerr << "\rpatients added: " << done << " / " << missing << std::flush;
          }
        });
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        // Those added, and the total asked for (issue 14 item 18: "294 / 294" for --patients 300).
        std::cerr << " (" << std::fixed << std::setprecision(1) << took.count() << " s; "
                  << o->patients << " patients in all)\n";
      }
      seed_demo_record_entries(*database, clock);
      if (o->json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : sign_ins) {
          out.push_back({{"key", s.key},
                         {"organisation", s.organisation},
                         {"login_id", s.account.login_id},
                         {"password", s.password},
                         {"totp_secret", identity::totp_secret_base32(s.totp_secret)},
                         {"totp_secret_hex", crypto::to_hex(s.totp_secret)}});
        }
        std::cout << out.dump(2) << "\n";
        return 0;
      }
      std::cout << "Demo sign-ins (password, then the authenticator code; add the secret to an "
                   "authenticator app, or run `hersys demo --totp LOGIN_ID`):\n\n";
      for (const auto& s : sign_ins) {
        std::cout << "  " << std::left << std::setw(20) << s.account.login_id << " "
                  << std::setw(19) << s.password << " TOTP "
                  << identity::totp_secret_base32(s.totp_secret) << "  " << s.organisation.name
                  << "\n";
      }
      return 0;
    };
  });
}

}  // namespace hersys::app
