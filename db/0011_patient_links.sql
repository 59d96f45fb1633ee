-- Patients a health center has linked to a follow-up organisation or a lodging facility
-- (ACL-4, OBS-4): the `linked` relation of patient_access is derived from these rows
-- (src/cases/access.*), so the linked organisation reaches the patient through the policy.
CREATE TABLE patient_links (
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  linked_by BIGINT NOT NULL REFERENCES organisations (id),  -- the health center
  linked_at TEXT NOT NULL,
  PRIMARY KEY (patient_id, organisation_id)
);
CREATE INDEX patient_links_by_organisation ON patient_links (organisation_id, patient_id);
