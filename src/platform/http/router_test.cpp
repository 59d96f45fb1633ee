#include "platform/http/router.h"

#include <gtest/gtest.h>

#include "platform/http/pipeline.h"

namespace hersys::http {
namespace {

Request request_for(Verb method, const std::string& target) {
  Request r;
  r.method = method;
  EXPECT_TRUE(parse_target(target, r)) << target;
  return r;
}

Response ok(Request&) { return Response::text(Status::ok, "ok", "text/plain"); }

}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.add(Verb::get, "/api/v1/cases", ok);
  router.add(Verb::get, "/api/v1/cases/{id}", ok);
  router.add(Verb::get, "/api/v1/cases/{id}/tests/{test}", ok);

  auto r = request_for(Verb::get, "/api/v1/cases/123/tests/4");
  auto match = router.match(r);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/cases/{id}/tests/{test}");
  EXPECT_EQ(r.params.at("id"), "123");
  EXPECT_EQ(r.params.at("test"), "4");

  auto list = request_for(Verb::get, "/api/v1/cases/");  // trailing slash is the same route
  ASSERT_NE(router.match(list).route, nullptr);
  EXPECT_EQ(router.match(list).route->pattern, "/api/v1/cases");
}

TEST(Router, PercentEncodedSlashStaysInOneSegment) {
  Router router;
  router.add(Verb::get, "/api/v1/cases/{id}", ok);
  auto r = request_for(Verb::get, "/api/v1/cases/a%2Fb");
  ASSERT_NE(router.match(r).route, nullptr);
  EXPECT_EQ(r.params.at("id"), "a/b");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Router router;
  router.add(Verb::get, "/api/v1/things", ok);
  router.add(Verb::post, "/api/v1/things", ok);

  auto unknown = request_for(Verb::get, "/api/v1/nothing");
  EXPECT_EQ(router.match(unknown).status, Status::not_found);

  auto wrong = request_for(Verb::delete_, "/api/v1/things");
  auto match = router.match(wrong);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.status, Status::method_not_allowed);
  EXPECT_EQ(match.allow, "GET, HEAD, POST");
}

TEST(Router, HeadUsesTheGetRoute) {
  Router router;
  router.add(Verb::get, "/x", ok);
  auto r = request_for(Verb::head, "/x");
  EXPECT_NE(router.match(r).route, nullptr);
}

TEST(Router, FallbackServesGetOutsideTheApiOnly) {
  Router router;
  router.set_fallback(ok);
  auto page = request_for(Verb::get, "/cases/search");
  ASSERT_NE(router.match(page).route, nullptr);
  EXPECT_EQ(router.match(page).route->pattern, "(static)");

  auto api = request_for(Verb::get, "/api/v1/unknown");
  EXPECT_EQ(router.match(api).status, Status::not_found);
  auto post = request_for(Verb::post, "/index.html");
  EXPECT_EQ(router.match(post).status, Status::method_not_allowed);
}

TEST(Router, OnlyPublicRoutesMayRunOnTheIoThread) {
  Router router;
  EXPECT_THROW(router.add(Verb::get, "/a", ok, {.execution = Execution::io_thread}),
               std::invalid_argument);
  EXPECT_NO_THROW(router.add(Verb::get, "/b", ok,
                             {.execution = Execution::io_thread, .access = Access::public_access}));
}

TEST(Router, RejectsMalformedAndDuplicatePatterns) {
  Router router;
  router.add(Verb::get, "/a/{id}", ok);
  EXPECT_THROW(router.add(Verb::get, "/a/{id}", ok), std::invalid_argument);
  EXPECT_THROW(router.add(Verb::get, "no-slash", ok), std::invalid_argument);
  EXPECT_THROW(router.add(Verb::get, "/a//b", ok), std::invalid_argument);
  EXPECT_NO_THROW(router.add(Verb::post, "/a/{id}", ok));
}

}  // namespace hersys::http
