-- Cases and occurrence reports (SPEC CASE-1..8, REP-1..9; src/cases). The searchable facts are
-- columns; each tab's full content is a JSON document in `data`, and every version of a
-- patient or a report is kept in `record_versions` with who made it and when.
CREATE TABLE patients (
  id {{id}},
  hersys_id TEXT NOT NULL UNIQUE,    -- 9 digits, the last a check digit; legacy imports 6-8
  name_key TEXT NOT NULL,            -- name without spaces (search)
  kana_key TEXT NOT NULL,            -- kana in katakana without spaces (search, matching)
  birth_date TEXT NOT NULL,          -- YYYY-MM-DD, '' while a draft lacks it
  phone_key TEXT NOT NULL,           -- national digits, '' when none
  status TEXT,                       -- 現在のステータス; NULL: none yet (CASE-5)
  reported_on TEXT NOT NULL,         -- first submission date (Asia/Tokyo), else creation date
  created_by BIGINT NOT NULL REFERENCES organisations (id),
  area_health_center_id BIGINT NOT NULL REFERENCES organisations (id),
  responsible_health_center_id BIGINT REFERENCES organisations (id),
  tracing_number TEXT UNIQUE,        -- 処理番号 (CASE-8), on request
  data TEXT NOT NULL,                -- identity, residences, medical, record (JSON)
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX patients_by_kana_birth ON patients (kana_key, birth_date);
CREATE INDEX patients_by_birth ON patients (birth_date);
CREATE INDEX patients_by_phone ON patients (phone_key);
CREATE INDEX patients_by_reported_on ON patients (reported_on);

-- Related health centers (関係保健所), set by a health center (ACL-5).
CREATE TABLE patient_related_health_centers (
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (patient_id, organisation_id)
);

-- Who reaches which patient, as the policy's relations (identity/policy.h) in a bit set:
-- derived from the patient's row whenever it changes, so a search filters by one indexed
-- lookup instead of OR-ing every relation.
CREATE TABLE patient_access (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  relations BIGINT NOT NULL,         -- 1 << Relation
  PRIMARY KEY (organisation_id, patient_id)
);
CREATE INDEX patient_access_by_patient ON patient_access (patient_id);

-- Bigrams of name_key and kana_key: partial-name search without scanning every patient.
CREATE TABLE patient_terms (
  term TEXT NOT NULL,
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  PRIMARY KEY (term, patient_id)
);
CREATE INDEX patient_terms_by_patient ON patient_terms (patient_id);

CREATE TABLE reports (
  id {{id}},
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  reporter_id BIGINT NOT NULL REFERENCES organisations (id),   -- the filing organisation
  area_health_center_id BIGINT NOT NULL REFERENCES organisations (id),
  state TEXT NOT NULL,               -- draft, submitted, confirmed, deleted
  diagnosis_class TEXT,
  diagnosis_date TEXT NOT NULL,      -- '' while a draft lacks it
  superseded_by BIGINT REFERENCES reports (id),  -- 追加登録: read-only from then on (REP-6)
  confirmed_at TEXT,                 -- 保健所確認済 (REP-5); who confirmed is in record_versions
  data TEXT NOT NULL,                -- the report's fields and tests (JSON)
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX reports_by_patient ON reports (patient_id);

-- The submission (= receipt) date per diagnosis class, set the first time (REP-4).
CREATE TABLE report_submissions (
  report_id BIGINT NOT NULL REFERENCES reports (id),
  diagnosis_class TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  submitted_by BIGINT NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (report_id, diagnosis_class)
);

-- Every version of a patient or a report: an edit never destroys what was there.
CREATE TABLE record_versions (
  id {{id}},
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  resource_type TEXT NOT NULL,       -- patient, report
  resource_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  change TEXT NOT NULL,              -- what was done, e.g. "report.submit"
  data TEXT NOT NULL,
  account_id BIGINT REFERENCES accounts (id),
  organisation_id BIGINT REFERENCES organisations (id),
  changed_at TEXT NOT NULL,
  UNIQUE (resource_type, resource_id, version)
);
CREATE INDEX record_versions_by_patient ON record_versions (patient_id);
