#include "cases/record_store.h"

#include <fmt/format.h>

namespace hersys::cases {
namespace {

constexpr const char* kColumns =
    "e.id, e.patient_id, e.kind, e.status, e.effective_on, e.death_date, e.death_place_kind, "
    "e.death_place, e.note, e.account_id, e.organisation_id, e.written_at, "
    "COALESCE(a.display_name, ''), COALESCE(o.name, '')";
constexpr const char* kFrom =
    "FROM record_entries e LEFT JOIN accounts a ON a.id = e.account_id "
    "LEFT JOIN organisations o ON o.id = e.organisation_id";
// The latest first (validation.h later_entry), in the order of the indexes.
constexpr const char* kLatestFirst = "ORDER BY e.effective_on DESC, e.written_at DESC, e.id DESC";

template <typename Enum>
std::optional<Enum> choice_of(const db::Row& row, size_t i) {
  const auto text = row.optional_text(i);
  return text ? parse_name<Enum>(*text) : std::nullopt;
}

RecordEntry entry_from(const db::Row& row) {
  RecordEntry e;
  e.id = row.integer(0);
  e.patient_id = row.integer(1);
  e.kind = parse_name<RecordEntryKind>(row.text(2)).value_or(RecordEntryKind::note);
  e.status = choice_of<Status>(row, 3);
  e.effective_on = row.text(4);
  e.death_date = row.optional_text(5).value_or("");
  e.death_place_kind = choice_of<DeathPlace>(row, 6);
  e.death_place = row.optional_text(7).value_or("");
  e.note = row.optional_text(8).value_or("");
  e.account_id = row.optional_integer(9);
  e.organisation_id = row.optional_integer(10);
  e.written_at = row.text(11);
  e.account_name = row.text(12);
  e.organisation_name = row.text(13);
  return e;
}

template <typename Enum>
db::Value name_or_null(const std::optional<Enum>& value) {
  return value ? db::Value(std::string(name_of(*value))) : db::Value(nullptr);
}

}  // namespace

void insert_entry(db::Transaction& tx, RecordEntry& e) {
  const auto row = tx.query_one(
      "INSERT INTO record_entries (patient_id, kind, status, effective_on, death_date, "
      "death_place_kind, death_place, note, account_id, organisation_id, written_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.patient_id, std::string(name_of(e.kind)), name_or_null(e.status), e.effective_on,
       db::nullable(e.death_date), name_or_null(e.death_place_kind), db::nullable(e.death_place),
       db::nullable(e.note), db::nullable(e.account_id), db::nullable(e.organisation_id),
       e.written_at});
  e.id = row->integer(0);
}

std::vector<RecordEntry> entries_of(db::Session& session, std::int64_t patient_id,
                                    std::int64_t offset, int limit) {
  const auto result =
      session.query(fmt::format("SELECT {} {} WHERE e.patient_id = ? {} LIMIT ? OFFSET ?", kColumns,
                                kFrom, kLatestFirst),
                    {patient_id, static_cast<std::int64_t>(limit), offset});
  std::vector<RecordEntry> out;
  for (const auto& row : result.rows) out.push_back(entry_from(row));
  return out;
}

std::int64_t count_entries(db::Session& session, std::int64_t patient_id) {
  return session
      .query_one("SELECT COUNT(*) FROM record_entries WHERE patient_id = ?", {patient_id})
      ->integer(0);
}

std::optional<RecordEntry> latest_status_entry(db::Session& session, std::int64_t patient_id) {
  const auto row = session.query_one(
      fmt::format("SELECT {} {} WHERE e.patient_id = ? AND e.kind = 'status' {} LIMIT 1", kColumns,
                  kFrom, kLatestFirst),
      {patient_id});
  if (!row) return std::nullopt;
  return entry_from(*row);
}

}  // namespace hersys::cases
