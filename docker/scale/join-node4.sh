#!/bin/sh
# Compose profile `scale`: adds node4 to the Raft group with the same steps as `liberty/cluster add`,
# through the same functions (liberty/membership.sh, mounted as /membership.sh): wait until node4
# answers, ask the leader (GET /raft/leader on node1..node3) to add it with POST /raft/members
# {"id":"node4","url":"https://node4:9004"} (node4's peer port, where the members reach it over
# mutual TLS), then follow the leader's GET /raft/status until node4 is a voter. node4 joins as a
# learner and is promoted once it has caught up. Done at once when node4 is already a voter.
# Over HTTPS (trusting DISTSYNC_CA), with the admin token of DISTSYNC_TOKEN: membership changes
# need the admin role. (/bin/sh: the curl image has no bash.)
set -u
. "${MEMBERSHIP_SH:-/membership.sh}"
MS_CA=${DISTSYNC_CA:-/opt/distsync/tls/ca.pem}
MS_TOKEN=${DISTSYNC_TOKEN:-}
MS_URLS="https://node1:8001 https://node2:8002 https://node3:8003"
# On Compose's network member nodeK serves its API on https://nodeK:800K.
ms_api_url() { echo "https://$1:800${1#node}"; }

if [ -z "$MS_TOKEN" ]; then
  echo "DISTSYNC_TOKEN is empty: trying without a token (works only with AUTH=off)." >&2
  echo "With tokens on: DISTSYNC_TOKEN=\$(liberty/cluster token --role admin) docker compose ... up" >&2
fi
if ms_join node4 https://node4:9004 https://node4:8004 "${JOIN_TIMEOUT:-300}"; then
  echo "node4 joined: a voter"
  exit 0
fi
echo "node4 did not join; see 'docker compose logs node4'" >&2
exit 1
