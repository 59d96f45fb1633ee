#pragma once
// Server logging. One logger writing to stderr in buffered batches (journald / the container
// runtime collect it). Contract: nothing logged may contain personal data — log route patterns, ids
// of requests and outcomes, never paths with identifiers, query strings or bodies.
#include <spdlog/spdlog.h>

namespace hersys::log {

// Installs the process-wide logger. `level` is one of spdlog's names ("info", "debug", ...).
// Safe to call more than once; the last call wins.
void init(const std::string& level);

// Flushes and stops the background writer; call once at process end.
void shutdown();

}  // namespace hersys::log
