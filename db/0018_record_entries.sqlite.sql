-- 記録 as a dated log (SPEC CASE-5, issue 14 item 記録): status changes and notes, each with its
-- effective date, author, organisation and the time it was written; never changed nor deleted
-- (a correction is a new entry). 現在のステータス (patients.status and the document's record)
-- is the status of the latest status entry: latest effective_on, then latest written_at, then
-- the highest id (cases/validation.h later_entry), kept in step in the same transaction.
CREATE TABLE record_entries (
  id {{id}},
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  kind TEXT NOT NULL,                -- status, note (RecordEntryKind)
  status TEXT,                       -- with kind status (Status)
  effective_on TEXT NOT NULL,        -- YYYY-MM-DD, the date it took effect as typed
  death_date TEXT,                   -- with status dead
  death_place_kind TEXT,             -- with status dead (DeathPlace)
  death_place TEXT,                  -- free text beside the kind
  note TEXT,
  account_id BIGINT REFERENCES accounts (id),            -- NULL: written by the system
  organisation_id BIGINT REFERENCES organisations (id),
  written_at TEXT NOT NULL           -- ISO 8601 UTC
);
-- The log newest first, and the current status (the latest status entry), per patient.
CREATE INDEX record_entries_by_patient ON record_entries (patient_id, effective_on, written_at, id);
CREATE INDEX record_entries_status_by_patient
  ON record_entries (patient_id, kind, effective_on, written_at, id);

-- What the 記録 tab held before: one entry per patient, written by the system at the patient's
-- last change, so that nothing is lost. A status with its death date and place and the note;
-- a note alone is a note entry.
INSERT INTO record_entries (patient_id, kind, status, effective_on, death_date, death_place_kind,
                            death_place, note, account_id, organisation_id, written_at)
SELECT id,
       CASE WHEN json_extract(data, '$.record.status') IS NOT NULL THEN 'status' ELSE 'note' END,
       json_extract(data, '$.record.status'),
       substr(updated_at, 1, 10),
       NULLIF(json_extract(data, '$.record.death_date'), ''),
       NULL,
       NULLIF(json_extract(data, '$.record.death_place'), ''),
       NULLIF(json_extract(data, '$.record.note'), ''),
       NULL, NULL, updated_at
FROM patients
WHERE json_extract(data, '$.record.status') IS NOT NULL
   OR COALESCE(json_extract(data, '$.record.note'), '') <> ''
ORDER BY id;
