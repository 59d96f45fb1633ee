// The SQL of occurrence reports (store.h, "Reports").
#include <fmt/format.h>

#include "cases/json.h"
#include "cases/store.h"

namespace hersys::cases {

namespace {
constexpr const char* kReportColumns =
    "id, patient_id, reporter_id, area_health_center_id, state, superseded_by, confirmed_at, "
    "data, version, created_at, updated_at, confirmed_by, checked_at, checked_by";

Report report_from(db::Session& session, const db::Row& row) {
  Report r;
  r.id = row.integer(0);
  r.patient_id = row.integer(1);
  r.reporter_id = row.integer(2);
  r.area_health_center_id = row.integer(3);
  r.state = parse_name<ReportState>(row.text(4)).value_or(ReportState::draft);
  r.superseded_by = row.optional_integer(5);
  r.confirmed_at = row.optional_text(6).value_or("");
  r.fields = read_report_document(row.text(7));
  r.version = row.integer(8);
  r.created_at = row.text(9);
  r.updated_at = row.text(10);
  r.confirmed_by = row.optional_integer(11);
  r.checked_at = row.optional_text(12).value_or("");
  r.checked_by = row.optional_integer(13);
  const auto submissions = session.query(
      "SELECT diagnosis_class, submitted_at FROM report_submissions WHERE report_id = ? "
      "ORDER BY submitted_at",
      {r.id});
  for (const auto& s : submissions.rows) {
    r.submissions.push_back(
        {parse_name<DiagnosisClass>(s.text(0)).value_or(DiagnosisClass::confirmed), s.text(1)});
  }
  return r;
}

db::Params report_values(const Report& r) {
  const auto cls =
      r.fields.diagnosis_class ? std::string(name_of(*r.fields.diagnosis_class)) : std::string();
  return {std::string(name_of(r.state)),
          db::nullable(cls),
          r.fields.diagnosis_date,
          db::nullable(r.superseded_by),
          db::nullable(r.confirmed_at),
          report_document(r.fields),
          r.updated_at,
          db::nullable(r.confirmed_by),
          db::nullable(r.checked_at),
          db::nullable(r.checked_by)};
}
}  // namespace

void insert_report(db::Transaction& tx, Report& r) {
  r.version = 1;
  // The patient's row locked first (PostgreSQL): a transfer committing meanwhile either waits
  // for this report or is seen by it, so transferred_to and reported_by are never stale.
  tx.execute("UPDATE patients SET version = version WHERE id = ?", {r.patient_id});
  auto params = report_values(r);
  for (db::Value v :
       {db::Value(r.patient_id), db::Value(r.reporter_id), db::Value(r.area_health_center_id),
        db::Value(r.version), db::Value(r.created_at)}) {
    params.push_back(std::move(v));
  }
  // The inbox's reach (db/0019): the area's prefecture, and the patient's responsible health
  // center when it is not the area's (a case transferred in).
  params.insert(params.end(), {r.area_health_center_id, r.area_health_center_id, r.patient_id});
  const auto row = tx.query_one(
      "INSERT INTO reports (state, diagnosis_class, diagnosis_date, superseded_by, confirmed_at, "
      "data, updated_at, confirmed_by, checked_at, checked_by, patient_id, reporter_id, "
      "area_health_center_id, version, created_at, area_prefecture_code, transferred_to) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "(SELECT o.prefecture_code FROM organisations o WHERE o.id = ?), "
      "(SELECT p.responsible_health_center_id FROM patients p WHERE "
      "p.responsible_health_center_id <> ? AND p.id = ?)) RETURNING id",
      params);
  r.id = row->integer(0);
  refresh_reporting_institution(tx, r.patient_id);
}

bool update_report(db::Transaction& tx, Report& r) {
  auto params = report_values(r);
  params.emplace_back(r.id);
  params.emplace_back(r.version);
  const auto changed = tx.execute(
      "UPDATE reports SET state = ?, diagnosis_class = ?, diagnosis_date = ?, superseded_by = ?, "
      "confirmed_at = ?, data = ?, updated_at = ?, confirmed_by = ?, checked_at = ?, "
      "checked_by = ?, version = version + 1 "
      "WHERE id = ? AND version = ?",
      params);
  if (changed == 0) return false;
  ++r.version;
  refresh_reporting_institution(tx, r.patient_id);
  return true;
}

std::optional<Report> find_report(db::Session& session, std::int64_t id) {
  const auto row =
      session.query_one(fmt::format("SELECT {} FROM reports WHERE id = ?", kReportColumns), {id});
  if (!row) return std::nullopt;
  return report_from(session, *row);
}

std::vector<Report> reports_of(db::Session& session, std::int64_t patient_id) {
  const auto result = session.query(
      fmt::format("SELECT {} FROM reports WHERE patient_id = ? AND state <> 'deleted' "
                  "ORDER BY id",
                  kReportColumns),
      {patient_id});
  std::vector<Report> reports;
  for (const auto& row : result.rows) reports.push_back(report_from(session, row));
  return reports;
}

bool add_submission(db::Transaction& tx, std::int64_t report_id, DiagnosisClass diagnosis_class,
                    const std::string& at, std::int64_t account_id) {
  const auto added =
      tx.execute(
          "INSERT INTO report_submissions (report_id, diagnosis_class, submitted_at, "
          "submitted_by) VALUES (?, ?, ?, ?) ON CONFLICT (report_id, diagnosis_class) "
          "DO NOTHING",
          {report_id, std::string(name_of(diagnosis_class)), at, account_id}) == 1;
  // The inbox's order (issue 14 item 2): the latest submission.
  if (added) tx.execute("UPDATE reports SET submitted_at = ? WHERE id = ?", {at, report_id});
  return added;
}

std::vector<DraftSummary> drafts_of(db::Session& session, std::int64_t organisation_id,
                                    const PatientScope& scope, int limit, int offset) {
  db::Params params{organisation_id};
  const auto in_scope = scope.condition("r.patient_id", params);
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  // Who filed it: the account of the report's first version.
  const auto result = session.query(
      fmt::format("SELECT r.id, r.patient_id, p.data, r.diagnosis_class, r.updated_at, "
                  "a.display_name FROM reports r JOIN patients p ON p.id = r.patient_id "
                  "LEFT JOIN record_versions v ON v.resource_type = 'report' AND "
                  "v.resource_id = r.id AND v.version = 1 "
                  "LEFT JOIN accounts a ON a.id = v.account_id "
                  "WHERE r.reporter_id = ? AND r.state = 'draft' AND {} "
                  "ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?",
                  in_scope),
      params);
  std::vector<DraftSummary> drafts;
  for (const auto& row : result.rows) {
    Patient p;
    read_patient_document(row.text(2), p);
    DraftSummary d;
    d.id = row.integer(0);
    d.patient_id = row.integer(1);
    d.name = p.identity.name;
    d.kana = p.identity.kana;
    if (const auto cls = row.optional_text(3)) d.diagnosis_class = parse_name<DiagnosisClass>(*cls);
    d.updated_at = row.text(4);
    d.filed_by = row.optional_text(5).value_or("");
    drafts.push_back(std::move(d));
  }
  return drafts;
}

std::int64_t count_drafts(db::Session& session, std::int64_t organisation_id,
                          const PatientScope& scope, std::int64_t cap) {
  db::Params params{organisation_id};
  const auto in_scope = scope.condition("r.patient_id", params);
  params.emplace_back(cap);
  return session
      .query_one(fmt::format("SELECT COUNT(*) FROM (SELECT 1 AS one FROM reports r WHERE "
                             "r.reporter_id = ? AND r.state = 'draft' AND {} LIMIT ?) capped",
                             in_scope),
                 params)
      ->integer(0);
}

void remember_doctor(db::Transaction& tx, std::int64_t account_id, const std::string& doctor_name,
                     const std::string& at) {
  tx.execute(
      "INSERT INTO report_defaults (account_id, doctor_name, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT (account_id) DO UPDATE SET doctor_name = excluded.doctor_name, "
      "updated_at = excluded.updated_at",
      {account_id, doctor_name, at});
}

std::optional<std::string> remembered_doctor(db::Session& session, std::int64_t account_id) {
  const auto row = session.query_one("SELECT doctor_name FROM report_defaults WHERE account_id = ?",
                                     {account_id});
  if (!row) return std::nullopt;
  return row->text(0);
}

}  // namespace hersys::cases

