#include "app/system_api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "app/routes.h"
#include "platform/db/migrations.h"
#include "platform/embedded.h"
#include "test_support.h"

namespace hersys::app {
namespace {
namespace bhttp = boost::beast::http;

const ManualClock kClock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21}};

class SystemApiTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  SystemApiTest() {
    db::migrate(*db_, kClock);
    register_routes(router_, context_);
  }
  test::TestDatabase db_{GetParam()};
  Context context_{*db_, kClock};
  http::Router router_;
};

INSTANTIATE_TEST_SUITE_P(Backends, SystemApiTest, test::kBothDatabases, test::database_test_name);

// (method, path) pairs of the `paths:` section of an OpenAPI document.
std::set<std::pair<std::string, std::string>> documented_operations(std::string_view yaml) {
  std::set<std::pair<std::string, std::string>> operations;
  std::istringstream in{std::string(yaml)};
  std::string line, path;
  bool in_paths = false;
  static const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch"};
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line == "paths:";
    if (!in_paths) continue;
    if (line.starts_with("  /") && line.ends_with(":") && !line.starts_with("   ")) {
      path = line.substr(2, line.size() - 3);
    } else if (line.starts_with("    ") && !line.starts_with("     ") && line.ends_with(":")) {
      auto method = line.substr(4, line.size() - 5);
      if (kMethods.contains(method)) operations.emplace(method, path);
    }
  }
  return operations;
}

}  // namespace

TEST_P(SystemApiTest, HealthzReportsTheDatabaseAndSchema) {
  test::RunningServer server(router_);
  auto response = test::send(server.port(), bhttp::verb::get, "/healthz");
  ASSERT_EQ(response.result_int(), 200);
  auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["database"], GetParam() == db::Dialect::sqlite ? "sqlite" : "postgresql");
  EXPECT_EQ(body["schema_version"],
            db::migrations_for(GetParam(), embedded_files()).back().version);
  EXPECT_EQ(response["Cache-Control"], "no-store");
}

TEST_P(SystemApiTest, HealthzIs503WhenTheDatabaseFails) {
  auto tx = db_->write();
  tx.execute("DROP TABLE schema_migrations");
  tx.commit();
  test::RunningServer server(router_);
  auto response =
      test::send(server.port(), bhttp::verb::get, "/healthz", {}, {}, {{"Accept-Language", "en"}});
  EXPECT_EQ(response.result_int(), 503);
  auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["code"], "unavailable");
  EXPECT_EQ(body["title"], "The service is unavailable.");
  EXPECT_EQ(response.body().find("schema_migrations"), std::string::npos);
}

TEST_P(SystemApiTest, ServesTheApiDocumentAndVersion) {
  test::RunningServer server(router_);
  auto document = test::send(server.port(), bhttp::verb::get, "/api/v1/openapi.yaml");
  EXPECT_EQ(document.result_int(), 200);
  EXPECT_EQ(document["Content-Type"], "application/yaml; charset=utf-8");
  EXPECT_TRUE(document.body().starts_with("openapi: 3.1.0"));
  auto version = test::send(server.port(), bhttp::verb::get, "/api/v1/version");
  EXPECT_EQ(nlohmann::json::parse(version.body())["version"], HERSYS_VERSION);
}

TEST_P(SystemApiTest, EveryRouteIsInTheApiDocumentAndEveryDocumentedRouteExists) {
  const auto documented = documented_operations(*embedded_file("openapi.yaml"));
  ASSERT_FALSE(documented.empty());
  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& route : router_.routes()) {
    std::string method(bhttp::to_string(route.method));
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    routed.emplace(method, route.pattern);
    EXPECT_TRUE(documented.contains({method, route.pattern}))
        << method << " " << route.pattern << " is missing from docs/openapi.yaml";
  }
  for (const auto& [method, path] : documented) {
    EXPECT_TRUE(routed.contains({method, path}))
        << method << " " << path << " is documented but not routed";
  }
}

// The route table for the contract check (issue 19 item 13): contract.check compares each
// documented operation with its route - a JSON body (requestBody, and 415 listed) exactly when
// the route reads one, the body optional exactly when the route takes none as {}, `security: []`
// exactly for public routes, 401 and 403 for the others, 503 unless it runs on the I/O thread.
TEST_P(SystemApiTest, WritesTheRouteTableForTheOpenApiCheck) {
  const char* dir = std::getenv("HERSYS_CONTRACT_DIR");
  if (dir == nullptr) GTEST_SKIP() << "ctest sets HERSYS_CONTRACT_DIR";
  auto routes = nlohmann::json::array();
  for (const auto& route : router_.routes()) {
    const auto& o = route.options;
    // The pipeline reads a JSON body for these methods only (platform/http/pipeline.cpp).
    const bool reads_body = route.method == http::Verb::post || route.method == http::Verb::put ||
                            route.method == http::Verb::patch;
    std::string access = o.access == http::Access::public_access         ? "public"
                         : o.access == http::Access::sign_in_in_progress ? "sign_in_in_progress"
                                                                         : "signed_in";
    routes.push_back({{"method", std::string(bhttp::to_string(route.method))},
                      {"pattern", route.pattern},
                      {"access", access},
                      {"json_body", o.json_body && reads_body},
                      {"body_optional", o.body_optional},
                      {"io_thread", o.execution == http::Execution::io_thread}});
  }
  ASSERT_FALSE(routes.empty());
  // Written whole and renamed, so the check never reads half a table (both backends write it).
  const auto path = std::filesystem::path(dir) / "routes.json";
  const auto partial = path.string() + "." + std::to_string(getpid());
  std::ofstream(partial) << routes.dump(2) << "\n";
  std::filesystem::rename(partial, path);
  EXPECT_TRUE(std::filesystem::exists(path));
}

// The response contract check (ctest's contract.check) sees only what test::send() records; a
// recorder that silently stopped would let every answer pass.
TEST_P(SystemApiTest, SendRecordsEachExchangeForTheContractCheck) {
  const char* dir = std::getenv("HERSYS_CONTRACT_DIR");
  if (dir == nullptr) GTEST_SKIP() << "ctest sets HERSYS_CONTRACT_DIR";
  test::RunningServer server(router_);
  const auto target = "/api/v1/version?probe=" + std::to_string(server.port());
  ASSERT_EQ(test::send(server.port(), bhttp::verb::get, target).result_int(), 200);
  std::ifstream in(std::filesystem::path(dir) / (std::to_string(getpid()) + ".jsonl"));
  std::optional<nlohmann::json> recorded;
  for (std::string line; std::getline(in, line);) {
    auto exchange = nlohmann::json::parse(line);
    if (exchange["target"] == target) recorded = std::move(exchange);
  }
  ASSERT_TRUE(recorded) << target << " was not recorded in " << dir;
  EXPECT_EQ((*recorded)["method"], "GET");
  EXPECT_EQ((*recorded)["status"], 200);
  EXPECT_EQ((*recorded)["content_type"], "application/json; charset=utf-8");
  EXPECT_EQ((*recorded)["body"]["name"], "hersys");
}

TEST(DocumentedOperations, ReadsPathsAndMethodsOnly) {
  auto ops = documented_operations(
      "openapi: 3.1.0\npaths:\n  /a/{id}:\n    get:\n      summary: x\n    post:\n"
      "      responses:\n        get:\n  /b:\n    delete:\ncomponents:\n  /c:\n    get:\n");
  EXPECT_EQ(ops, (std::set<std::pair<std::string, std::string>>{
                     {"get", "/a/{id}"}, {"post", "/a/{id}"}, {"delete", "/b"}}));
}

}  // namespace hersys::app
