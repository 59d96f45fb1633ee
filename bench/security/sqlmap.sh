#!/usr/bin/env bash
# Runs sqlmap against a demo hersys (signed in as a clinic and as a health center) on the
# routes that take parameters, and prints per route how many parameters sqlmap found injectable.
# A measurement for the security figures (issue 19), not part of scripts/test; needs the Debian
# package sqlmap. Usage: bench/security/sqlmap.sh build/debug/hersys
set -euo pipefail
bin=$1; dir=$(mktemp -d); port=18${RANDOM:0:3}
$bin migrate --data-dir $dir >/dev/null
$bin demo --data-dir $dir --patients 60 --log-level warn > $dir/demo.txt
$bin serve --data-dir $dir --plain-http --listen 127.0.0.1:$port --log-level warn > $dir/serve.log 2>&1 &
pid=$!; trap 'kill $pid; rm -rf $dir' EXIT; sleep 1.5
base=http://127.0.0.1:$port/api/v1
signin() { # login_id -> writes $dir/$1.cookie, echoes csrf
  local login=$1 pw
  pw=$(grep -o "$login  *demo-[0-9a-f]*" $dir/demo.txt | awk '{print $2}')
  local csrf; csrf=$(curl -s -c $dir/$login.cookie -H 'Content-Type: application/json' -d "{\"login_id\":\"$login\",\"password\":\"$pw\"}" $base/auth/sign-in | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
  local code; code=$($bin demo --data-dir $dir --totp $login)
  curl -s -b $dir/$login.cookie -c $dir/$login.cookie -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d "{\"code\":\"$code\"}" $base/auth/second-factor | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/'
}
total=0; vulnerable=0
probe() { # login, method, url, data
  local login=$1 csrf=$2 url=$3 data=${4:-}
  local args=(-u "$url" --batch --level 3 --risk 2 --technique BEUT --threads 2 --flush-session --output-dir $dir/sqlmap
    --cookie "$(awk '/hersys/ {print $6"="$7}' $dir/$login.cookie)" -H "X-CSRF-Token: $csrf" --disable-coloring)
  [[ -n $data ]] && args+=(--data "$data" -H 'Content-Type: application/json')
  local out; out=$(sqlmap "${args[@]}" 2>&1 || true); echo "$out" >> "$dir/sqlmap.log"
  local n; n=$(grep -c "Parameter: " <<<"$out" || true)
  total=$((total+1)); [[ $n -gt 0 ]] && vulnerable=$((vulnerable+1))
  echo "$url ${data:0:60} -> injectable: $n; $(grep -oE "all tested parameters do not appear to be injectable|[0-9]+ HTTP\(s\) requests|HTTP error codes detected[^\n]*" <<<"$out" | tr "\n" " ")"
}
echo "sign-in"; csrf_c=$(signin demo-clinic); csrf_h=$(signin demo-hc-tama); echo "csrf: ${csrf_c:0:6} ${csrf_h:0:6}"; curl -s -b $dir/demo-hc-tama.cookie $base/auth/me | head -c 120; echo
pid=$(curl -s -b $dir/demo-hc-tama.cookie -H "X-CSRF-Token: $csrf_h" -H 'Content-Type: application/json' -d '{}' $base/patients/search | python3 -c 'import json,sys; print(json.load(sys.stdin)["patients"][0]["id"])')
rid=$(curl -s -b $dir/demo-hc-tama.cookie $base/patients/$pid | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["reports"][0]["id"])')
echo "patient $pid report $rid"
probe demo-hc-tama $csrf_h "$base/reports/$rid*"
probe demo-hc-tama $csrf_h "$base/patients/$pid*"
probe demo-hc-tama $csrf_h "$base/patients/$pid/history?offset=0&limit=20"
probe demo-hc-tama $csrf_h "$base/patients/search" '{"name":"ヤマダ","phone":"090","reported_from":"2026-01-01","order":"newest","offset":0,"limit":20}'
probe demo-hc-tama $csrf_h "$base/daily-reports/area?date=2026-11-29"
probe demo-hc-tama $csrf_h "$base/audit-events?from=2026-11-01&to=2026-11-29&event=case.read&outcome=success&offset=0&limit=50"
probe demo-hc-tama $csrf_h "$base/audit-events.csv?from=2026-11-01&event=case.read"
probe demo-clinic $csrf_c "$base/reports/drafts?page=1"
probe demo-clinic $csrf_c "$base/daily-reports/history?from=2026-11-01&to=2026-11-29"
echo "routes probed: $total; with an injectable parameter: $vulnerable"
