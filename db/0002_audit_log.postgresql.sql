-- The access log (SPEC ACL-7, SEC-2): append-only, hash-chained (see src/audit).
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

-- No one edits, deletes or truncates a record, whatever their role (even the table's owner must
-- first disable the trigger, which the hash chain then exposes).
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
