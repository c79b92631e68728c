#!/bin/bash
# Container entrypoint of a DistSync node: the same LOG_FORMAT mapping as liberty/cluster
# (text -> Liberty's "simple" format, json -> "json"), then the Open Liberty image's own entrypoint.
set -euo pipefail
case "${LOG_FORMAT:-text}" in
  json) format=json ;;
  *) format=simple ;;
esac
export WLP_LOGGING_CONSOLE_FORMAT="${WLP_LOGGING_CONSOLE_FORMAT:-$format}"
export WLP_LOGGING_MESSAGE_FORMAT="${WLP_LOGGING_MESSAGE_FORMAT:-$format}"
mkdir -p "${DATA_DIR:-/opt/distsync/data}"
exec /opt/ol/helpers/runtime/docker-server.sh "$@"
