#pragma once
// The storage seam: one Database interface, two implementations (SQLite embedded by default,
// PostgreSQL for national scale), like LevelDB's Env. SQL is written once with `?` placeholders
// and rewritten for the dialect; the few dialect differences live in the features' stores.
//
// Thread safety: Database is thread-safe. A Session or Transaction holds one pooled connection
// and is used by one thread at a time.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/errors.h"

namespace hersys::db {

enum class Dialect { sqlite, postgresql };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// NULL for what is not there: an absent id, an empty text.
inline Value nullable(const std::optional<std::int64_t>& value) {
  return value ? Value(*value) : Value(nullptr);
}
inline Value nullable(const std::string& value) {
  return value.empty() ? Value(nullptr) : Value(value);
}

// A database failure. what() may quote the database's message: log it, never show it to users.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A UNIQUE or PRIMARY KEY constraint refused the write (the caller usually turns it into a
// field error, e.g. "already reported today").
class UniqueViolation : public Error {
 public:
  using Error::Error;
};

// No connection within the acquire timeout, or the database stayed locked: retry later (503).
class Busy : public TemporarilyUnavailable {
 public:
  using TemporarilyUnavailable::TemporarilyUnavailable;
};

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(at(i)); }
  // Typed access; throws Error on NULL or a value of another type.
  std::int64_t integer(size_t i) const;
  double real(size_t i) const;
  const std::string& text(size_t i) const;
  std::optional<std::string> optional_text(size_t i) const;
  std::optional<std::int64_t> optional_integer(size_t i) const;
  const Value& at(size_t i) const;

 private:
  std::vector<Value> values_;
};

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

// One driver connection. Not thread-safe; reached only through a Session.
class Connection {
 public:
  virtual ~Connection() = default;
  // One statement, placeholders already in the dialect's style.
  virtual Result execute(std::string_view sql, const Params& params) = 0;
  // Several statements, no parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // False once the connection is unusable (lost, or left inside a transaction).
  virtual bool healthy() = 0;
};

class ConnectionPool;

// A connection borrowed from a pool, given back when destroyed.
class Lease {
 public:
  Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection);
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_.get(); }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<Connection> connection_;
};

// A borrowed connection, each statement on its own (autocommit).
class Session {
 public:
  Session(Lease lease, Dialect dialect) : lease_(std::move(lease)), dialect_(dialect) {}
  Session(Session&&) noexcept = default;
  virtual ~Session() = default;

  Result query(std::string_view sql, const Params& params = {});
  // The first row, if any.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // Runs a statement and returns the number of rows it changed.
  std::int64_t execute(std::string_view sql, const Params& params = {});
  void execute_script(std::string_view sql) { lease_->execute_script(sql); }
  Dialect dialect() const { return dialect_; }

 protected:
  Lease lease_;
  Dialect dialect_;
};

// A write transaction. Rolls back when destroyed without commit() (an exception, an early
// return), so a failure never leaves half a change.
class Transaction : public Session {
 public:
  Transaction(Lease lease, Dialect dialect, std::string_view begin_sql);
  Transaction(Transaction&&) noexcept = default;
  ~Transaction() override;
  void commit();

 private:
  bool open_ = true;
};

struct OpenOptions {
  size_t pool_size = 8;  // PostgreSQL connections; SQLite readers (plus one writer)
  std::chrono::milliseconds acquire_timeout{10'000};
  std::chrono::milliseconds busy_timeout{5'000};  // SQLite: wait for the write lock
};

class Database {
 public:
  virtual ~Database() = default;

  // "sqlite:PATH" (or "sqlite://PATH") or "postgresql://..." / "postgres://..." (any libpq URI).
  // Throws Error when the database cannot be opened, with the password left out of the message.
  static std::unique_ptr<Database> open(const std::string& url, const OpenOptions& options = {});

  virtual Dialect dialect() const = 0;
  // A readable session. On SQLite it runs on a read-only reader connection.
  virtual Session read() = 0;
  // A write transaction. On SQLite there is one writer: transactions are serialised, and
  // take the write lock at BEGIN (IMMEDIATE), so they never fail half-way on lock upgrade.
  virtual Transaction write() = 0;
  // A description safe to log (no password).
  virtual std::string describe() const = 0;
};

// Rewrites `?` placeholders to PostgreSQL's `$1, $2, ...`, leaving string literals, quoted
// identifiers and comments alone.
std::string to_postgresql_placeholders(std::string_view sql);

// The URL with any password replaced by "***", for logs and messages.
std::string redact_url(const std::string& url);

}  // namespace hersys::db
