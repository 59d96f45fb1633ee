#include "audit/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "audit/rules.h"
#include "platform/time/format.h"

namespace hersys::audit {
namespace {

constexpr std::string_view kColumns =
    "id, recorded_at, action, type, account_id, organisation_id, resource_type, resource_id, "
    "patient_id, outcome, client_address, request_id, detail, previous_hash, hash";

// A stored row as a Record. Unknown codes are kept as read so verify() sees the hash mismatch
// rather than failing to parse.
Record from_row(const db::Row& row) {
  Record r;
  r.id = row.integer(0);
  r.recorded_at = row.text(1);
  r.event.action = parse_name<Action>(row.text(2)).value_or(Action::execute);
  r.event.type = row.text(3);
  r.event.account_id = row.optional_integer(4);
  r.event.organisation_id = row.optional_integer(5);
  r.event.resource_type = row.text(6);
  r.event.resource_id = row.text(7);
  r.event.patient_id = row.text(8);
  r.event.outcome = parse_name<Outcome>(row.text(9)).value_or(Outcome::failure);
  r.event.client_address = row.text(10);
  r.event.request_id = row.text(11);
  r.event.detail = row.text(12);
  r.previous_hash = row.text(13);
  r.hash = row.text(14);
  return r;
}

}  // namespace

std::int64_t append(db::Transaction& tx, const Event& event, Clock::time_point now) {
  Record r;
  r.event = event;
  r.recorded_at = iso8601_utc(now);
  // Numbers the record and locks the chain's head until commit: one appender at a time, and
  // a waiting one reads the head its predecessor left (the insert's trigger moves the hash).
  const auto head = tx.query_one("UPDATE audit_head SET id = id + 1 RETURNING id, hash");
  r.id = head->integer(0);
  r.previous_hash = head->text(1);
  r.hash = chain_hash(r);
  tx.execute(
      fmt::format("INSERT INTO audit_log ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                  "?, ?, ?)",
                  kColumns),
      {r.id, r.recorded_at, std::string(name_of(event.action)), event.type,
       db::nullable(event.account_id), db::nullable(event.organisation_id), event.resource_type,
       event.resource_id, event.patient_id, std::string(name_of(event.outcome)),
       event.client_address, event.request_id, event.detail, r.previous_hash, r.hash});
  return r.id;
}

std::int64_t append(db::Database& database, const Event& event, Clock::time_point now) {
  auto tx = database.write();
  const auto id = append(tx, event, now);
  tx.commit();
  return id;
}

Verification verify(db::Database& database, std::optional<Head> expected, size_t max_problems) {
  constexpr int kPage = 5000;
  Verification v;
  std::string previous_hash = kGenesisHash;
  std::int64_t expected_id = 1;
  auto session = database.read();
  const auto problem = [&](std::string text) {
    if (v.problems.size() < max_problems) v.problems.push_back(std::move(text));
  };
  for (;;) {
    auto page = session.query(
        fmt::format("SELECT {} FROM audit_log WHERE id >= ? ORDER BY id LIMIT {}", kColumns, kPage),
        {expected_id});
    for (const auto& row : page.rows) {
      const Record r = from_row(row);
      if (r.id != expected_id) {
        problem(r.id == expected_id + 1
                    ? fmt::format("record {} is missing (deleted)", expected_id)
                    : fmt::format("records {} to {} are missing (deleted)", expected_id, r.id - 1));
      } else if (r.previous_hash != previous_hash) {
        problem(fmt::format("record {} does not follow record {} (reordered or replaced)", r.id,
                            r.id - 1));
      }
      if (chain_hash(r) != r.hash) {
        problem(fmt::format("record {} does not match its hash (edited)", r.id));
      }
      if (expected && r.id == expected->id && r.hash != expected->hash) {
        problem(fmt::format("record {} is not the one noted earlier (replaced)", r.id));
      }
      previous_hash = r.hash;
      expected_id = r.id + 1;
      ++v.records;
      v.head_id = r.id;
      v.head_hash = r.hash;
    }
    if (page.rows.size() < static_cast<size_t>(kPage)) break;
  }
  if (expected && expected->id > v.head_id) {
    problem(fmt::format("records {} to {} are missing (the log was truncated)", v.head_id + 1,
                        expected->id));
  }
  return v;
}

