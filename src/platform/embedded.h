#pragma once
// Files compiled into the binary at build time (db/*.sql, docs/openapi.yaml); see
// cmake/embed.cmake.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hersys {

struct EmbeddedFile {
  std::string name;  // file name without directories, e.g. "0001_settings.sql"
  std::string contents;
};

const std::vector<EmbeddedFile>& embedded_files();

// The contents of the embedded file `name`, or nullopt.
std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace hersys
