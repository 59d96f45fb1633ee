-- issue 14 items 1-3: the health center's inbox of reports to confirm (REP-5), the top page's
-- counts (src/workbench) and the data check of a 地方衛生研究所 (seeds Q19).
--
-- reports.submitted_at: the latest submission (REP-4), the inbox's order (newest first);
-- report_submissions keeps every class's first one. confirmed_by / checked_by: who confirmed
-- (保健所確認済) and who checked (データチェック済), shown on the report.
ALTER TABLE reports ADD COLUMN submitted_at TEXT;
ALTER TABLE reports ADD COLUMN confirmed_by BIGINT REFERENCES accounts (id);
ALTER TABLE reports ADD COLUMN checked_at TEXT;
ALTER TABLE reports ADD COLUMN checked_by BIGINT REFERENCES accounts (id);
UPDATE reports SET submitted_at =
  (SELECT MAX(s.submitted_at) FROM report_submissions s WHERE s.report_id = reports.id);
UPDATE reports SET confirmed_by =
  (SELECT v.account_id FROM record_versions v WHERE v.resource_type = 'report' AND
   v.resource_id = reports.id AND v.change = 'report.confirm' ORDER BY v.version DESC LIMIT 1)
WHERE state = 'confirmed';

-- 地方衛生研究所 (public health institute): issued health-center accounts (seeds Q19); its
-- organisation reaches the patients of its prefecture for the data check after 保健所確認.
ALTER TABLE organisations ADD COLUMN public_health_institute INTEGER NOT NULL DEFAULT 0;

-- The inbox and its count: a health center's reports by state, newest submission first.
CREATE INDEX reports_inbox ON reports (area_health_center_id, state, submitted_at, id);
-- The top page's "cases with no 現在のステータス" (CASE-5): the responsible health center's.
CREATE INDEX patients_without_status ON patients (responsible_health_center_id, status, reported_on);
-- A 地方衛生研究所's list (issue 14 item 3): confirmed reports not checked yet, newest first.
CREATE INDEX reports_data_check ON reports (state, checked_at, submitted_at, id);
