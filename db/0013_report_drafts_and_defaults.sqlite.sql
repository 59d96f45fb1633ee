-- issue 19 (src/cases). Item 23: a patient known only from a draft has no HER-SYS ID yet; it
-- is given when a report of the patient is first submitted. Item 22: the doctor's name each
-- account last filed or submitted a report with, for the form's defaults. Item 23: an
-- organisation's drafts, newest first. Item 19: the search sorts by report date, then id.
--
-- SQLite cannot ALTER a column, and rebuilding `patients` would need foreign_keys off, which a
-- migration's transaction cannot switch. Removing a NOT NULL constraint changes nothing on disk,
-- so the table's definition is edited in place as https://sqlite.org/lang_altertable.html
-- (section 7) describes; the CREATE TABLE below changes the schema version, so every
-- connection reloads the schema, and RESET reloads this one's.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'hersys_id TEXT NOT NULL UNIQUE', 'hersys_id TEXT UNIQUE')
WHERE type = 'table' AND name = 'patients';
PRAGMA writable_schema = RESET;

CREATE TABLE report_defaults (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  doctor_name TEXT NOT NULL,         -- 届出医師の氏名 as last filed by the account
  updated_at TEXT NOT NULL
);

CREATE INDEX reports_drafts_by_reporter ON reports (reporter_id, state, updated_at, id);

DROP INDEX patients_by_reported_on;
CREATE INDEX patients_by_reported_on ON patients (reported_on, id);
