#!/bin/sh
# Compose profile `scale`: adds node4 to the Raft group. Any member accepts the change and forwards it
# to the leader; node4 joins as a learner and becomes a voter once it has caught up. Retries while
# node4 is still starting; done when the change is committed or node4 is already a member.
# Over HTTPS (trusting DISTSYNC_CA), with the admin token of DISTSYNC_TOKEN: membership changes
# need the admin role. node4's URL is its peer port, where the members reach it (mutual TLS).
# (/bin/sh: the curl image has no bash.)
set -eu
url=${JOIN_VIA:-https://node1:8001}
ca=${DISTSYNC_CA:-/opt/distsync/tls/ca.pem}
token=${DISTSYNC_TOKEN:-}
body='{"id":"node4","url":"https://node4:9004"}'
if [ -z "$token" ]; then
  echo "DISTSYNC_TOKEN is empty: trying without a token (works only with AUTH=off)." >&2
  echo "With tokens on: DISTSYNC_TOKEN=\$(liberty/cluster token --role admin) docker compose ... up" >&2
fi
# The token goes to curl in a config read from stdin, not as an argument (ps shows arguments).
config() {
  [ -z "$token" ] || printf 'header = "Authorization: Bearer %s"\n' "$token"
}
i=0
while [ "$i" -lt 60 ]; do
  i=$((i + 1))
  out=$(config | curl -sS --connect-timeout 5 --max-time 15 --cacert "$ca" -K - \
    -X POST -H 'Content-Type: application/json' -d "$body" \
    -w ' HTTP%{http_code}' "$url/raft/members" 2>&1) || true
  echo "attempt $i: $out"
  case "$out" in
    *HTTP200) echo "node4 joined"; exit 0 ;;
    *"already a member"*) echo "node4 is already a member"; exit 0 ;;
    *HTTP401 | *HTTP403) echo "refused: DISTSYNC_TOKEN must be a valid admin token" >&2; exit 1 ;;
  esac
  sleep 3
done
echo "node4 did not join; see 'docker compose logs node4'" >&2
exit 1
