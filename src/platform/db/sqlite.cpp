// SQLite: the embedded default. WAL so readers never block the writer; synchronous=FULL so a
// committed transaction survives power loss; one writer connection (SQLite allows one writer at
// a time anyway, and queueing in our pool is fairer than busy-waiting on the file lock) and a
// pool of read-only readers.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "platform/db/drivers.h"
#include "platform/db/pool.h"

namespace hersys::db {
namespace {

[[noreturn]] void raise(sqlite3* db, int code, std::string_view what) {
  std::string message = std::string(what) + ": " + sqlite3_errmsg(db);
  const int primary = code & 0xff;
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw UniqueViolation(message);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw Busy(message);
  throw Error(message);
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only, const OpenOptions& options) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw Error("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
    execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (read_only) execute_script("PRAGMA query_only=ON;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  Result execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* statement = prepare(sql);
    Result result;
    struct Reset {  // leave the cached statement ready for its next use, whatever happens
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{statement};
    if (static_cast<size_t>(sqlite3_bind_parameter_count(statement)) != params.size()) {
      throw Error("statement expects " + std::to_string(sqlite3_bind_parameter_count(statement)) +
                  " parameters, got " + std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) bind(statement, static_cast<int>(i + 1), params[i]);

    const int columns = sqlite3_column_count(statement);
    for (int c = 0; c < columns; ++c)
      result.columns.emplace_back(sqlite3_column_name(statement, c));
    for (;;) {
      const int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) raise(db_, rc, "SQLite statement failed");
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) values.push_back(column(statement, c));
      result.rows.emplace_back(std::move(values));
    }
    result.affected = sqlite3_changes64(db_);
    return result;
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      raise(db_, rc, "SQLite script failed (" + message + ")");
    }
  }

  bool healthy() override { return sqlite3_get_autocommit(db_) != 0; }

 private:
  static constexpr size_t kStatementCacheSize = 256;

  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    if (statements_.size() >= kStatementCacheSize) {
      for (auto& [text, statement] : statements_) sqlite3_finalize(statement);
      statements_.clear();
    }
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (rc != SQLITE_OK) raise(db_, rc, "SQLite prepare failed");
    if (!statement) throw Error("empty SQL statement");
    for (; tail && *tail; ++tail) {
      if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
        sqlite3_finalize(statement);
        throw Error("one statement per call; use execute_script for several");
      }
    }
    statements_.emplace(std::move(key), statement);
    return statement;
  }

  void bind(sqlite3_stmt* statement, int index, const Value& value) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      rc = sqlite3_bind_null(statement, index);
    } else if (auto i = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(statement, index, *i);
    } else if (auto d = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(statement, index, *d);
    } else {
      const auto& s = std::get<std::string>(value);
      rc = sqlite3_bind_text64(statement, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) raise(db_, rc, "SQLite bind failed");
  }

  static Value column(sqlite3_stmt* statement, int c) {
    switch (sqlite3_column_type(statement, c)) {
      case SQLITE_NULL: return nullptr;
      case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(statement, c));
      case SQLITE_FLOAT: return sqlite3_column_double(statement, c);
      default: {
        auto data = static_cast<const char*>(sqlite3_column_blob(statement, c));
        return std::string(data ? data : "",
                           static_cast<size_t>(sqlite3_column_bytes(statement, c)));
      }
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options)
      : path_(std::move(path)),
        writer_(
            [this, options] { return std::make_unique<SqliteConnection>(path_, false, options); },
            1, options.acquire_timeout),
        readers_(
            [this, options] { return std::make_unique<SqliteConnection>(path_, true, options); },
            options.pool_size, options.acquire_timeout) {
    // Open the writer once now: it creates the file and switches it to WAL before any reader.
    writer_.acquire();
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  Session read() override { return Session(readers_.acquire(), Dialect::sqlite); }
  Transaction write() override {
    return Transaction(writer_.acquire(), Dialect::sqlite, "BEGIN IMMEDIATE");
  }
  std::string describe() const override { return "SQLite " + path_; }

 private:
  std::string path_;
  ConnectionPool writer_;
  ConnectionPool readers_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace hersys::db
