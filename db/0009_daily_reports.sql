-- Daily reports (日次報告, SPEC DAY-1..5; src/daily). A row is made as a draft when the form is
-- opened, which fixes its date (DAY-3), and filled in once on submission (DAY-2). The unique
-- key is the once-a-day rule; submission is an UPDATE ... WHERE state = 'draft', so of two
-- concurrent submissions exactly one lands. Counts are INTEGER (at most 99 999 each) so that
-- SUM gives a BIGINT on PostgreSQL.
CREATE TABLE daily_reports (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  report_date TEXT NOT NULL,                    -- YYYY-MM-DD, Asia/Tokyo
  state TEXT NOT NULL,                          -- draft, submitted
  age_0 INTEGER NOT NULL DEFAULT 0,
  age_1_4 INTEGER NOT NULL DEFAULT 0,
  age_5_9 INTEGER NOT NULL DEFAULT 0,
  age_10s INTEGER NOT NULL DEFAULT 0,
  age_20s INTEGER NOT NULL DEFAULT 0,
  age_30s INTEGER NOT NULL DEFAULT 0,
  age_40s INTEGER NOT NULL DEFAULT 0,
  age_50s INTEGER NOT NULL DEFAULT 0,
  age_60_64 INTEGER NOT NULL DEFAULT 0,
  age_65_69 INTEGER NOT NULL DEFAULT 0,
  age_70s INTEGER NOT NULL DEFAULT 0,
  age_80s INTEGER NOT NULL DEFAULT 0,
  age_90_plus INTEGER NOT NULL DEFAULT 0,
  unknown INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL,                        -- online, fax, phone (entered by the health center)
  filed_by_organisation_id BIGINT REFERENCES organisations (id),
  filed_by_account_id BIGINT REFERENCES accounts (id),
  opened_at TEXT NOT NULL,
  submitted_at TEXT,
  UNIQUE (organisation_id, report_date)
);
CREATE INDEX daily_reports_by_date ON daily_reports (report_date, state);
