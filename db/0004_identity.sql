-- Organisations, issued accounts and sign-in sessions (SPEC ORG-1, ORG-2, AUTH-1..4).
CREATE TABLE organisations (
  id {{id}},
  kind TEXT NOT NULL,               -- ministry, prefecture, health_center, medical_institution,
                                    -- follow_up, lodging (src/identity/model.h)
  code TEXT NOT NULL UNIQUE,        -- JIS 01-47 for prefectures; stable project codes otherwise
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  email TEXT NOT NULL,              -- where notifications for the organisation go
  prefecture_code TEXT NOT NULL,    -- JIS 01-47; '00' for the ministry
  municipality_code TEXT NOT NULL,  -- JIS municipality code, '' when not applicable
  parent_id BIGINT REFERENCES organisations (id),
  city_health_center INTEGER NOT NULL,   -- 1: 保健所設置市・特別区 (its prefecture is still told)
  files_daily_reports INTEGER NOT NULL,  -- 1: outpatient clinic that files 日次報告
  created_at TEXT NOT NULL
);
CREATE INDEX organisations_by_parent ON organisations (parent_id);

CREATE TABLE accounts (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  login_id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,       -- a person or a post, e.g. "××病棟2"
  role TEXT NOT NULL,               -- staff, admin (of its organisation)
  password_hash TEXT NOT NULL,      -- argon2id (libsodium crypto_pwhash_str)
  must_change_password INTEGER NOT NULL,
  totp_secret TEXT,                 -- hex; NULL until enrolled
  totp_last_step BIGINT NOT NULL,   -- the last accepted time step: a code is never used twice
  failed_attempts INTEGER NOT NULL,
  locked_until TEXT,                -- ISO 8601 UTC; NULL when not locked
  issued_by BIGINT REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  disabled INTEGER NOT NULL
);
CREATE INDEX accounts_by_organisation ON accounts (organisation_id);

CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,  -- BLAKE2b of the cookie's 256-bit token; the token is never stored
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  stage TEXT NOT NULL,              -- password_change, totp_enrolment, second_factor, active
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked INTEGER NOT NULL,
  pending_totp_secret TEXT          -- during enrolment, until the first code confirms it
);
CREATE INDEX sessions_by_account ON sessions (account_id);
