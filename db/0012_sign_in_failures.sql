-- Wrong passwords counted per account and source (SPEC AUTH-3, issue 19 item 2): a source that
-- guesses is locked out of that account, not the account for everyone; the account itself locks
-- only when many sources are locked at once (src/identity/rules.h). Rows go with a successful
-- sign-in from the source, the issuer's unlock and reset.
CREATE TABLE sign_in_failures (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  source TEXT NOT NULL,             -- an IPv4 address or an IPv6 /64 (identity/throttle.h)
  failures INTEGER NOT NULL,        -- consecutive wrong passwords from the source
  last_failure_at TEXT NOT NULL,    -- ISO 8601 UTC
  locked_until TEXT,                -- ISO 8601 UTC; the source may not sign in until then
  PRIMARY KEY (account_id, source)
);

-- When the account holder and the issuer were last told that the account is being attacked:
-- once per episode (a day), not per attempt.
CREATE TABLE sign_in_alerts (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  alerted_at TEXT NOT NULL          -- ISO 8601 UTC
);