std::vector<Record> list(db::Session& session, std::optional<std::int64_t> organisation_id,
                         std::int64_t before_id, int limit) {
  std::string sql = fmt::format("SELECT {} FROM audit_log WHERE id < ?", kColumns);
  db::Params params{before_id > 0 ? before_id : std::numeric_limits<std::int64_t>::max()};
  if (organisation_id) {
    sql += " AND organisation_id = ?";
    params.push_back(*organisation_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.push_back(static_cast<std::int64_t>(limit));
  std::vector<Record> records;
  for (const auto& row : session.query(sql, params).rows) records.push_back(from_row(row));
  return records;
}

std::vector<Version> versions_of(db::Session& session, std::int64_t patient_id) {
  const auto result = session.query(
      "SELECT resource_type, resource_id, version, change, data, account_id, organisation_id, "
      "changed_at FROM record_versions WHERE patient_id = ? ORDER BY id DESC",
      {patient_id});
  std::vector<Version> versions;
  for (const auto& row : result.rows) {
    versions.push_back({patient_id, row.text(0), row.integer(1), row.integer(2), row.text(3),
                        row.text(4), row.optional_integer(5), row.optional_integer(6),
                        row.text(7)});
  }
  return versions;
}

// The versions of one change, in one statement.
void add_versions(db::Transaction& tx, const std::vector<Version>& versions) {
  if (versions.empty()) return;
  std::string sql =
      "INSERT INTO record_versions (patient_id, resource_type, resource_id, version, change, "
      "data, account_id, organisation_id, changed_at) VALUES ";
  db::Params params;
  for (const auto& v : versions) {
    sql += params.empty() ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    params.insert(params.end(),
                  {v.patient_id, v.resource_type, v.resource_id, v.version, v.change, v.data,
                   db::nullable(v.account_id), db::nullable(v.organisation_id), v.changed_at});
  }
  tx.execute(sql, params);
}

namespace {

// kColumns with the table's alias, for statements that join.
std::string columns_of(std::string_view alias) {
  std::string out;
  std::string_view rest = kColumns;
  while (!rest.empty()) {
    const auto comma = rest.find(", ");
    out += fmt::format("{}{}.{}", out.empty() ? "" : ", ", alias, rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
  }
  return out;
}

// The WHERE clause of `filter` over audit_log `l`.
std::string where_of(const Filter& f, db::Params& params) {
  std::string sql = " WHERE l.organisation_id = ?";
  params.push_back(f.organisation_id);
  const auto add = [&](std::string_view condition, db::Value value) {
    sql += fmt::format(" AND {}", condition);
    params.push_back(std::move(value));
  };
  if (!f.from.empty()) add("l.recorded_at >= ?", f.from);
  if (!f.until.empty()) add("l.recorded_at < ?", f.until);
  if (f.type) add("l.type = ?", std::string(name_of(*f.type)));
  if (f.account_id) add("l.account_id = ?", *f.account_id);
  if (f.resource_type) add("l.resource_type = ?", std::string(name_of(*f.resource_type)));
  if (f.outcome) add("l.outcome = ?", std::string(name_of(*f.outcome)));
  if (f.before_id > 0) add("l.id < ?", f.before_id);
  return sql;
}

}  // namespace

Page search(db::Session& session, const Filter& filter) {
  Page page;
  db::Params params;
  const auto where = where_of(filter, params);
  page.total = session.query_one("SELECT COUNT(*) FROM audit_log l" + where, params)->integer(0);
  auto sql = fmt::format(
      "SELECT {}, COALESCE(a.display_name, ''), COALESCE(o.name, '') FROM audit_log l "
      "LEFT JOIN accounts a ON a.id = l.account_id "
      "LEFT JOIN organisations o ON o.id = l.organisation_id{} ORDER BY l.id DESC",
      columns_of("l"), where);
  if (filter.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.push_back(static_cast<std::int64_t>(filter.limit));
    params.push_back(filter.offset);
  }
  constexpr int kNames = 15;  // the first column after kColumns
  for (const auto& row : session.query(sql, params).rows) {
    page.records.push_back({from_row(row), row.text(kNames), row.text(kNames + 1)});
  }
  return page;
}

std::vector<HistoryEntry> history_of(db::Session& session, std::int64_t patient_id,
                                     std::int64_t offset, int limit, std::int64_t& total) {
  const auto result = session.query(
      "SELECT v.resource_type, v.resource_id, v.version, v.change, v.data, v.account_id, "
      "v.organisation_id, v.changed_at, COALESCE(a.display_name, ''), COALESCE(o.name, '') "
      "FROM record_versions v LEFT JOIN accounts a ON a.id = v.account_id "
      "LEFT JOIN organisations o ON o.id = v.organisation_id "
      "WHERE v.patient_id = ? ORDER BY v.id",
      {patient_id});
  // Oldest first, so each version meets the one before it of the same record.
  std::vector<HistoryEntry> entries;
  std::map<std::pair<std::string, std::int64_t>, std::string> previous;
  for (const auto& row : result.rows) {
    HistoryEntry e;
    e.version = {patient_id,  row.text(0), row.integer(1),          row.integer(2),
                 row.text(3), row.text(4), row.optional_integer(5), row.optional_integer(6),
                 row.text(7)};
    e.account_name = row.text(8);
    e.organisation_name = row.text(9);
    auto& before = previous[{e.version.resource_type, e.version.resource_id}];
    e.changes = changes_between(before, e.version.data);
    before = e.version.data;
    entries.push_back(std::move(e));
  }
  total = static_cast<std::int64_t>(entries.size());
  std::reverse(entries.begin(), entries.end());
  const auto first = std::min<std::int64_t>(offset, total);
  const auto last = limit > 0 ? std::min<std::int64_t>(first + limit, total) : total;
  return {std::make_move_iterator(entries.begin() + first),
          std::make_move_iterator(entries.begin() + last)};
}

}  // namespace hersys::audit
