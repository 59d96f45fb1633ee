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
"$hersys" audit verify --data-dir "$dir" --expect-head "5:$(printf '0%.0s' $(seq 64))" >"$dir/out" 2>&1
rc2=$?
set -e
[[ $rc -eq 2 ]] || fail "malformed --expect-head should be a usage error (got $rc)"
[[ $rc2 -eq 3 ]] && grep -q "truncated" "$dir/out" || fail "a missing noted head must fail (got $rc2)"
echo "cli smoke: ok"
