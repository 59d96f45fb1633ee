// `hersys admin …` and `hersys outbox …`: the operator's commands, run on the server by
// someone who holds the database anyway. They bypass the access policy (there is no signed-in
// caller) but every change is in the access log with the operator's name.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/cli_support.h"
#include "app/routes.h"
#include "identity/account_import.h"
#include "identity/administration.h"
#include "identity/rules.h"
#include "notify/rules.h"
#include "notify/store.h"
#include "platform/csv/csv.h"
#include "platform/errors.h"
#include "platform/text/fold.h"

namespace hersys::app {
namespace {

struct OrganisationOptions {
  std::string kind, code, name, address, email, prefecture, municipality, parent, phone,
      contact_person;
  bool city_health_center = false, daily_reports = false;
};

struct AccountOptions {
  std::string organisation, login_id, display_name, role = "admin";
};

struct GrantOptions {
  std::string account, organisation, reason;
  int hours = 4;
};

// Runs `work` against the database, printing a refused input the way the API words it.
template <typename Work>
Runner with_database(const Common& common, Work work) {
  return [&common, work] {
    auto database = open_database(common, 2);
    SystemClock clock;
    identity::Administration admin(*database, clock, administration_hooks());
    try {
      return work(*database, admin);
    } catch (const Problem& problem) {
      std::cerr << "hersys: " << problem.title().en << "\n";
      for (const auto& e : problem.errors()) {
        std::cerr << "  " << e.field << ": " << e.message.en << " (" << e.message.ja << ")\n";
      }
      return 1;
    }
  };
}

void print_issued(const identity::IssuedAccount& issued) {
  std::cout << "login id:         " << issued.account.login_id << "\n"
            << "initial password: " << issued.initial_password << "\n"
            << "(shown once: hand it over safely; it must be changed at first sign-in)\n";
}

void add_organisation_command(CLI::App* admin, Common& common, Runner& run) {
  auto o = std::make_shared<OrganisationOptions>();
  auto* cmd = admin->add_subcommand(
      "create-organisation",
      "Create an organisation (prefectures and the ministry are created only here)");
  add_common(cmd, common);
  cmd->add_option("--kind", o->kind,
                  "ministry, prefecture, health_center, medical_institution, "
                  "follow_up, lodging")
      ->required();
  cmd->add_option("--name", o->name)->required();
  cmd->add_option("--address", o->address)->required();
  cmd->add_option("--email", o->email, "Where its notifications go")->required();
  cmd->add_option("--phone", o->phone, "Its phone number, e.g. 03-1234-5678")->required();
  cmd->add_option("--contact-person", o->contact_person, "Whom to ask for (担当者)")->required();
  cmd->add_option("--prefecture", o->prefecture, "JIS code 01-47 (00 for the ministry)")
      ->required();
  cmd->add_option("--code", o->code, "Its code (default: assigned, e.g. HC13-00001)");
  cmd->add_option("--municipality", o->municipality, "JIS municipality code");
  cmd->add_option("--parent", o->parent, "The code of the organisation it belongs to");
  cmd->add_flag("--city-health-center", o->city_health_center,
                "A health center of a city or special ward (保健所設置市・特別区)");
  cmd->add_flag("--daily-reports", o->daily_reports,
                "An outpatient clinic that files daily reports (日次報告)");
  cmd->callback([&common, &run, o] {
    run = with_database(common, [o](db::Database& database, identity::Administration& admin) {
      identity::Organisation input;
      const auto kind = parse_name<identity::OrganisationKind>(o->kind);
      if (!kind) throw CLI::ValidationError("--kind", "unknown kind " + o->kind);
      input.kind = *kind;
      input.code = o->code;
      input.name = o->name;
      input.address = o->address;
      input.email = text::half_width(o->email);
      input.phone = text::half_width(o->phone);  // folded as the API folds it
      input.contact_person = o->contact_person;
      input.prefecture_code = o->prefecture;
      input.municipality_code = o->municipality;
      input.city_health_center = o->city_health_center;
      input.files_daily_reports = o->daily_reports;
      if (!o->parent.empty()) {
        auto session = database.read();
        const auto parent = identity::find_organisation_by_code(session, o->parent);
        if (!parent)
          throw CLI::ValidationError("--parent", "no organisation has code " + o->parent);
        input.parent_id = parent->id;
      }
      const auto created = admin.create_organisation(input, operator_name());
      std::cout << "created " << created.code << " (id " << created.id << ")\n";
      return 0;
    });
  });
}

void add_issue_command(CLI::App* admin, Common& common, Runner& run) {
  auto a = std::make_shared<AccountOptions>();
  auto* issue = admin->add_subcommand("issue-account", "Issue an account with an initial password");
  add_common(issue, common);
  issue->add_option("--organisation", a->organisation, "The organisation's code")->required();
  issue->add_option("--display-name", a->display_name, "A person or a post")->required();
  issue->add_option("--login-id", a->login_id, "Default: from the organisation's code");
  issue->add_option("--role", a->role)
      ->check(CLI::IsMember({"staff", "admin"}))
      ->capture_default_str();
  issue->callback([&common, &run, a] {
    run = with_database(common, [a](db::Database&, identity::Administration& admin) {
      identity::BulkAccount row{
          a->organisation, {a->login_id, a->display_name, *parse_name<identity::Role>(a->role)}};
      print_issued(admin.issue_many({row}, operator_name()).front());
      return 0;
    });
  });
}

// An import file read as the screen reads it (identity/account_import.h); a file that cannot be
// read at all is refused here, the rows' problems are named with the database's.
identity::ImportFile read_account_rows(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto read = identity::read_account_csv(text.str());
  if (read.unreadable()) throw Problem::invalid(std::move(read.errors));
  return read;
}

void add_import_command(CLI::App* admin, Common& common, Runner& run) {
  auto file = std::make_shared<std::string>();
  // Not named `import`: clang-format 14 takes that for a C++20 module import and mangles the
  // layout of everything after it.
  auto* cmd = admin->add_subcommand(
      "import-accounts",
      "Issue accounts from a CSV file (organisation_code,login_id,display_name,role): all rows "
      "or none. Prints login ids and initial passwords as CSV");
  add_common(cmd, common);
  cmd->add_option("file", *file, "CSV file (UTF-8 or Shift_JIS; login_id and role may be empty)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->callback([&common, &run, file] {
    run = with_database(common, [file](db::Database&, identity::Administration& admin) {
      auto read = read_account_rows(*file);
      const auto& rows = read.rows;
      const auto issued = admin.issue_many(rows, operator_name(), std::move(read.errors));
      std::cout << "organisation_code,login_id,display_name,role,initial_password\n";
      for (size_t i = 0; i < issued.size(); ++i) {
        const auto& account = issued[i].account;
        std::cout << csv::quote(rows[i].organisation_code) << "," << csv::quote(account.login_id)
                  << "," << csv::quote(account.display_name) << ","
                  << identity::name_of(account.role) << "," << issued[i].initial_password << "\n";
      }
      std::cerr << issued.size() << " accounts issued\n";
      return 0;
    });
  });
}

void add_unlock_and_reset_commands(CLI::App* admin, Common& common, Runner& run) {
  auto login = std::make_shared<std::string>();
  auto* unlock = admin->add_subcommand("unlock", "Unlock an account locked after failures");
  add_common(unlock, common);
  unlock->add_option("login_id", *login)->required();
  unlock->callback([&common, &run, login] {
    run = with_database(common, [login](db::Database&, identity::Administration& admin) {
      admin.unlock(*login, operator_name());
      std::cout << "unlocked " << *login << "\n";
      return 0;
    });
  });

  auto* reset = admin->add_subcommand(
      "reset", "New initial password; removes the second factors and ends every session");
  add_common(reset, common);
  reset->add_option("login_id", *login)->required();
  reset->callback([&common, &run, login] {
    run = with_database(common, [login](db::Database&, identity::Administration& admin) {
      print_issued(admin.reset(*login, operator_name()));
      return 0;
    });
  });
}

// An account's API tokens and disabling it (issue 19 item 1); each logged with the operator.
void add_token_and_disable_commands(CLI::App* admin, Common& common, Runner& run) {
  auto login = std::make_shared<std::string>();
  auto token_id = std::make_shared<std::int64_t>(0);
  auto* tokens = admin->add_subcommand("tokens", "List an account's API tokens");
  add_common(tokens, common);
  tokens->add_option("login_id", *login)->required();
  tokens->callback([&common, &run, login] {
    run = with_database(common, [login](db::Database&, identity::Administration& admin) {
      for (const auto& t : admin.tokens(*login, operator_name())) {
        std::cout << t.id << "\t" << t.name << "\tcreated " << t.created_at << "\texpires "
                  << t.expires_at << "\tlast used " << t.last_used_at.value_or("-") << "\t"
                  << (t.revoked ? "revoked" : "live") << "\n";
      }
      return 0;
    });
  });

  auto* revoke = admin->add_subcommand("revoke-token", "Revoke one API token of an account");
  add_common(revoke, common);
  revoke->add_option("login_id", *login)->required();
  revoke->add_option("token_id", *token_id)->required();
  revoke->callback([&common, &run, login, token_id] {
    run = with_database(common, [login, token_id](db::Database&, identity::Administration& admin) {
      if (!admin.revoke_token(*login, *token_id, operator_name())) {
        std::cerr << "hersys: the account has no such token\n";
        return 1;
      }
      std::cout << "revoked token " << *token_id << " of " << *login << "\n";
      return 0;
    });
  });

  for (const bool disabled : {true, false}) {
    auto* cmd = admin->add_subcommand(
        disabled ? "disable" : "enable",
        disabled ? "Disable an account: it cannot sign in; its sessions end and its API tokens "
                   "stop working"
                 : "Enable a disabled account again");
    add_common(cmd, common);
    cmd->add_option("login_id", *login)->required();
    cmd->callback([&common, &run, login, disabled] {
      run =
          with_database(common, [login, disabled](db::Database&, identity::Administration& admin) {
            admin.set_disabled(*login, disabled, operator_name());
            std::cout << (disabled ? "disabled " : "enabled ") << *login << "\n";
            return 0;
          });
    });
  }
}

void add_support_commands(CLI::App* admin, Common& common, Runner& run) {
  auto g = std::make_shared<GrantOptions>();
  auto* grant = admin->add_subcommand(
      "grant-support",
      "Break-glass: let a support account read one organisation's records for a few hours");
  add_common(grant, common);
  grant->add_option("--account", g->account, "The support account's login id")->required();
  grant->add_option("--organisation", g->organisation, "The organisation's code")->required();
  grant->add_option("--reason", g->reason, "Why, e.g. the fault ticket")->required();
  grant->add_option("--hours", g->hours, "1 to 72")->capture_default_str();
  grant->callback([&common, &run, g] {
    run = with_database(common, [g](db::Database&, identity::Administration& admin) {
      const auto grant = admin.grant_support(
          g->account, g->organisation, std::chrono::hours(g->hours), g->reason, operator_name());
      std::cout << "grant " << grant.id << " until " << grant.expires_at << "\n";
      return 0;
    });
  });

  auto id = std::make_shared<std::int64_t>(0);
  auto* revoke = admin->add_subcommand("revoke-support", "End a break-glass grant now");
  add_common(revoke, common);
  revoke->add_option("grant_id", *id)->required();
  revoke->callback([&common, &run, id] {
    run = with_database(common, [id](db::Database&, identity::Administration& admin) {
      if (!admin.revoke_support(*id, operator_name())) {
        std::cerr << "hersys: no active grant " << *id << "\n";
        return 1;
      }
      std::cout << "revoked grant " << *id << "\n";
      return 0;
    });
  });
}

void add_outbox_command(CLI::App& app, Common& common, Runner& run) {
  struct Options {
    std::string status = "all";
    int limit = 20;
  };
  auto o = std::make_shared<Options>();
  auto* outbox = app.add_subcommand("outbox", "Messages waiting for or past delivery");
  outbox->require_subcommand(1);
  auto* list = outbox->add_subcommand(
      "list", "The newest messages, with their text (those held by the local sink included)");
  add_common(list, common);
  list->add_option("--status", o->status)
      ->check(CLI::IsMember({"all", "pending", "sent", "failed"}))
      ->capture_default_str();
  list->add_option("--limit", o->limit)->check(CLI::Range(1, 1000))->capture_default_str();
  list->callback([&common, &run, o] {
    run = with_database(common, [o](db::Database& database, identity::Administration&) {
      auto session = database.read();
      const auto status = parse_name<notify::Status>(o->status);
      for (const auto& m : notify::list(session, status, o->limit)) {
        std::cout << "#" << m.id << " " << m.created_at << " " << notify::name_of(m.status)
                  << (m.delivered_via.empty() ? "" : " via " + m.delivered_via) << " "
                  << notify::name_of(m.message.channel) << " to " << m.message.recipient << " ("
                  << m.message.purpose << ")\n";
        if (!m.message.subject.empty()) std::cout << "  subject: " << m.message.subject << "\n";
        std::istringstream body(m.message.body);
        for (std::string line; std::getline(body, line);) std::cout << "  | " << line << "\n";
        if (!m.last_error.empty()) std::cout << "  last error: " << m.last_error << "\n";
      }
      return 0;
    });
  });
}

}  // namespace

void add_operator_commands(CLI::App& app, Common& common, Runner& run) {
  auto* admin = app.add_subcommand("admin", "Organisations and accounts, as the operator");
  admin->require_subcommand(1);
  add_organisation_command(admin, common, run);
  add_issue_command(admin, common, run);
  add_import_command(admin, common, run);
  add_unlock_and_reset_commands(admin, common, run);
  add_token_and_disable_commands(admin, common, run);
  add_support_commands(admin, common, run);
  add_outbox_command(app, common, run);
}

}  // namespace hersys::app
