#!/bin/bash
# Container health check: exit 0 when GET $1 (default /health/ready) on this node's HTTP_PORT
# answers 200. The health endpoints need no token.
# - TLS on (the default): HTTPS with curl (the standard UBI base image ships it), trusting the CA in
#   TLS_CA_PEM when that file is there, else without verifying: the check talks to its own
#   container over loopback, where no one can stand in between.
# - TLS=off: plain HTTP with bash's /dev/tcp, so a base image without curl works too.
set -euo pipefail
path=${1:-/health/ready}
port=${HTTP_PORT:-8001}

if [[ "${TLS:-on}" != [Oo][Ff][Ff] ]]; then
  command -v curl >/dev/null 2>&1 || { echo "healthcheck: TLS is on and this image has no curl" >&2; exit 1; }
  trust=(-k)
  [[ -n "${TLS_CA_PEM:-}" && -r "${TLS_CA_PEM}" ]] && trust=(--cacert "$TLS_CA_PEM")
  code=$(curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 4 "${trust[@]}" \
    "https://localhost:$port$path") || true
  [[ "$code" == 200 ]]
  exit
fi

exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
status=""
IFS= read -r -t 4 status <&3 || exit 1
exec 3<&- 3>&-
code=${status#* }
[[ "${code%% *}" == 200 ]]
