#include "cases/store.h"

#include <fmt/format.h>

#include <map>

#include "cases/hersys_id.h"
#include "cases/json.h"
#include "cases/search_keys.h"
#include "platform/crypto/crypto.h"
#include "platform/phone/phone.h"

namespace hersys::cases {
namespace {
using identity::Relation;

constexpr const char* kPatientColumns =
    "p.id, p.hersys_id, p.reported_on, p.created_by, p.area_health_center_id, "
    "p.responsible_health_center_id, p.tracing_number, p.data, p.version, p.created_at, "
    "p.updated_at, p.reported_by";

// 報告機関 (issue 14, CASE-6, REP-8), defined once for the search's filter and column, the
// case header and the look-alikes: the organisation that filed the patient's first submitted
// occurrence report that is not deleted (a health center filing on behalf included), or while
// none is submitted, the one that entered the patient. Stored as patients.reported_by
// (db/0019) whenever a report is written, so that the search filters it by an index.
constexpr const char* kReportingInstitution =
    "COALESCE((SELECT r.reporter_id FROM reports r WHERE r.patient_id = patients.id AND "
    "r.state NOT IN ('draft', 'deleted') ORDER BY r.id LIMIT 1), patients.created_by)";

std::string phone_key(const std::string& phone) {
  const auto number = phone::parse(phone);
  return number ? number->national : "";
}

Patient patient_from(const db::Row& row) {
  Patient p;
  p.id = row.integer(0);
  p.hersys_id = row.optional_text(1).value_or("");
  p.reported_on = row.text(2);
  p.created_by = row.integer(3);
  p.area_health_center_id = row.integer(4);
  p.responsible_health_center_id = row.optional_integer(5);
  p.tracing_number = row.optional_text(6).value_or("");
  read_patient_document(row.text(7), p);
  p.version = row.integer(8);
  p.created_at = row.text(9);
  p.updated_at = row.text(10);
  p.reported_by = row.optional_integer(11).value_or(p.created_by);
  return p;
}

PatientSummary summary_of(const Patient& p) {
  return {p.id,
          p.hersys_id,
          p.identity.name,
          p.identity.kana,
          p.identity.sex,
          p.identity.birth_date,
          p.record.status,
          p.reported_on,
          p.responsible_health_center_id,
          {},
          p.reported_by};
}

std::vector<PatientSummary> summaries(const db::Result& result) {
  std::vector<PatientSummary> out;
  for (const auto& row : result.rows) out.push_back(summary_of(patient_from(row)));
  return out;
}

db::Params patient_values(const Patient& p) {
  const auto status = p.record.status ? std::string(name_of(*p.record.status)) : std::string();
  return {name_key(p.identity.name),
          kana_key(p.identity.kana).value_or(""),
          p.identity.birth_date,
          phone_key(p.identity.phone),
          db::nullable(status),
          p.reported_on,
          db::nullable(p.responsible_health_center_id),
          patient_document(p),
          p.updated_at};
}

// The term with the fewest postings, counted up to a cap (beyond it, all are common alike).
std::string rarest(db::Session& session, const std::vector<std::string>& terms) {
  std::string best;
  std::int64_t fewest = INT64_MAX;
  for (const auto& term : terms) {
    const auto n = session
                       .query_one(
                           "SELECT COUNT(*) FROM (SELECT 1 FROM patient_terms WHERE "
                           "term = ? LIMIT 5000) c",
                           {term})
                       ->integer(0);
    if (n < fewest) {
      fewest = n;
      best = term;
    }
  }
  return best;
}

std::string like_pattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// Writes who reaches a patient (own, area, responsible, related, prefecture) and its name
// search terms, into tables that hold none of its rows yet.
void write_access(db::Transaction& tx, const Patient& p) {
  std::map<std::int64_t, std::int64_t> access;
  access[p.created_by] |= relation_bit(Relation::own);
  access[p.area_health_center_id] |= relation_bit(Relation::area);
  if (p.responsible_health_center_id) {
    access[*p.responsible_health_center_id] |= relation_bit(Relation::responsible);
  }
  for (auto id : p.related_health_center_ids) access[id] |= relation_bit(Relation::related);
  // ACL-3: the prefecture of the area's and the responsible health center (city ones too),
  // and its 地方衛生研究所 for the data check (issue 14 item 3).
  const auto prefectures = tx.query(
      "SELECT DISTINCT pref.id FROM organisations hc JOIN organisations pref ON "
      "(pref.kind = 'prefecture' OR pref.public_health_institute = 1) "
      "AND pref.prefecture_code = hc.prefecture_code WHERE hc.id = ? OR hc.id = ?",
      {p.area_health_center_id, db::nullable(p.responsible_health_center_id)});
  for (const auto& row : prefectures.rows) {
    access[row.integer(0)] |= relation_bit(Relation::prefecture);
  }
  // ACL-4: the follow-up organisations and lodging facilities a health center linked it to.
  for (auto id : linked_organisations(tx, p.id)) access[id] |= relation_bit(Relation::linked);
  // An upsert: a link written by a concurrent transaction since this one deleted the rows
  // keeps its bit (OR), instead of failing on the primary key.
  std::string sql = "INSERT INTO patient_access (organisation_id, patient_id, relations) VALUES ";
  db::Params params;
  for (const auto& [organisation, relations] : access) {
    sql += params.empty() ? "(?, ?, ?)" : ", (?, ?, ?)";
    params.insert(params.end(), {organisation, p.id, relations});
  }
  tx.execute(sql +
                 " ON CONFLICT (organisation_id, patient_id) "
                 "DO UPDATE SET relations = patient_access.relations | excluded.relations",
             params);

  auto terms = bigrams(name_key(p.identity.name));
  for (auto& t : bigrams(kana_key(p.identity.kana).value_or(""))) terms.push_back(std::move(t));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  if (terms.empty()) return;
  sql = "INSERT INTO patient_terms (term, patient_id) VALUES ";
  params.clear();
  for (const auto& term : terms) {
    sql += params.empty() ? "(?, ?)" : ", (?, ?)";
    params.insert(params.end(), {term, p.id});
  }
  tx.execute(sql, params);
}

}  // namespace

void insert_patient(db::Transaction& tx, Patient& p) {
  p.version = 1;
  p.hersys_id.clear();           // given at the first submission (assign_hersys_id)
  p.reported_by = p.created_by;  // 報告機関 until a report is submitted
  auto params = patient_values(p);
  for (db::Value v : {db::Value(p.created_by), db::Value(p.area_health_center_id),
                      db::Value(p.version), db::Value(p.created_at), db::Value(p.created_by)}) {
    params.push_back(std::move(v));
  }
  const auto row = tx.query_one(
      "INSERT INTO patients (name_key, kana_key, birth_date, phone_key, status, "
      "reported_on, responsible_health_center_id, data, updated_at, created_by, "
      "area_health_center_id, version, created_at, reported_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params);
  p.id = row->integer(0);
  write_access(tx, p);
}

void assign_hersys_id(db::Transaction& tx, Patient& p) {
  if (!p.hersys_id.empty()) return;
  // A random ID (not guessable from order) that no patient has: a draw that meets a taken one,
  // about once in 10^8 per patient at a million, simply draws again.
  std::string id;
  do id = make_hersys_id(crypto::random_digits(kHersysIdLength - 1));
  while (tx.query_one("SELECT 1 FROM patients WHERE hersys_id = ?", {id}));
  if (tx.execute("UPDATE patients SET hersys_id = ? WHERE id = ? AND hersys_id IS NULL",
                 {id, p.id}) == 1) {
    p.hersys_id = id;
  } else {  // given by a concurrent submission meanwhile: that one is the patient's ID
    p.hersys_id = tx.query_one("SELECT hersys_id FROM patients WHERE id = ?", {p.id})->text(0);
  }
}

bool update_patient(db::Transaction& tx, Patient& p) {
  auto params = patient_values(p);
  params.emplace_back(p.id);
  params.emplace_back(p.version);
  const auto changed = tx.execute(
      "UPDATE patients SET name_key = ?, kana_key = ?, birth_date = ?, phone_key = ?, "
      "status = ?, reported_on = ?, responsible_health_center_id = ?, data = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?",
      params);
  if (changed == 0) return false;
  ++p.version;
  return true;
}

std::optional<Patient> find_patient(db::Session& session, std::int64_t id) {
  const auto row = session.query_one(
      fmt::format("SELECT {} FROM patients p WHERE p.id = ?", kPatientColumns), {id});
  if (!row) return std::nullopt;
  auto patient = patient_from(*row);
  const auto related = session.query(
      "SELECT organisation_id FROM patient_related_health_centers WHERE patient_id = ? "
      "ORDER BY organisation_id",
      {id});
  for (const auto& r : related.rows) patient.related_health_center_ids.push_back(r.integer(0));
  return patient;
}

void set_health_centers(db::Transaction& tx, const Patient& p) {
  tx.execute("UPDATE patients SET responsible_health_center_id = ? WHERE id = ?",
             {db::nullable(p.responsible_health_center_id), p.id});
  // The responsible health center's inbox (issue 14, ACL-5): the patient's reports filed in
  // another area are its own to confirm (db/0019 reports.transferred_to).
  tx.execute(
      "UPDATE reports SET transferred_to = CASE WHEN area_health_center_id = ? THEN NULL "
      "ELSE CAST(? AS BIGINT) END WHERE patient_id = ?",
      {db::nullable(p.responsible_health_center_id), db::nullable(p.responsible_health_center_id),
       p.id});
  tx.execute("DELETE FROM patient_related_health_centers WHERE patient_id = ?", {p.id});
  for (auto id : p.related_health_center_ids) {
    tx.execute(
        "INSERT INTO patient_related_health_centers (patient_id, organisation_id) VALUES (?, ?)",
        {p.id, id});
  }
}

bool set_tracing_number(db::Transaction& tx, std::int64_t patient_id, const std::string& number) {
  return tx.execute(
             "UPDATE patients SET tracing_number = ? WHERE id = ? AND tracing_number IS NULL",
             {number, patient_id}) == 1;
}

void refresh_access(db::Transaction& tx, const Patient& p) {
  tx.execute("DELETE FROM patient_access WHERE patient_id = ?", {p.id});
  tx.execute("DELETE FROM patient_terms WHERE patient_id = ?", {p.id});
  write_access(tx, p);
}

bool patient_exists(db::Session& session, std::int64_t id) {
  return session.query_one("SELECT 1 FROM patients WHERE id = ?", {id}).has_value();
}

std::string unused_tracing_number(db::Session& session) {
  std::string number;
  do number = crypto::random_digits(10);
  while (session.query_one("SELECT 1 FROM patients WHERE tracing_number = ?", {number}));
  return number;
}

void add_link(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id,
              std::int64_t linked_by, const std::string& at) {
  const auto added = tx.execute(
      "INSERT INTO patient_links (patient_id, organisation_id, linked_by, linked_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (patient_id, organisation_id) DO NOTHING",
      {patient_id, organisation_id, linked_by, at});
  if (added == 0) return;
  tx.execute(
      "INSERT INTO patient_access (organisation_id, patient_id, relations) VALUES (?, ?, ?) "
      "ON CONFLICT (organisation_id, patient_id) "
      "DO UPDATE SET relations = patient_access.relations | excluded.relations",
      {organisation_id, patient_id, relation_bit(Relation::linked)});
}

void remove_link(db::Transaction& tx, std::int64_t patient_id, std::int64_t organisation_id) {
  const auto removed =
      tx.execute("DELETE FROM patient_links WHERE patient_id = ? AND organisation_id = ?",
                 {patient_id, organisation_id});
  if (removed == 0) return;
  tx.execute(
      "UPDATE patient_access SET relations = relations & ? WHERE organisation_id = ? AND "
      "patient_id = ?",
      {~relation_bit(Relation::linked), organisation_id, patient_id});
  tx.execute(
      "DELETE FROM patient_access WHERE organisation_id = ? AND patient_id = ? AND relations = 0",
      {organisation_id, patient_id});
}

std::vector<std::int64_t> linked_organisations(db::Session& session, std::int64_t patient_id) {
  const auto result = session.query(
      "SELECT organisation_id FROM patient_links WHERE patient_id = ? ORDER BY organisation_id",
      {patient_id});
  std::vector<std::int64_t> ids;
  for (const auto& row : result.rows) ids.push_back(row.integer(0));
  return ids;
}

std::int64_t relations_between(db::Session& session, std::int64_t organisation_id,
                               std::int64_t patient_id) {
  const auto row = session.query_one(
      "SELECT relations FROM patient_access WHERE organisation_id = ? AND patient_id = ?",
      {organisation_id, patient_id});
  return row ? row->integer(0) : 0;
}

bool reached_by_any(db::Session& session, const std::vector<std::int64_t>& organisation_ids,
                    std::int64_t patient_id) {
  for (auto id : organisation_ids) {
    if (relations_between(session, id, patient_id) != 0) return true;
  }
  return false;
}

namespace {

// 保健所確認 (REP-5) of a case's current reports.
constexpr const char* kWaiting =
    "EXISTS (SELECT 1 FROM reports rw WHERE rw.patient_id = p.id AND rw.state = 'submitted' "
    "AND rw.superseded_by IS NULL)";
constexpr const char* kConfirmed =
    "EXISTS (SELECT 1 FROM reports rc WHERE rc.patient_id = p.id AND rc.state = 'confirmed')";

// A search's filters as conditions on patients `p`, and what the query can start from.
struct Conditions {
  std::vector<std::string> where;
  db::Params params;
  std::string driver;      // the rarest bigram of a name search ("" for none)
  bool selective = false;  // an ID, a birth date or a phone narrows it by an index

  void add(std::string condition, db::Value value) {
    where.push_back(std::move(condition));
    params.push_back(std::move(value));
  }
};

// A name search walks the postings of its rarest bigram, newest first, and checks the other
// bigrams, the filters and the access of each candidate by primary key.
void name_conditions(db::Session& session, const std::string& name, Conditions& c) {
  const auto kana = kana_key(name);
  const auto key = kana ? *kana : name_key(name);
  const auto terms = bigrams(key);
  if (!terms.empty()) {
    c.driver = rarest(session, terms);
    for (const auto& term : terms) {
      if (term == c.driver) continue;
      c.add("EXISTS (SELECT 1 FROM patient_terms o WHERE o.term = ? AND o.patient_id = p.id)",
            term);
    }
  }
  c.add(kana ? "p.kana_key LIKE ? ESCAPE '\\'" : "p.name_key LIKE ? ESCAPE '\\'",
        like_pattern(key));
}

Conditions conditions_of(db::Session& session, const SearchFilter& f,
                         const std::string& past_cutoff) {
  Conditions c;
  c.selective = !f.hersys_id.empty() || !f.birth_date.empty() || !f.phone.empty();
  if (!f.hersys_id.empty()) c.add("p.hersys_id = ?", f.hersys_id);
  if (!f.name.empty()) name_conditions(session, f.name, c);
  if (!f.birth_date.empty()) c.add("p.birth_date = ?", f.birth_date);
  if (!f.phone.empty()) c.add("p.phone_key = ?", phone_key(f.phone));
  if (!f.reported_from.empty()) c.add("p.reported_on >= ?", f.reported_from);
  if (!f.reported_to.empty()) c.add("p.reported_on <= ?", f.reported_to);
  if (!f.include_past) c.add("p.reported_on > ?", past_cutoff);
  if (f.without_status) {
    c.where.push_back("p.status IS NULL");
  } else if (f.status) {
    c.add("p.status = ?", std::string(name_of(*f.status)));
  }
  if (f.health_center_id) c.add("p.responsible_health_center_id = ?", *f.health_center_id);
  // issue 14: each checked on the candidate rows (the caller's access rows, or the rows a
  // selective filter's index found); the reports by reports_by_patient.
  if (f.reporter_id) c.add("p.reported_by = ?", *f.reporter_id);
  if (f.confirmation == Confirmation::unconfirmed) {
    c.where.push_back(kWaiting);
  } else if (f.confirmation == Confirmation::confirmed) {
    c.where.push_back(fmt::format("NOT {} AND {}", kWaiting, kConfirmed));
  }
  // A birth-date range (patients_by_birth); '' (a draft without one) is never in it.
  if (!f.born_after.empty()) c.add("p.birth_date > ?", f.born_after);
  if (!f.born_on_or_before.empty()) c.add("p.birth_date <= ?", f.born_on_or_before);
  if (f.born_after.empty() && !f.born_on_or_before.empty()) c.where.push_back("p.birth_date <> ''");
  if (f.open_only) c.where.push_back("(p.status IS NULL OR p.status NOT IN ('released', 'dead'))");
  return c;
}

}  // namespace

namespace {

// A search's rows as FROM ... WHERE ..., with its parameters: what a page and the count share.
struct Matches {
  std::string from_where;
  db::Params params;
};

Matches matches_of(db::Session& session, const SearchFilter& f, const PatientScope& scope,
                   const std::string& past_cutoff) {
  auto c = conditions_of(session, f, past_cutoff);
  Matches m;
  if (!c.driver.empty() || c.selective || !scope.grant_organisation_ids.empty()) {
    // Start from the name's postings or the filter's index; check each candidate's access
    // by primary key.
    c.where.push_back(scope.condition("p.id", c.params));
    if (!c.driver.empty()) {
      c.params.insert(c.params.begin(), c.driver);
      m.from_where = fmt::format(
          "FROM patient_terms t JOIN patients p ON p.id = t.patient_id WHERE t.term = ? AND {}",
          fmt::join(c.where, " AND "));
    } else {
      m.from_where = fmt::format("FROM patients p WHERE {}", fmt::join(c.where, " AND "));
    }
  } else {
    // Browsing: the caller's own access rows, by the primary key of patient_access.
    c.where.insert(c.where.begin(), "a.organisation_id = ? AND (a.relations & ?) <> 0");
    c.params.insert(c.params.begin(), {scope.organisation_id, scope.relation_mask});
    m.from_where =
        fmt::format("FROM patient_access a JOIN patients p ON p.id = a.patient_id WHERE {}",
                    fmt::join(c.where, " AND "));
  }
  m.params = std::move(c.params);
  return m;
}

// The matches counted up to cap + 1: the count reads at most that many index entries whatever
// the volume (a prefecture's million patients), and cap + 1 says "more than cap".
std::int64_t count_of(db::Session& session, Matches m, std::int64_t cap) {
  m.params.emplace_back(cap + 1);
  return session
      .query_one("SELECT COUNT(*) FROM (SELECT 1 " + m.from_where + " LIMIT ?) m", m.params)
      ->integer(0);
}

}  // namespace

SearchResult search(db::Session& session, const SearchFilter& f, const PatientScope& scope,
                    const std::string& past_cutoff) {
  if (scope.empty()) return {};
  auto m = matches_of(session, f, scope, past_cutoff);
  SearchResult result;
  result.total = count_of(session, m, kSearchTotalCap);
  result.total_capped = result.total > kSearchTotalCap;
  result.total = std::min(result.total, kSearchTotalCap);
  // 報告日の新しい順 / 古い順 (issue 19 item 19): by report date, the patient id breaking ties
  // in the same direction so that pages neither repeat nor skip a patient.
  const char* direction = f.oldest_first ? "ASC" : "DESC";
  m.params.emplace_back(std::int64_t{f.limit} + 1);
  m.params.emplace_back(std::int64_t{f.offset});
  // The page's rows with the names and the 保健所確認 of each (by primary key, per row).
  const auto rows = session.query(
      fmt::format("SELECT {}, (SELECT o.name FROM organisations o WHERE o.id = "
                  "p.responsible_health_center_id), (SELECT o.name FROM organisations o WHERE "
                  "o.id = p.reported_by), CASE WHEN {} THEN 'unconfirmed' WHEN {} THEN "
                  "'confirmed' END {} ORDER BY p.reported_on {}, p.id {} "
                  "LIMIT ? OFFSET ?",
                  kPatientColumns, kWaiting, kConfirmed, m.from_where, direction, direction),
      m.params);
  for (const auto& row : rows.rows) {
    auto line = summary_of(patient_from(row));
    line.responsible_health_center_name = row.optional_text(12).value_or("");
    line.reporter_name = row.optional_text(13).value_or("");
    if (const auto c = row.optional_text(14)) line.confirmation = parse_name<Confirmation>(*c);
    result.patients.push_back(std::move(line));
  }
  return result;
}

std::int64_t reporting_institution(db::Session& session, std::int64_t patient_id) {
  const auto row = session.query_one("SELECT reported_by FROM patients WHERE id = ?", {patient_id});
  return row ? row->integer(0) : 0;
}

void refresh_reporting_institution(db::Transaction& tx, std::int64_t patient_id) {
  tx.execute(
      fmt::format("UPDATE patients SET reported_by = {} WHERE id = ?", kReportingInstitution),
      {patient_id});
}

std::int64_t count_matches(db::Session& session, const SearchFilter& f, const PatientScope& scope,
                           const std::string& past_cutoff, std::int64_t cap) {
  if (scope.empty()) return 0;
  return count_of(session, matches_of(session, f, scope, past_cutoff), cap);
}

std::vector<PatientSummary> look_alikes(db::Session& session, const PatientScope& scope,
                                        const std::string& kana, const std::string& birth_date,
                                        const std::string& phone) {
  if (scope.empty()) return {};
  std::vector<std::string> matches;
  db::Params params;
  if (!kana.empty() && !birth_date.empty()) {
    matches.push_back("(p.kana_key = ? AND p.birth_date = ?)");
    params.emplace_back(kana);
    params.emplace_back(birth_date);
  }
  const auto phone_digits = phone_key(phone);
  if (!phone_digits.empty()) {
    matches.push_back("p.phone_key = ?");
    params.emplace_back(phone_digits);
  }
  if (matches.empty()) return {};
  const auto scope_sql = scope.condition("p.id", params);
  return summaries(session.query(
      fmt::format("SELECT {} FROM patients p WHERE ({}) AND {} ORDER BY p.id DESC LIMIT 10",
                  kPatientColumns, fmt::join(matches, " OR "), scope_sql),
      params));
}

void write_prefecture_reach(db::Transaction& tx, std::int64_t organisation_id,
                            const std::string& prefecture_code, bool reach) {
  const auto bit = relation_bit(Relation::prefecture);
  if (reach) {
    // One statement: what write_access gives the prefecture, the institute gets too (issue 14);
    // DISTINCT, as a prefecture code may have two prefecture organisations (PostgreSQL's upsert
    // refuses to touch a row twice).
    tx.execute(
        "INSERT INTO patient_access (organisation_id, patient_id, relations) "
        "SELECT ?, d.patient_id, ? FROM (SELECT DISTINCT a.patient_id FROM patient_access a "
        "JOIN organisations pref ON pref.id = a.organisation_id WHERE pref.kind = 'prefecture' "
        "AND pref.prefecture_code = ? AND (a.relations & ?) <> 0) d WHERE 1 = 1 "
        "ON CONFLICT (organisation_id, patient_id) "
        "DO UPDATE SET relations = patient_access.relations | excluded.relations",
        {organisation_id, bit, prefecture_code, bit});
    return;
  }
  tx.execute(
      "UPDATE patient_access SET relations = relations & ? "
      "WHERE organisation_id = ? AND (relations & ?) <> 0",
      {~bit, organisation_id, bit});
  tx.execute("DELETE FROM patient_access WHERE organisation_id = ? AND relations = 0",
             {organisation_id});
}

std::int64_t count_open_cases(db::Session& session, std::int64_t health_center_id) {
  return session
      .query_one(
          "SELECT COUNT(*) FROM patients p WHERE p.responsible_health_center_id = ? AND "
          "(p.status IS NULL OR p.status NOT IN ('released', 'dead'))",
          {health_center_id})
      ->integer(0);
}

std::string past_data_cutoff(db::Session& session) {
  const auto row = session.query_one("SELECT value FROM settings WHERE key = 'past_data_cutoff'");
  return row ? row->text(0) : "2021-09-30";
}

}  // namespace hersys::cases
