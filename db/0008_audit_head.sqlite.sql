-- The head of the audit chain in one row, so an append numbers and links its record in one
-- statement (UPDATE ... RETURNING) instead of reading the last record. The trigger keeps the
-- hash current. (PostgreSQL's twin of this migration explains the lock it saves there.)
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (singleton, id, hash)
SELECT 1, COALESCE(MAX(id), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_log
BEGIN
  UPDATE audit_head SET hash = NEW.hash;
END;
