-- The access log (SPEC ACL-7, SEC-2): append-only, hash-chained (see src/audit).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
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

-- No one edits or deletes a record through the application, whatever its role.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
