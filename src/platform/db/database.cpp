#include "platform/db/database.h"

#include "platform/db/drivers.h"
#include "platform/db/pool.h"

namespace hersys::db {

const Value& Row::at(size_t i) const {
  if (i >= values_.size()) throw Error("column index out of range");
  return values_[i];
}

std::int64_t Row::integer(size_t i) const {
  if (auto v = std::get_if<std::int64_t>(&at(i))) return *v;
  throw Error("column " + std::to_string(i) + " is not an integer");
}

double Row::real(size_t i) const {
  if (auto v = std::get_if<double>(&at(i))) return *v;
  if (auto v = std::get_if<std::int64_t>(&at(i))) return static_cast<double>(*v);
  throw Error("column " + std::to_string(i) + " is not a number");
}

const std::string& Row::text(size_t i) const {
  if (auto v = std::get_if<std::string>(&at(i))) return *v;
  throw Error("column " + std::to_string(i) + " is not text");
}

std::optional<std::string> Row::optional_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<std::int64_t> Row::optional_integer(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

Lease::Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

Result Session::query(std::string_view sql, const Params& params) {
  if (dialect_ == Dialect::postgresql) {
    return lease_->execute(to_postgresql_placeholders(sql), params);
  }
  return lease_->execute(sql, params);
}

std::optional<Row> Session::query_one(std::string_view sql, const Params& params) {
  auto result = query(sql, params);
  if (result.rows.empty()) return std::nullopt;
  return std::move(result.rows.front());
}

std::int64_t Session::execute(std::string_view sql, const Params& params) {
  return query(sql, params).affected;
}

Transaction::Transaction(Lease lease, Dialect dialect, std::string_view begin_sql)
    : Session(std::move(lease), dialect) {
  lease_->execute(begin_sql, {});
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    lease_->execute("ROLLBACK", {});
  } catch (...) {
    // The connection reports itself unhealthy and the pool replaces it.
  }
}

void Transaction::commit() {
  open_ = false;  // a failed COMMIT has ended the transaction too
  lease_->execute("COMMIT", {});
}

std::unique_ptr<Database> Database::open(const std::string& url, const OpenOptions& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgresql(url, options);
  }
  if (url.starts_with("sqlite://")) return open_sqlite(url.substr(9), options);
  if (url.starts_with("sqlite:")) return open_sqlite(url.substr(7), options);
  throw Error("unknown database URL scheme (use sqlite:PATH or postgresql://...): " +
              redact_url(url));
}

std::string to_postgresql_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // literal or quoted identifier; doubled quotes stay inside
      const auto end = sql.find(c, i + 1);
      const auto stop = end == std::string_view::npos ? sql.size() : end + 1;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      const auto stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto end = sql.find("*/", i + 2);
      const auto stop = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string redact_url(const std::string& url) {
  std::string redacted = url;
  // scheme://user:password@host -> scheme://user:***@host
  const auto scheme = redacted.find("://");
  const auto at = scheme == std::string::npos ? std::string::npos : redacted.find('@', scheme + 3);
  if (at != std::string::npos) {
    const auto colon = redacted.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) {
      redacted.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ...?password=secret&... (libpq accepts it as a query parameter too)
  const auto key = redacted.find("password=");
  if (key != std::string::npos) {
    const auto start = key + 9;
    const auto end = redacted.find('&', start);
    redacted.replace(start, (end == std::string::npos ? redacted.size() : end) - start, "***");
  }
  return redacted;
}

}  // namespace hersys::db
