#!/bin/bash
# Container health check: exit 0 when GET http://127.0.0.1:$HTTP_PORT$1 answers 200.
# Plain bash (/dev/tcp), so it works on base images without curl.
path=${1:-/health/ready}
port=${HTTP_PORT:-8001}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status <&3 || exit 1
exec 3<&- 3>&-
code=${status#* }
[[ "${code%% *}" == 200 ]]
