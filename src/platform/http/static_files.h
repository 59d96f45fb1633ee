#pragma once
// Serves the built browser app (web/dist) as the router's fallback for GET/HEAD.
//  - Only regular files inside the root: "..", ".", NUL and backslashes are refused, and the
//    resolved path (symlinks followed) must stay inside the root.
//  - Vite's content-hashed files under /assets/ are cached for a year; everything else is
//    revalidated (index.html must never be stale after a deploy).
//  - A path with no file extension that names no file is a client-side route: index.html.
// Reads files, so it runs on the worker pool.
#include <filesystem>

#include "platform/http/router.h"

namespace hersys::http {

// The handler for `root`. When `root` holds no index.html, "/" answers with a short page that
// says the browser app is not built, and other paths with 404.
Handler static_files(std::filesystem::path root);

// The Content-Type for a file name's extension; application/octet-stream when unknown.
std::string_view mime_type(const std::filesystem::path& file);

}  // namespace hersys::http
