#!/bin/sh
# Compose profile `scale`: adds node4 to the Raft group. Any member accepts the change and forwards it
# to the leader; node4 joins as a learner and becomes a voter once it has caught up. Retries while
# node4 is still starting; done when the change is committed or node4 is already a member.
set -u
url=${JOIN_VIA:-http://node1:8001}
body='{"id":"node4","url":"http://node4:8004"}'
i=0
while [ "$i" -lt 60 ]; do
  i=$((i + 1))
  out=$(curl -sS -m 15 -X POST -H 'Content-Type: application/json' -d "$body" \
    -w ' HTTP%{http_code}' "$url/raft/members" 2>&1)
  echo "attempt $i: $out"
  case "$out" in
    *HTTP200) echo "node4 joined"; exit 0 ;;
    *"already a member"*) echo "node4 is already a member"; exit 0 ;;
  esac
  sleep 3
done
echo "node4 did not join; see 'docker compose logs node4'" >&2
exit 1
