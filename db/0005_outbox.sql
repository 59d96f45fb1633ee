-- The outbox (SPEC NTF-3): messages written in the transaction of the change that causes them,
-- delivered by the worker in `hersys serve` with retries (src/notify).
CREATE TABLE outbox (
  id {{id}},
  channel TEXT NOT NULL,            -- email, sms, voice
  recipient TEXT NOT NULL,          -- e-mail address, or a phone number in E.164 (+81...)
  subject TEXT NOT NULL,            -- e-mail only; '' otherwise
  body TEXT NOT NULL,
  purpose TEXT NOT NULL,            -- what the message is for, e.g. "auth.code" (safe to log)
  status TEXT NOT NULL,             -- pending, sent, failed
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,    -- ISO 8601 UTC; due when <= now
  claimed_until TEXT,               -- a worker's lease; another worker may take it after this
  claim_token TEXT,
  delivered_via TEXT NOT NULL,      -- smtp, provider, local ('' until sent)
  last_error TEXT NOT NULL,         -- the transport's message, never shown to users
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
