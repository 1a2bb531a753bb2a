// The web UI's files: content types, validators, client routes, traversal refused, /v1 untouched.
#include "daemon/api/web_app_files.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/http/request_target.h"
#include "daemon/http/router.h"

namespace duly::daemon {
namespace {

namespace fs = std::filesystem;

std::string HeaderOf(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

class WebAppFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    root_ = fs::temp_directory_path() /
            ("duly_web_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(root_);
    dist_ = root_ / "dist";
    fs::create_directories(dist_ / "assets");
    Write(dist_ / "index.html", "<!doctype html><title>duly</title>");
    Write(dist_ / "assets" / "app-1a2b.js", "console.log(1);");
    Write(dist_ / "assets" / "app-1a2b.css", "body{}");
    Write(dist_ / "favicon.svg", "<svg/>");
    Write(dist_ / ".env", "SECRET=1");
    Write(root_ / "secret.txt", "outside");
    fs::create_symlink(root_ / "secret.txt", dist_ / "escape.txt");
  }
  void TearDown() override { fs::remove_all(root_); }

  static void Write(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
  }

  HttpResponse Get(const std::string& target, const std::string& if_none_match = "") const {
    HttpRequest request;
    request.method = "GET";
    request.target = target;
    auto parsed = ParseRequestTarget(target);
    EXPECT_TRUE(parsed.has_value()) << target;
    if (parsed) request.path = parsed->path;
    if (!if_none_match.empty()) request.headers["if-none-match"] = if_none_match;
    return ServeWebAppFile(dist_.string(), request);
  }

  fs::path root_;
  fs::path dist_;
};

TEST_F(WebAppFilesTest, ServesAssetsWithTheirTypeAndImmutableCaching) {
  const HttpResponse js = Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1);");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(js, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Get("/assets/app-1a2b.css").content_type, "text/css; charset=utf-8");
  const HttpResponse svg = Get("/favicon.svg");
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(HeaderOf(svg, "Cache-Control"), "no-cache");
}

TEST_F(WebAppFilesTest, RootAndClientRoutesAnswerIndexHtmlRevalidated) {
  for (const std::string target : {"/", "/workflows", "/workflows/standard", "/customers/C1?x=1"}) {
    SCOPED_TRACE(target);
    const HttpResponse page = Get(target);
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, "<!doctype html><title>duly</title>");
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(HeaderOf(page, "Cache-Control"), "no-cache");
    EXPECT_NE(HeaderOf(page, "Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
  }
}

TEST_F(WebAppFilesTest, ETagRevalidationAnswers304WithoutBody) {
  const HttpResponse first = Get("/assets/app-1a2b.js");
  const std::string tag = HeaderOf(first, "ETag");
  ASSERT_FALSE(tag.empty());
  EXPECT_EQ(tag.front(), '"');
  const HttpResponse again = Get("/assets/app-1a2b.js", tag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_TRUE(again.content_type.empty());
  EXPECT_EQ(HeaderOf(again, "ETag"), tag);
  EXPECT_EQ(Get("/assets/app-1a2b.js", "\"other\", W/" + tag).status, 304);
  EXPECT_EQ(Get("/assets/app-1a2b.js", "\"other\"").status, 200);
  // Another content, another tag.
  Write(dist_ / "assets" / "app-1a2b.js", "console.log(2);");
  EXPECT_NE(HeaderOf(Get("/assets/app-1a2b.js"), "ETag"), tag);
}

TEST_F(WebAppFilesTest, MissingAssetsAreNotFound) {
  EXPECT_EQ(Get("/assets/app-ffff.js").status, 404);
  EXPECT_EQ(Get("/robots.txt").status, 404);
}

TEST_F(WebAppFilesTest, TraversalHiddenFilesAndEscapingSymlinksAreNotFound) {
  for (const std::string target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/%2e%2e/index.html", "/.env", "/assets/.%2e/.%2e/secret.txt",
        "/a%5c..%5csecret.txt", "/escape.txt", "/index.html%00.js"}) {
    SCOPED_TRACE(target);
    const HttpResponse response = Get(target);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body.find("outside"), std::string::npos);
    EXPECT_EQ(response.body.find("SECRET"), std::string::npos);
  }
}

TEST_F(WebAppFilesTest, AMissingFolderAnswersNotFoundNamingIt) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/";
  const HttpResponse response = ServeWebAppFile((root_ / "absent").string(), request);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("not installed"), std::string::npos);
}

TEST_F(WebAppFilesTest, RouterFallbackLeavesRoutesAndV1Untouched) {
  Router router([](const std::string&) -> Result<Principal> {
    return Principal{"test", Role::kAdmin};
  });
  router.Add("GET", "/healthz", {}, [](const RouteContext&) { return JsonResponse("{}"); });
  router.Add("GET", "/v1/customers", {Role::kAdmin},
             [](const RouteContext&) { return JsonResponse("[]"); });
  const std::string dist = dist_.string();
  router.SetFallback(
      [dist](const RouteContext& route) { return ServeWebAppFile(dist, route.request); });
  auto call = [&router](const std::string& method, const std::string& target) {
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.path = ParseRequestTarget(target)->path;
    return router.Handle(request);
  };
  EXPECT_EQ(call("GET", "/healthz").body, "{}");
  EXPECT_EQ(call("GET", "/v1/customers").status, 401);  // the API still wants its token
  EXPECT_EQ(call("GET", "/v1/nothing").status, 404);
  EXPECT_EQ(call("GET", "/v1").status, 404);
  EXPECT_EQ(call("GET", "/v1/nothing").content_type, "application/json");
  EXPECT_EQ(call("POST", "/workflows").status, 404);  // the UI is read with GET only
  EXPECT_EQ(call("GET", "/workflows").content_type, "text/html; charset=utf-8");
  EXPECT_EQ(call("GET", "/assets/app-1a2b.js").status, 200);
  for (const RouteInfo& route : router.Routes()) EXPECT_NE(route.pattern, "/");
}

TEST(WebContentTypeTest, KnownAndUnknownExtensions) {
  EXPECT_EQ(WebContentType("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(WebContentType("a.woff2"), "font/woff2");
  EXPECT_EQ(WebContentType("a.bin"), "application/octet-stream");
  EXPECT_EQ(WebContentType("noextension"), "application/octet-stream");
}

}  // namespace
}  // namespace duly::daemon
