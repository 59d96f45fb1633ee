-- Settings of this installation, one row per key (e.g. the deployment mode: a demo database
-- may be filled with synthetic data, a production one never).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
