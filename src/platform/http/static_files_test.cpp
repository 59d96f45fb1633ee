#include "platform/http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "platform/http/pipeline.h"
#include "platform/http/problem.h"
#include "test_support.h"

namespace hersys::http {
namespace {
using field = boost::beast::http::field;
namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write(root() / "index.html", "<html>app</html>");
    write(root() / "assets" / "app-3f2a.js", "console.log(1)");
    write(root() / "favicon.ico", "ico");
    write(dir_.path() / "secret.txt", "outside the root");
    fs::create_symlink(dir_.path() / "secret.txt", root() / "link.txt");
    handler_ = static_files(root());
  }
  fs::path root() const { return dir_.path() / "dist"; }

  // The status and body for a GET of `target`; 404 when the handler throws not_found.
  std::pair<Status, Response> get(const std::string& target) {
    Request r;
    r.method = Verb::get;
    if (!parse_target(target, r)) return {Status::bad_request, {}};
    try {
      auto response = handler_(r);
      return {response.status, response};
    } catch (const Problem& p) {
      return {status_of(p.kind()), {}};
    }
  }

  test::TempDir dir_;
  Handler handler_;
};

}  // namespace

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCacheHeaders) {
  auto [status, index] = get("/");
  EXPECT_EQ(status, Status::ok);
  EXPECT_EQ(index.body, "<html>app</html>");
  EXPECT_EQ(index.headers[field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers[field::cache_control], "no-cache");

  auto [js_status, js] = get("/assets/app-3f2a.js");
  EXPECT_EQ(js_status, Status::ok);
  EXPECT_EQ(js.headers[field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers[field::cache_control], "public, max-age=31536000, immutable");

  EXPECT_EQ(get("/favicon.ico").second.headers[field::content_type], "image/x-icon");
}

TEST_F(StaticFilesTest, ClientSideRoutesGetIndexButMissingFilesAre404) {
  auto [status, page] = get("/cases/search");
  EXPECT_EQ(status, Status::ok);
  EXPECT_EQ(page.body, "<html>app</html>");
  EXPECT_EQ(get("/assets/missing.js").first, Status::not_found);
}

TEST_F(StaticFilesTest, NoPathTraversal) {
  EXPECT_EQ(get("/../secret.txt").first, Status::not_found);
  EXPECT_EQ(get("/assets/../../secret.txt").first, Status::not_found);
  EXPECT_EQ(get("/%2e%2e/secret.txt").first, Status::not_found);
  EXPECT_EQ(get("/%2e%2e%2fsecret.txt").first, Status::not_found);
  EXPECT_EQ(get("/..%5csecret.txt").first, Status::not_found);
  EXPECT_EQ(get("/index.html%00.js").first, Status::not_found);
  EXPECT_EQ(get("/link.txt").first, Status::not_found);  // symlink out of the root
}

TEST(StaticFilesNotBuilt, RootSaysTheAppIsNotBuilt) {
  test::TempDir empty;
  auto handler = static_files(empty.path() / "dist");
  Request r;
  r.method = Verb::get;
  ASSERT_TRUE(parse_target("/", r));
  auto response = handler(r);
  EXPECT_EQ(response.status, Status::ok);
  EXPECT_NE(response.body.find("hersys"), std::string::npos);
  Request other;
  ASSERT_TRUE(parse_target("/cases", other));
  EXPECT_THROW(handler(other), Problem);
}

TEST(MimeType, KnownAndUnknownExtensions) {
  EXPECT_EQ(mime_type("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(mime_type("a.woff2"), "font/woff2");
  EXPECT_EQ(mime_type("a.unknown"), "application/octet-stream");
  EXPECT_EQ(mime_type("noext"), "application/octet-stream");
}

}  // namespace hersys::http
