#pragma once
// The two implementations behind Database::open; internal to platform/db.
#include "platform/db/database.h"

namespace hersys::db {

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options);
std::unique_ptr<Database> open_postgresql(const std::string& url, const OpenOptions& options);

}  // namespace hersys::db
