-- Every organisation's phone number and contact person (担当者), so that a health center can
-- call an institution that has not filed its daily report (SPEC ORG-1, ORG-2, DAY-5), and the
-- legal print shows the reporting institution's phone (REP-8). An organisation is retired
-- (retired_at, ISO 8601 UTC) rather than deleted: its accounts sign in no more, its records stay.
-- `version` guards edits against a concurrent one (409 changed_meanwhile).
ALTER TABLE organisations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN retired_at TEXT;
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
