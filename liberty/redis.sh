#!/usr/bin/env bash
# Starts or stops a local redis-server with AOF on, for the local cluster and the build's tests.
#   redis.sh start PORT DIR    start (if not already running) with data, log and pid file in DIR
#   redis.sh stop PORT DIR     SHUTDOWN (AOF flushed), then wait for the process to end
#   redis.sh ping PORT         exit 0 when a Redis answers PING on localhost:PORT
#   redis.sh binary            print the redis-server that will be used
# The binary: REDIS_SERVER if set, else redis-server on PATH, else the Linux build shipped inside the
# embedded-redis jar on Maven Central, unpacked by the build into target/redis/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

redis_binary() {
  if [[ -n "${REDIS_SERVER:-}" ]]; then echo "$REDIS_SERVER"; return; fi
  if command -v redis-server >/dev/null 2>&1; then command -v redis-server; return; fi
  local shipped
  shipped=$(ls "$root"/target/redis/redis-server-* 2>/dev/null | head -n 1 || true)
  if [[ -z "$shipped" ]]; then
    echo "no redis-server on PATH and none unpacked yet: run 'mvn -q generate-resources' first" >&2
    return 1
  fi
  chmod +x "$shipped"
  echo "$shipped"
}

# Sends one inline command to localhost:PORT and prints the first reply line (no redis-cli needed).
redis_cmd() {
  local port=$1 cmd=$2 reply
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s\r\n' "$cmd" >&3
  IFS= read -r -t 2 reply <&3 || true
  exec 3<&- 3>&-
  printf '%s' "${reply%$'\r'}"
}

ping() { [[ "$(redis_cmd "$1" PING 2>/dev/null)" == "+PONG" ]]; }

start() {
  local port=$1 dir=$2 bin
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if ping "$port"; then echo "redis already running on port $port"; return 0; fi
  bin=$(redis_binary)
  "$bin" --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --appendonly yes --appendfsync "${REDIS_APPENDFSYNC:-everysec}" --save ""
  for _ in $(seq 1 100); do
    if ping "$port"; then echo "redis started on port $port ($bin, data in $dir)"; return 0; fi
    sleep 0.1
  done
  echo "redis did not answer on port $port; see $dir/redis.log" >&2
  return 1
}

stop() {
  local port=$1 dir=$2 pid=""
  [[ -f "$dir/redis.pid" ]] && pid=$(cat "$dir/redis.pid")
  redis_cmd "$port" SHUTDOWN >/dev/null 2>&1 || true
  if [[ -n "$pid" ]]; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/redis.pid"
  fi
  echo "redis on port $port stopped"
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" "$3" ;;
  ping) ping "$2" ;;
  binary) redis_binary ;;
  *) echo "usage: $0 start|stop PORT DIR | ping PORT | binary" >&2; exit 2 ;;
esac
