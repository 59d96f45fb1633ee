// PostgreSQL through libpq: a pool of connections shared by reads and writes. Parameters and
// results travel as text; integer, floating and boolean columns are converted back so rows look
// the same as from SQLite.
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdio>
#include <unordered_map>

#include "platform/db/drivers.h"
#include "platform/db/pool.h"

namespace hersys::db {
namespace {

// Type OIDs from PostgreSQL's pg_type catalogue (stable across versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using OwnedResult = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) {
    const char* keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
    const char* values[] = {url.c_str(), "hersys", "UTF8", nullptr};
    conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw Error("cannot connect to PostgreSQL " + redact_url(url) + ": " + message);
    }
    // Notices ("drop cascades to ...") are for operators debugging, not stderr.
    PQsetNoticeProcessor(
        conn_, [](void*, const char* message) { spdlog::debug("postgresql: {}", message); },
        nullptr);
    execute_script("SET TIME ZONE 'UTC'");
  }

  ~PostgresConnection() override { PQfinish(conn_); }

  Result execute(std::string_view sql, const Params& params) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) continue;
      if (auto n = std::get_if<std::int64_t>(&p)) {
        texts[i] = std::to_string(*n);
      } else if (auto d = std::get_if<double>(&p)) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", *d);
        texts[i] = buffer;
      } else {
        texts[i] = std::get<std::string>(p);
      }
      values[i] = texts[i].c_str();
    }
    const int n = static_cast<int>(params.size());
    const std::string text(sql);
    const std::string* name = prepared(text, n);
    OwnedResult r(
        name ? PQexecPrepared(conn_, name->c_str(), n, values.data(), nullptr, nullptr, 0)
             : PQexecParams(conn_, text.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0));
    check(r.get());
    Result result;
    const int columns = PQnfields(r.get()), rows = PQntuples(r.get());
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(PQfname(r.get(), c));
    result.rows.reserve(rows);
    for (int row = 0; row < rows; ++row) {
      std::vector<Value> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c) cells.push_back(cell(r.get(), row, c));
      result.rows.emplace_back(std::move(cells));
    }
    const char* affected = PQcmdTuples(r.get());
    if (affected && *affected) result.affected = std::stoll(affected);
    return result;
  }

  void execute_script(std::string_view sql) override {
    OwnedResult r(PQexec(conn_, std::string(sql).c_str()));
    check(r.get());
  }

  bool healthy() override {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }

 private:
  // Statements are parsed and planned once per connection, not on every call: planning the
  // joins of an ordinary request (the caller, the look-alikes, the prefecture) cost more than
  // running them. Only queries are prepared (BEGIN and COMMIT gain nothing), and the cache is
  // bounded: statements built from variable parts (multi-row inserts, search filters) could
  // otherwise grow it without end, so when full it starts again.
  static constexpr size_t kMaxPrepared = 256;

  const std::string* prepared(const std::string& sql, int params) {
    if (auto found = prepared_.find(sql); found != prepared_.end()) return &found->second;
    const auto verb = sql.substr(0, sql.find(' '));
    if (verb != "SELECT" && verb != "INSERT" && verb != "UPDATE" && verb != "DELETE" &&
        verb != "WITH") {
      return nullptr;
    }
    if (prepared_.size() >= kMaxPrepared) {
      OwnedResult r(PQexec(conn_, "DEALLOCATE ALL"));
      check(r.get());
      prepared_.clear();
    }
    std::string name = "hersys_" + std::to_string(++statements_);
    OwnedResult r(PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr));
    check(r.get());
    return &prepared_.emplace(sql, std::move(name)).first->second;
  }

  void check(PGresult* r) {
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    if (sqlstate == "23505") throw UniqueViolation(message);
    // Lock timeout, deadlock, serialisation failure, too many connections: worth a retry.
    if (sqlstate == "55P03" || sqlstate == "40P01" || sqlstate == "40001" || sqlstate == "53300") {
      throw Busy(message);
    }
    throw Error("PostgreSQL: " + message);
  }

  static Value cell(PGresult* r, int row, int c) {
    if (PQgetisnull(r, row, c)) return nullptr;
    const char* text = PQgetvalue(r, row, c);
    const int length = PQgetlength(r, row, c);
    switch (PQftype(r, c)) {
      case kInt2:
      case kInt4:
      case kInt8: {
        std::int64_t n = 0;
        std::from_chars(text, text + length, n);
        return n;
      }
      case kFloat4:
      case kFloat8: return std::strtod(text, nullptr);
      case kBool: return static_cast<std::int64_t>(text[0] == 't');
      default: return std::string(text, static_cast<size_t>(length));
    }
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
  std::uint64_t statements_ = 0;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, const OpenOptions& options)
      : url_(std::move(url)),
        pool_([this] { return std::make_unique<PostgresConnection>(url_); }, options.pool_size,
              options.acquire_timeout) {
    pool_.acquire();  // fail at start-up, not at the first request, when it cannot connect
  }

  Dialect dialect() const override { return Dialect::postgresql; }
  Session read() override { return Session(pool_.acquire(), Dialect::postgresql); }
  Transaction write() override {
    return Transaction(pool_.acquire(), Dialect::postgresql, "BEGIN");
  }
  std::string describe() const override { return "PostgreSQL " + redact_url(url_); }

 private:
  std::string url_;
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string& url, const OpenOptions& options) {
  return std::make_unique<PostgresDatabase>(url, options);
}

}  // namespace hersys::db
