#include "platform/embedded.h"

namespace hersys {

std::optional<std::string_view> embedded_file(std::string_view name) {
  for (const auto& file : embedded_files()) {
    if (file.name == name) return file.contents;
  }
  return std::nullopt;
}

}  // namespace hersys
