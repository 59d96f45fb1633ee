-- Phones for the second factor, one-time codes sent to them, API tokens, and break-glass
-- grants (SPEC AUTH-2, ACL-6).
CREATE TABLE phones (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  number TEXT NOT NULL,             -- E.164, e.g. +819012345678
  channel TEXT NOT NULL,            -- sms (mobile numbers only) or voice
  verified INTEGER NOT NULL,        -- 1 once a code sent to it came back
  created_at TEXT NOT NULL,
  removed_at TEXT                   -- kept (codes refer to it) but no longer used
);
CREATE INDEX phones_by_account ON phones (account_id);

CREATE TABLE one_time_codes (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  phone_id BIGINT NOT NULL REFERENCES phones (id),
  purpose TEXT NOT NULL,            -- sign_in, verify_phone
  code_hash TEXT NOT NULL,          -- BLAKE2b of salt and code; the code itself is never stored
  salt TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  used INTEGER NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX one_time_codes_by_account ON one_time_codes (account_id, created_at);

CREATE TABLE api_tokens (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL,               -- what the integration is, e.g. "電子カルテ連携"
  token_hash TEXT NOT NULL UNIQUE,  -- BLAKE2b; the token is shown once and never stored
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked INTEGER NOT NULL
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);

CREATE TABLE support_grants (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  reason TEXT NOT NULL,
  granted_by TEXT NOT NULL,         -- the operator who ran `hersys admin grant-support`
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked INTEGER NOT NULL
);
CREATE INDEX support_grants_by_account ON support_grants (account_id, expires_at);
