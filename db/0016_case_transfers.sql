-- Transfers of a case from one health center to another (移管; SPEC ACL-5, REP-4, issue 14):
-- the responsible health center hands the case over, with a reason, and the receiving one
-- marks it received (受理). The patient's health centers themselves are in patients /
-- patient_related_health_centers; this is the record of each hand-over and the receiver's
-- list: its unread transfers (received_at NULL) and all of them, newest first, by index.
CREATE TABLE case_transfers (
  id {{id}},
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  from_health_center_id BIGINT NOT NULL REFERENCES organisations (id),
  to_health_center_id BIGINT NOT NULL REFERENCES organisations (id),
  keep_related INTEGER NOT NULL,     -- 1: the old health center stays related (関係保健所)
  reason TEXT NOT NULL,              -- free text, required
  account_id BIGINT NOT NULL REFERENCES accounts (id),  -- who transferred
  transferred_at TEXT NOT NULL,
  received_at TEXT,                  -- 受理: NULL while unread by the receiver
  received_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX case_transfers_by_receiver ON case_transfers (to_health_center_id, id);
CREATE INDEX case_transfers_unread ON case_transfers (to_health_center_id, received_at, id);
CREATE INDEX case_transfers_by_patient ON case_transfers (patient_id);
