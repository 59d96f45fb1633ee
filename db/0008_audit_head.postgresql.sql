-- The head of the audit chain in one row, so an append locks, numbers and links its record in
-- one statement (UPDATE ... RETURNING) instead of a lock, a read of the last record and the
-- insert, and holds the chain for one round trip less. The trigger keeps the hash current.
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (singleton, id, hash)
SELECT 1, COALESCE(MAX(id), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), repeat('0', 64))
FROM audit_log;
CREATE FUNCTION audit_head_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_head SET hash = NEW.hash;
  RETURN NULL;
END
$$;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_head_follow();
