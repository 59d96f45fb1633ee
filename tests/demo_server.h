#pragma once
// The demo organisations behind a real HTTP server on loopback, on either database, with a
// clock the test moves: the world an API test meets as a new user would (`hersys demo`).
#include <gtest/gtest.h>

#include <map>

#include "app/demo.h"
#include "app/routes.h"
#include "browser.h"
#include "identity/rules.h"
#include "platform/db/migrations.h"

namespace hersys::test {

class DemoServer : public ::testing::TestWithParam<db::Dialect> {
 protected:
  DemoServer() {
    db::migrate(*db_, clock_);
    for (auto& s : app::seed_demo(*db_, clock_)) demo_.emplace(s.key, std::move(s));
    app::register_routes(router_, context_);
    server_ = std::make_unique<RunningServer>(router_);
  }

  Browser browser() { return Browser{server_->port(), {}, {}, {}}; }

  // Password and TOTP, as the demo prints them. Each call moves the clock past the code's step.
  Browser signed_in(const std::string& key) {
    using namespace std::chrono_literals;
    const auto& d = demo_.at(key);
    auto b = browser();
    auto r = b.post("/api/v1/auth/sign-in",
                    {{"login_id", d.account.login_id}, {"password", d.password}});
    EXPECT_EQ(r.result_int(), 200) << r.body();
    EXPECT_EQ(body_of(r)["stage"], "second_factor");
    clock_.advance(30s);
    r = b.post("/api/v1/auth/second-factor",
               {{"code", identity::totp_code(d.totp_secret, clock_.now())}});
    EXPECT_EQ(r.result_int(), 200) << r.body();
    EXPECT_EQ(body_of(r)["stage"], "active");
    return b;
  }

  std::string id_of(const std::string& key) {
    return std::to_string(demo_.at(key).organisation.id);
  }

  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} +
                     std::chrono::hours(1)};
  TestDatabase db_{GetParam()};
  app::Context context_{*db_, clock_};
  http::Router router_;
  std::unique_ptr<RunningServer> server_;
  std::map<std::string, app::DemoSignIn> demo_;
};

}  // namespace hersys::test
