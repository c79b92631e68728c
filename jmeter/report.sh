#!/usr/bin/env bash
# The performance report in one command: runs the JMeter plans against the local cluster at several
# client counts, kills the leader during one run (timeline), compares with a one-node cluster, then
# writes docs/img/*.png and the generated section of docs/performance.md.
#
#   liberty/cluster up && jmeter/report.sh
#
# Needs the 3-node local cluster running (ports 8001..8003). For the one-node part it stops that
# cluster (liberty/cluster down), starts one node with its own data (data/single, port 8001), and
# starts the 3-node cluster again at the end. Raw results stay in target/jmeter/bench/<time>/.
# Environment (defaults):
#   PLANS ("mixed locks queue cache")  CLIENTS ("10 25 50")  DURATION (30 s per run)  RAMPUP (5)
#   KILL=1  KILL_PLAN (mixed)  KILL_CLIENTS (25)  KILL_DURATION (90)  KILL_AT (20 s into the run)
#   RESTART_AFTER (5 s after the kill)
#   SINGLE=1  SINGLE_PLANS ($PLANS)  SINGLE_CLIENTS (50); that part trusts DATA/single/tls/ca.pem
#   and sends DATA/single/auth/admin.token when the one-node cluster has them
#   OUT (target/jmeter/bench/<time>)  DOCS (docs)
#   BASE_PORT (8001) and DATA (./data): as for liberty/cluster, when the cluster runs elsewhere
#   PROTOCOL (https), DISTSYNC_TOKEN or DISTSYNC_TOKEN_FILE (the bearer token), DISTSYNC_CA
#   (default DATA/tls/ca.pem): see jmeter/client.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=client.sh
source jmeter/client.sh
distsync_client_init "$root"

plans=${PLANS:-mixed locks queue cache}
clients=${CLIENTS:-10 25 50}
duration=${DURATION:-30}
export RAMPUP=${RAMPUP:-5}
out=${OUT:-$root/target/jmeter/bench/$(date -u +%Y%m%d-%H%M%S)}
docs=${DOCS:-$root/docs}
base=${BASE_PORT:-8001}
data=${DATA:-$root/data}
ports="$base $((base + 1)) $((base + 2))"
mkdir -p "$out"
say() { printf '\n== %s\n' "$*"; }

http_get() { # body of GET PROTOCOL://localhost:PORT/PATH, with the CA and the token
  distsync_curl -s -m 10 "$PROTOCOL://localhost:$1$2"
}
ready() { [[ "$(http_get "$1" /health/ready 2>/dev/null)" == *'"UP"'* ]]; }
now_ms() { date +%s%3N; }

for port in $ports; do
  ready "$port" || { echo "report.sh: node on $port is not ready; run 'liberty/cluster up' first" >&2; exit 1; }
done
{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "duration=${duration}s per run"
  echo "cpus=$(nproc)"
} >"$out/meta.txt"

# Runs PLAN with N clients split between the plan's thread groups; results into DIR.
run_plan() {
  local plan=$1 n=$2 dir=$3 on=${4:-$ports} extra=()
  case "$plan" in
    locks) local hot=$((n / 5 > 0 ? n / 5 : 1)); extra=(-Djmeter.hot.threads=$hot); n=$((n - hot > 0 ? n - hot : 1)) ;;
    queue) extra=(-Djmeter.producers=$(((n + 1) / 2)) -Djmeter.consumers=$((n / 2 > 0 ? n / 2 : 1))) ;;
    cache) local w=$((n / 10 > 0 ? n / 10 : 1)); extra=(-Djmeter.writers=$w); n=$((n - w > 0 ? n - w : 1)) ;;
  esac
  PORTS="$on" REPORTS=false OUT="$dir" jmeter/run.sh "$plan" "$n" "${5:-$duration}" \
    -Djmeter.errorRate=100 "${extra[@]}" || echo "report.sh: $plan with $2 clients failed; going on" >&2
}

say "3 nodes: plans [$plans] at [$clients] clients, ${duration}s each"
for plan in $plans; do
  for n in $clients; do
    run_plan "$plan" "$n" "$out/3n/$plan-c$n"
  done
done

if [[ "${KILL:-1}" == 1 ]]; then
  kplan=${KILL_PLAN:-mixed} kdur=${KILL_DURATION:-90} kat=${KILL_AT:-20}
  say "leader kill: $kplan, ${KILL_CLIENTS:-25} clients, ${kdur}s, the leader killed ${kat}s in"
  leader=$(http_get "$base" /raft/leader | sed -n 's/.*"leaderId":"node\([0-9]*\)".*/\1/p')
  [[ -n "$leader" ]] || { echo "report.sh: no leader known" >&2; exit 1; }
  mkdir -p "$out/leaderkill"
  rm -f "target/jmeter/results/$kplan.csv"
  run_plan "$kplan" "${KILL_CLIENTS:-25}" "$out/leaderkill" "$ports" "$kdur" &
  bg=$!
  # JMeter starts once Maven has built and configured it: wait for the first results.
  until [[ -s "target/jmeter/results/$kplan.csv" ]] && (($(wc -l <"target/jmeter/results/$kplan.csv") > 1)); do
    kill -0 "$bg" 2>/dev/null || { echo "report.sh: the run ended before it started" >&2; break; }
    sleep 0.5
  done
  sleep "$kat"
  pid=$(cat "$data/node$leader/liberty/.pid/distsync.pid")
  echo "kill $(now_ms) node$leader" >"$out/leaderkill/events.txt"
  kill -9 "$pid"
  echo "  killed node$leader (pid $pid)"
  sleep "${RESTART_AFTER:-5}"
  echo "restart $(now_ms)" >>"$out/leaderkill/events.txt"
  SKIP_BUILD=1 liberty/cluster start "$leader"
  echo "ready $(now_ms)" >>"$out/leaderkill/events.txt"
  wait "$bg" || true
fi

if [[ "${SINGLE:-1}" == 1 ]]; then
  say "one node: plans [${SINGLE_PLANS:-$plans}] at [${SINGLE_CLIENTS:-50}] clients"
  liberty/cluster down
  NODES=1 DATA="$data/single" SKIP_BUILD=1 liberty/cluster up
  (
    # The one-node cluster has a data folder of its own, hence its own CA and token-signing key
    # when the tool made them there: its CA and admin token for this part.
    if [[ -f "$data/single/tls/ca.pem" ]]; then export DISTSYNC_CA=$data/single/tls/ca.pem; fi
    if [[ -f "$data/single/auth/admin.token" ]]; then
      DISTSYNC_TOKEN=$(tr -d '\r\n' <"$data/single/auth/admin.token")
      export DISTSYNC_TOKEN
    fi
    for plan in ${SINGLE_PLANS:-$plans}; do
      for n in ${SINGLE_CLIENTS:-50}; do
        run_plan "$plan" "$n" "$out/1n/$plan-c$n" "$base $base $base"
      done
    done
  )
  NODES=1 DATA="$data/single" liberty/cluster down
  say "starting the 3-node cluster again"
  SKIP_BUILD=1 liberty/cluster up
fi

say "writing the report into $docs"
mvn -B -ntp -q -Dstyle.color=never -Pbench verify \
  -Dbench.main=io.distsync.bench.report.PerformanceReport -Dbench.args="$out $docs"
echo "Done: $docs/performance.md, $docs/img/*.png (raw results: $out)"
