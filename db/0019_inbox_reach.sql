-- issue 14 (REP-5, ACL-5, ACL-3): what an inbox filters by, on the report itself, so that each
-- list walks one index in its order at 1 000 000 patients (docs/performance.md).
--
-- area_prefecture_code: the prefecture of the report's area health center (organisations.
-- prefecture_code), the reach of a prefecture's and a 地方衛生研究所's lists. Before, those
-- filtered by "area IN (the prefecture's health centers)", which PostgreSQL answered by sorting
-- every confirmed report of the prefecture.
ALTER TABLE reports ADD COLUMN area_prefecture_code TEXT;
UPDATE reports SET area_prefecture_code =
  (SELECT o.prefecture_code FROM organisations o WHERE o.id = reports.area_health_center_id);

-- transferred_to: the patient's responsible health center (担当保健所) when that is not the
-- report's area health center — a case transferred in (移管, ACL-5) or handed over by
-- health-centers — NULL otherwise. The responsible health center sees such reports in its inbox
-- as its own area's (issue 14); kept by the cases store whenever the patient's health centers
-- change or a report is written.
ALTER TABLE reports ADD COLUMN transferred_to BIGINT REFERENCES organisations (id);
UPDATE reports SET transferred_to =
  (SELECT p.responsible_health_center_id FROM patients p WHERE p.id = reports.patient_id AND
   p.responsible_health_center_id <> reports.area_health_center_id);

-- A prefecture's lists: by state, newest submission first; the 地方衛生研究所's data check:
-- confirmed and not checked yet, newest first (replaces reports_data_check, which spanned
-- every prefecture).
CREATE INDEX reports_by_prefecture ON reports (area_prefecture_code, state, submitted_at, id);
CREATE INDEX reports_data_check_by_prefecture ON reports
  (area_prefecture_code, state, checked_at, submitted_at, id);
DROP INDEX reports_data_check;
-- The responsible health center's share of its inbox: few rows, so a partial index.
CREATE INDEX reports_transferred_in ON reports (transferred_to, state, submitted_at, id)
  WHERE transferred_to IS NOT NULL;

-- reported_by: the patient's reporting institution (報告機関, issue 14): the filer of its first
-- submitted report that is not deleted, else the organisation that entered it. Kept by the
-- cases store whenever a report is written (refresh_reporting_institution in
-- src/cases/store.cpp, the one place of the rule), so the search filters it by an index.
ALTER TABLE patients ADD COLUMN reported_by BIGINT REFERENCES organisations (id);
UPDATE patients SET reported_by = COALESCE(
  (SELECT r.reporter_id FROM reports r WHERE r.patient_id = patients.id AND
   r.state NOT IN ('draft', 'deleted') ORDER BY r.id LIMIT 1), patients.created_by);

-- The search's filters by reporting institution and by 担当保健所 (CASE-6 as a nurse uses it,
-- issue 14): the page walks the filter's patients in the search's order (report date, then id)
-- instead of every patient the caller reaches: both databases join the caller's access rows to
-- these (src/cases/store.cpp matches_of; EXPLAIN in docs/performance.md).
CREATE INDEX patients_by_reporter ON patients (reported_by, reported_on, id);
CREATE INDEX patients_by_responsible ON patients (responsible_health_center_id, reported_on, id);
