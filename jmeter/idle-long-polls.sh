#!/usr/bin/env bash
# What idle long polls cost the nodes of a running local cluster (liberty/cluster up): 300 long polls
# (waitMs 12000, an empty queue, 100 per node), the three JVMs' CPU over 8 s in the middle of the wait,
# then over 8 s with no polls. Needs curl; talks to localhost only; ends by itself.
# PROTOCOL (https), DISTSYNC_TOKEN or DISTSYNC_TOKEN_FILE, DISTSYNC_CA: see jmeter/client.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=client.sh
source "$root/jmeter/client.sh"
distsync_client_init "$root"
base=${BASE_PORT:-8001}
pids=$(pgrep -f ws-server.jar || true)
[[ -n "$pids" ]] || { echo "no Liberty node runs (liberty/cluster up first)" >&2; exit 1; }
hz=$(getconf CLK_TCK)
ticks() {
  local t=0 p
  for p in $pids; do
    read -r u s < <(awk '{print $14, $15}' "/proc/$p/stat")
    t=$((t + u + s))
  done
  echo "$t"
}
for i in $(seq 0 299); do
  distsync_curl -s -o /dev/null -m 20 -H 'Content-Type: application/json' \
    -d '{"consumer":"c","waitMs":12000}' "$PROTOCOL://localhost:$((base + i % 3))/queues/idle-empty/consume" &
done
sleep 3
a=$(ticks); sleep 8; b=$(ticks)
echo "nodes' CPU while 300 long polls wait: $(( (b - a) * 100 / hz / 8 )) % of a core"
wait
a=$(ticks); sleep 8; b=$(ticks)
echo "nodes' CPU with no polls:             $(( (b - a) * 100 / hz / 8 )) % of a core"