namespace hersys::cases {
namespace {

// The inbox's rows as one or two index walks, each a WHERE on reports `r` with its parameters:
// what a page and its count share (issue 14, REP-5). A health center's: the reports filed in its
// area (the index reports_inbox) and those of the patients it is responsible for that were filed
// in another area, a case transferred in (ACL-5; reports_transferred_in); the two never
// overlap. A prefecture's and a 地方衛生研究所's: the reports of the prefecture's health centers
// (reports_by_prefecture; unchecked ones reports_data_check_by_prefecture). db/0015, db/0019.
struct InboxWalk {
  std::string where;
  db::Params params;
};

std::vector<InboxWalk> inbox_walks(const InboxReach& reach, InboxFilter filter,
                                   const PatientScope& scope) {
  std::vector<InboxWalk> walks;
  if (reach.health_center_id) {
    walks.push_back({"r.area_health_center_id = ?", {*reach.health_center_id}});
    walks.push_back({"r.transferred_to = ?", {*reach.health_center_id}});
  } else {
    walks.push_back({"r.area_prefecture_code = ?", {reach.prefecture_code}});
  }
  const char* state = "";
  switch (filter) {
    case InboxFilter::unconfirmed: state = " AND r.state = 'submitted'"; break;
    case InboxFilter::confirmed: state = " AND r.state = 'confirmed'"; break;
    case InboxFilter::unchecked:
      state = " AND r.state = 'confirmed' AND r.checked_at IS NULL";
      break;
    case InboxFilter::checked:
      state = " AND r.state = 'confirmed' AND r.checked_at IS NOT NULL";
      break;
  }
  for (auto& w : walks) {
    w.where += state;
    w.where += " AND r.superseded_by IS NULL AND " + scope.condition("r.patient_id", w.params);
  }
  return walks;
}

// The walks' first `limit` rows each of `select`, ordered by `order`, as one row set: each walk
// takes its index in order and stops at its limit.
std::string union_of(const std::vector<InboxWalk>& walks, const std::string& select,
                     const std::string& order, std::int64_t limit, db::Params& params) {
  std::string sql;
  for (size_t i = 0; i < walks.size(); ++i) {
    if (i > 0) sql += " UNION ALL ";
    sql += fmt::format("SELECT * FROM (SELECT {} FROM reports r WHERE {} {} LIMIT ?) w{}", select,
                       walks[i].where, order, i);
    params.insert(params.end(), walks[i].params.begin(), walks[i].params.end());
    params.emplace_back(limit);
  }
  return sql;
}

}  // namespace

std::vector<InboxLine> inbox_of(db::Session& session, const InboxReach& reach, InboxFilter filter,
                                const PatientScope& scope, int limit, int offset) {
  // The page's reports first (by the indexes, newest first), then their patients, institutions
  // and names by primary key.
  db::Params params;
  const auto rows =
      union_of(inbox_walks(reach, filter, scope), "r.id, r.submitted_at",
               "ORDER BY r.submitted_at DESC, r.id DESC", std::int64_t{limit} + offset, params);
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto result = session.query(
      fmt::format("SELECT r.id, r.patient_id, r.version, r.state, r.data, r.submitted_at, "
                  "r.reporter_id, o.name, r.confirmed_at, ca.display_name, r.checked_at, "
                  "ka.display_name, p.data FROM (SELECT u.id, u.submitted_at FROM ({}) u "
                  "ORDER BY u.submitted_at DESC, u.id DESC LIMIT ? OFFSET ?) page "
                  "JOIN reports r ON r.id = page.id "
                  "JOIN patients p ON p.id = r.patient_id "
                  "JOIN organisations o ON o.id = r.reporter_id "
                  "LEFT JOIN accounts ca ON ca.id = r.confirmed_by "
                  "LEFT JOIN accounts ka ON ka.id = r.checked_by "
                  "ORDER BY r.submitted_at DESC, r.id DESC",
                  rows),
      params);
  std::vector<InboxLine> lines;
  for (const auto& row : result.rows) {
    InboxLine l;
    l.id = row.integer(0);
    l.patient_id = row.integer(1);
    l.version = row.integer(2);
    l.state = parse_name<ReportState>(row.text(3)).value_or(ReportState::submitted);
    l.fields = read_report_document(row.text(4));
    l.submitted_at = row.optional_text(5).value_or("");
    l.reporter_id = row.integer(6);
    l.reporter_name = row.text(7);
    l.confirmed_at = row.optional_text(8).value_or("");
    l.confirmed_by = row.optional_text(9).value_or("");
    l.checked_at = row.optional_text(10).value_or("");
    l.checked_by = row.optional_text(11).value_or("");
    Patient p;
    read_patient_document(row.text(12), p);
    l.identity = std::move(p.identity);
    lines.push_back(std::move(l));
  }
  return lines;
}

std::int64_t count_inbox(db::Session& session, const InboxReach& reach, InboxFilter filter,
                         const PatientScope& scope, std::int64_t cap) {
  db::Params params;
  const auto rows = union_of(inbox_walks(reach, filter, scope), "1 AS one", "", cap, params);
  params.emplace_back(cap);
  return session
      .query_one(
          fmt::format("SELECT COUNT(*) FROM (SELECT u.one FROM ({}) u LIMIT ?) capped", rows),
          params)
      ->integer(0);
}

std::string account_name(db::Session& session, std::optional<std::int64_t> account_id) {
  if (!account_id) return {};
  const auto row =
      session.query_one("SELECT display_name FROM accounts WHERE id = ?", {*account_id});
  return row ? row->text(0) : std::string();
}

}  // namespace hersys::cases
