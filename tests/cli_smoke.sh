#!/usr/bin/env bash
# The real binary as an operator runs it: migrate, serve over TLS, answer, stop cleanly on
# SIGTERM; usage errors exit 2, runtime failures 1, each with a message.
set -euo pipefail
hersys=$1
dir=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f $dir/log ]] && cat "$dir/log" >&2; exit 1; }

"$hersys" migrate --data-dir "$dir" | grep -q "schema version 0 -> " || fail "first migrate"
"$hersys" migrate --data-dir "$dir" | grep -q "nothing to apply" || fail "second migrate"

"$hersys" serve --data-dir "$dir" --listen 127.0.0.1:0 >"$dir/log" 2>&1 &
pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*serving https:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/log")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || fail "server did not start"
[[ -f $dir/tls/cert.pem && -f $dir/tls/key.pem ]] || fail "no self-signed certificate"
health=$(curl -sS --cacert "$dir/tls/cert.pem" "https://localhost:$port/healthz")
[[ $health == *'"status":"ok"'* ]] || fail "healthz answered: $health"

# A second server on the same port fails with a clear message and exit code 1.
set +e
"$hersys" serve --data-dir "$dir" --listen "127.0.0.1:$port" >"$dir/second.log" 2>&1
rc=$?
set -e
[[ $rc -eq 1 ]] && grep -qi "address already in use" "$dir/second.log" || fail "port clash: rc=$rc"

# The demo: sign in as the demo clinic with its password and its authenticator code.
"$hersys" demo --data-dir "$dir" --log-level warn >"$dir/demo.txt" || fail "demo"
grep -q "demo-clinic " "$dir/demo.txt" || fail "demo printed no sign-ins"
password=$("$hersys" demo --data-dir "$dir" --json --log-level warn |
  /usr/bin/python3 -c 'import json,sys; print([s["password"] for s in json.load(sys.stdin) if s["key"]=="clinic"][0])')
api() { curl -sS --cacert "$dir/tls/cert.pem" -b "$dir/cookies" -c "$dir/cookies" "$@"; }
signin=$(api -H 'Content-Type: application/json' \
  -d "{\"login_id\":\"demo-clinic\",\"password\":\"$password\"}" "https://localhost:$port/api/v1/auth/sign-in")
[[ $signin == *'"stage":"second_factor"'* ]] || fail "demo sign-in: $signin"
csrf=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$signin")
code=$("$hersys" demo --data-dir "$dir" --totp demo-clinic --log-level warn)
second=$(api -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" -d "{\"code\":\"$code\"}" \
  "https://localhost:$port/api/v1/auth/second-factor")
[[ $second == *'"stage":"active"'* ]] || fail "demo second factor: $second"
"$hersys" outbox list --data-dir "$dir" --log-level warn >/dev/null || fail "outbox list"

# Synthetic patients: at least N, so running it again adds none; the clinic finds its own.
for _ in 1 2; do
  "$hersys" demo --data-dir "$dir" --patients 60 --log-level warn >/dev/null 2>&1 || fail "demo --patients"
done
found=$(api -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d '{"include_past":true,"limit":200}' "https://localhost:$port/api/v1/patients/search")
count=$(/usr/bin/python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["patients"]))' "$found")
[[ $count -gt 5 && $count -lt 60 ]] || fail "the clinic's own synthetic patients: $count of 60"
grep -q "no transport for e-mail" "$dir/log" || fail "no warning about the local outbox"

# Bulk issuing: all rows or none.
printf 'organisation_code,login_id,display_name,role\nMI13-00002,,受付2,\nNOPE,,x,\n' >"$dir/bad.csv"
printf 'organisation_code,login_id,display_name,role\nMI13-00002,,受付2,\nHC13-00001,,"係, A",admin\n' >"$dir/good.csv"
if "$hersys" admin import-accounts "$dir/bad.csv" --data-dir "$dir" --log-level warn 2>"$dir/err"; then
  fail "a CSV with an unknown organisation was accepted"
fi
# (row = the line of the file: the header is line 1, issue 14)
grep -q "row 3: organisation_code" "$dir/err" || fail "the bad row was not named: $(cat "$dir/err")"
issued=$("$hersys" admin import-accounts "$dir/good.csv" --data-dir "$dir" --log-level warn)
[[ $(grep -c '^MI13-00002,mi13-00002-02,受付2,staff,' <<<"$issued") -eq 1 ]] || fail "import: $issued"

kill -TERM "$pid"
wait "$pid" || fail "serve exited with $? after SIGTERM"
pid=
grep -q "stopped" "$dir/log" || fail "no clean stop in the log"
if grep -q "/healthz?" "$dir/log"; then fail "query string in the log"; fi

set +e
"$hersys" serve --data-dir "$dir" --listen nonsense >/dev/null 2>&1
rc=$?
"$hersys" frobnicate >/dev/null 2>&1
rc2=$?
set -e
[[ $rc -eq 2 && $rc2 -eq 2 ]] || fail "usage errors should exit 2 (got $rc, $rc2)"
verify=$("$hersys" audit verify --data-dir "$dir") || fail "audit verify on an intact log"
[[ $verify == "access log intact: "* ]] || fail "audit verify said: $verify"
set +e
"$hersys" audit verify --data-dir "$dir" --expect-head 5:abc >/dev/null 2>&1
rc=$?
"$hersys" audit verify --data-dir "$dir" --expect-head "999999:$(printf '0%.0s' $(seq 64))" >"$dir/out" 2>&1
rc2=$?
set -e
[[ $rc -eq 2 ]] || fail "malformed --expect-head should be a usage error (got $rc)"
[[ $rc2 -eq 3 ]] && grep -q "truncated" "$dir/out" || fail "a missing noted head must fail (got $rc2)"
# Editing one access-log row by hand (past the triggers) is found.
/usr/bin/python3 - "$dir/hersys.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_log_no_update")
db.execute("UPDATE audit_log SET detail = detail || ' (edited)' WHERE id = 2")
db.commit()
PY
set +e
"$hersys" audit verify --data-dir "$dir" >"$dir/out" 2>&1
rc=$?
set -e
[[ $rc -eq 3 ]] && grep -q "record 2" "$dir/out" || fail "an edited record must fail verify (got $rc): $(cat "$dir/out")"
echo "cli smoke: ok"
