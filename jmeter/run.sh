#!/usr/bin/env bash
# Runs one JMeter plan against the local cluster (liberty/cluster up: nodes on 8001..8003) and makes
# JMeter's HTML dashboard. A front for the Maven profile `jmeter`:
#
#   jmeter/run.sh [PLAN [THREADS [DURATION]]] [-Djmeter.PROPERTY=VALUE ...]
#
# PLAN: mixed (default), locks, queue, cache. THREADS: users (50). DURATION: seconds (60).
# Results: target/jmeter/results/PLAN.csv; dashboard: target/jmeter/reports/PLAN/index.html.
# Environment: HOST (localhost), PORTS ("8001 8002 8003"; one port for a single node), RAMPUP (10),
# REPORTS=false (no HTML dashboard), OUT=DIR (copy the CSV, the dashboard and the log there);
# PROTOCOL (https), DISTSYNC_TOKEN or DISTSYNC_TOKEN_FILE (the bearer token), DISTSYNC_CA (for the
# readiness check; JMeter itself trusts any certificate): see jmeter/client.sh.
# More plan properties as -D arguments: jmeter/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=client.sh
source jmeter/client.sh
distsync_client_init "$root"

plan=mixed threads=50 duration=60
if [[ $# -gt 0 && "$1" != -* ]]; then plan=$1; shift; fi
if [[ $# -gt 0 && "$1" != -* ]]; then threads=$1; shift; fi
if [[ $# -gt 0 && "$1" != -* ]]; then duration=$1; shift; fi
[[ -f "jmeter/$plan.jmx" ]] || { echo "run.sh: no plan jmeter/$plan.jmx" >&2; exit 2; }

host=${HOST:-localhost}
read -r p1 p2 p3 <<<"${PORTS:-8001 8002 8003}"
p2=${p2:-$p1}
p3=${p3:-$p1}

# Is the cluster there? (/health/ready needs no token; over https it checks the CA too.)
ready() {
  [[ "$(distsync_curl -s -o /dev/null -w '%{http_code}' -m 5 "$PROTOCOL://$host:$1/health/ready")" == 200 ]]
}
for port in $(printf '%s\n' "$p1" "$p2" "$p3" | sort -u); do
  ready "$port" || echo "run.sh: warning: $PROTOCOL://$host:$port/health/ready is not 200 (is 'liberty/cluster up' running? PROTOCOL, DISTSYNC_CA?)" >&2
done
[[ -n "${DISTSYNC_TOKEN:-}" ]] ||
  echo "run.sh: warning: no DISTSYNC_TOKEN (nor DISTSYNC_TOKEN_FILE): requests go without a token, answered 401 unless the cluster runs with AUTH=off" >&2

mkdir -p target/jmeter/logs
log=target/jmeter/logs/run-$plan.log
echo "JMeter: plan $plan, $threads users, ${duration}s, $PROTOCOL://$host:$p1/$p2/$p3 (Maven log: $log)"
status=0
# The plugin writes the plan properties, the token among them, into files under target/: private.
umask 077
mvn -B -ntp -Dstyle.color=never -Pjmeter verify \
  -Djmeter.plan="$plan" -Djmeter.threads="$threads" -Djmeter.duration="$duration" \
  -Djmeter.rampup="${RAMPUP:-10}" -Djmeter.host="$host" -Djmeter.protocol="$PROTOCOL" \
  -Djmeter.port1="$p1" -Djmeter.port2="$p2" -Djmeter.port3="$p3" \
  -Djmeter.reports="${REPORTS:-true}" "$@" >"$log" 2>&1 || status=$?
grep -E '^\[INFO\] (summary =|Successful requests|Failed requests|Failures:)' "$log" | sed 's/^\[INFO\] /  /' || true
if ((status != 0)); then
  grep -E '^\[ERROR\]' "$log" | head -n 20 >&2 || true
  echo "run.sh: Maven failed (exit $status); see $log" >&2
fi
[[ -f "target/jmeter/reports/$plan/index.html" && "${REPORTS:-true}" == true ]] &&
  echo "  dashboard: target/jmeter/reports/$plan/index.html"
if [[ -n "${OUT:-}" ]]; then
  mkdir -p "$OUT"
  cp "target/jmeter/results/$plan.csv" "$OUT/" 2>/dev/null || true
  cp "$log" "$OUT/" 2>/dev/null || true
  [[ -d "target/jmeter/reports/$plan" ]] && cp -r "target/jmeter/reports/$plan" "$OUT/dashboard"
fi
exit "$status"
