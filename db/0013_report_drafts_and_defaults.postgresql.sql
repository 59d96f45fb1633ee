-- issue 19 (src/cases). Item 23: a patient known only from a draft has no HER-SYS ID yet; it
-- is given when a report of the patient is first submitted. Item 22: the doctor's name each
-- account last filed or submitted a report with, for the form's defaults. Item 23: an
-- organisation's drafts, newest first. Item 19: the search sorts by report date, then id.
-- (The SQLite file of this migration rebuilds `patients` for the first change instead.)
ALTER TABLE patients ALTER COLUMN hersys_id DROP NOT NULL;

CREATE TABLE report_defaults (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  doctor_name TEXT NOT NULL,         -- 届出医師の氏名 as last filed by the account
  updated_at TEXT NOT NULL
);

CREATE INDEX reports_drafts_by_reporter ON reports (reporter_id, state, updated_at, id);

DROP INDEX patients_by_reported_on;
CREATE INDEX patients_by_reported_on ON patients (reported_on, id);
