-- The access log's filters (issue 19 item 24): by period, by event and by account within an
-- organisation, so the page and its total read the matching records, not the whole log.
CREATE INDEX audit_log_by_organisation_time ON audit_log (organisation_id, recorded_at);
CREATE INDEX audit_log_by_organisation_type ON audit_log (organisation_id, type, id);
CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
