-- The access log (SPEC ACL-7, SEC-2): hash-chained (see src/audit); ids are given by the
-- appender (1, 2, 3 ... without gaps). 0003 makes it append-only.
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  recorded_at TEXT NOT NULL,
  action TEXT NOT NULL,
  type TEXT NOT NULL,
  account_id BIGINT,
  organisation_id BIGINT,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  client_address TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_organisation ON audit_log (organisation_id, id);
CREATE INDEX audit_log_by_patient ON audit_log (patient_id, id);
