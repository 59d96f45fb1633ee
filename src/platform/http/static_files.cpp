#include "platform/http/static_files.h"

#include <fstream>
#include <sstream>

#include "platform/http/problem.h"

namespace hersys::http {
namespace fs = std::filesystem;
using field = boost::beast::http::field;
namespace {

constexpr std::string_view kNotBuiltPage = R"(<!doctype html>
<html lang="ja"><meta charset="utf-8"><title>HER-SYS (hersys)</title>
<h1>hersys は起動しています / hersys is running</h1>
<p>ブラウザ用アプリはまだビルドされていません。API: <a href="/api/v1/openapi.yaml">/api/v1/openapi.yaml</a>,
稼働確認 / health: <a href="/healthz">/healthz</a></p>
<p>The browser app is not built yet.</p>
</html>
)";

bool safe_segment(const std::string& s) {
  return !s.empty() && s != "." && s != ".." && s.find('\0') == std::string::npos &&
         s.find('/') == std::string::npos && s.find('\\') == std::string::npos;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

Response file_response(const fs::path& file, bool immutable) {
  auto contents = read_file(file);
  if (!contents) throw Problem::not_found();
  auto response = Response::text(Status::ok, std::move(*contents), std::string(mime_type(file)));
  response.headers.set(field::cache_control,
                       immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace

std::string_view mime_type(const fs::path& file) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".yaml", "application/yaml; charset=utf-8"},
  };
  const auto ext = file.extension().string();
  for (const auto& [suffix, type] : kTypes) {
    if (ext == suffix) return type;
  }
  return "application/octet-stream";
}

Handler static_files(fs::path root) {
  std::error_code ec;
  auto canonical_root = fs::weakly_canonical(root, ec);
  return [root = canonical_root](Request& request) -> Response {
    fs::path relative;
    for (const auto& segment : request.segments) {
      if (!safe_segment(segment)) throw Problem::not_found();
      relative /= segment;
    }
    const fs::path index = root / "index.html";
    std::error_code ec;
    const bool built = fs::is_regular_file(index, ec);
    if (!built) {
      if (!relative.empty()) throw Problem::not_found();
      auto response =
          Response::text(Status::ok, std::string(kNotBuiltPage), "text/html; charset=utf-8");
      response.headers.set(field::cache_control, "no-cache");
      return response;
    }
    if (relative.empty()) return file_response(index, false);

    auto file = fs::weakly_canonical(root / relative, ec);
    const auto [root_end, unused] =
        std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    const bool inside = !ec && root_end == root.end();
    if (inside && fs::is_regular_file(file, ec)) {
      return file_response(file, request.segments.front() == "assets");
    }
    // A client-side route ("/cases/search") is the app's; a missing file ("/x.js") is not.
    if (!relative.has_extension()) return file_response(index, false);
    throw Problem::not_found();
  };
}

}  // namespace hersys::http
