-- Each health center's area sums per date (DAY-5), kept by every submission in its own
-- transaction (an upsert adding the report's counts), so an area view reads a row per health
-- center and date instead of adding up every clinic's reports: the ministry's month is about
-- 14 000 rows instead of a million. `reports` counts the submitted reports.
CREATE TABLE daily_area_sums (
  health_center_id BIGINT NOT NULL REFERENCES organisations (id),
  report_date TEXT NOT NULL,
  age_0 INTEGER NOT NULL,
  age_1_4 INTEGER NOT NULL,
  age_5_9 INTEGER NOT NULL,
  age_10s INTEGER NOT NULL,
  age_20s INTEGER NOT NULL,
  age_30s INTEGER NOT NULL,
  age_40s INTEGER NOT NULL,
  age_50s INTEGER NOT NULL,
  age_60_64 INTEGER NOT NULL,
  age_65_69 INTEGER NOT NULL,
  age_70s INTEGER NOT NULL,
  age_80s INTEGER NOT NULL,
  age_90_plus INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  total INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (health_center_id, report_date)
);
INSERT INTO daily_area_sums (health_center_id, report_date, age_0, age_1_4, age_5_9, age_10s, age_20s, age_30s, age_40s, age_50s, age_60_64, age_65_69, age_70s, age_80s, age_90_plus, unknown, total, reports)
SELECT o.parent_id, d.report_date, SUM(d.age_0), SUM(d.age_1_4), SUM(d.age_5_9), SUM(d.age_10s), SUM(d.age_20s), SUM(d.age_30s), SUM(d.age_40s), SUM(d.age_50s), SUM(d.age_60_64), SUM(d.age_65_69), SUM(d.age_70s), SUM(d.age_80s), SUM(d.age_90_plus), SUM(d.unknown), SUM(d.total), COUNT(*)
FROM daily_reports d JOIN organisations o ON o.id = d.organisation_id
WHERE d.state = 'submitted' AND o.parent_id IS NOT NULL
GROUP BY o.parent_id, d.report_date;
