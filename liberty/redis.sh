#!/usr/bin/env bash
# Starts or stops a local redis-server with AOF on, for the local cluster and the build's tests.
#   redis.sh start PORT DIR    start (if not already running) with data, log and pid file in DIR
#   redis.sh stop PORT DIR     SHUTDOWN (AOF flushed), then wait for the process to end
#   redis.sh ping PORT         exit 0 when a Redis answers PING on localhost:PORT
#   redis.sh binary            print the redis-server that will be used
#   redis.sh replica PORT DIR PRIMARY     start a replica of localhost:PRIMARY (AOF on)
#   redis.sh sentinel PORT DIR PRIMARY    start a Sentinel (same binary, --sentinel) monitoring
#                              localhost:PRIMARY as master "distsync" (quorum 2, down after 1 s)
#   redis.sh primary SENTINEL  print the port of the primary the sentinel on SENTINEL names
#   redis.sh role PORT         print master or slave (the server's INFO replication role)
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

# Waits up to 10 s for the server on $1 to answer PING: $2 names it, $3 is said once it answers, $4 is its log.
await_ping() {
  local port=$1 what=$2 detail=$3 log=$4
  for _ in $(seq 1 100); do
    if ping "$port"; then echo "$what started on port $port $detail"; return 0; fi
    sleep 0.1
  done
  echo "$what did not answer on port $port; see $log" >&2
  return 1
}

# Sends one inline command and prints every line of the reply read within 1 s, without \r.
redis_lines() {
  local port=$1 cmd=$2 line
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s\r\n' "$cmd" >&3
  while IFS= read -r -t 1 line <&3; do printf '%s\n' "${line%$'\r'}"; done
  exec 3<&- 3>&-
}

start() {
  local port=$1 dir=$2 bin
  shift 2
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if ping "$port"; then echo "redis already running on port $port"; return 0; fi
  bin=$(redis_binary)
  "$bin" --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --appendonly yes --appendfsync "${REDIS_APPENDFSYNC:-everysec}" --save "" "$@"
  await_ping "$port" "redis" "($bin, data in $dir)" "$dir/redis.log"
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

# A Sentinel rewrites its configuration file, so each gets a writable one in its own DIR.
sentinel() {
  local port=$1 dir=$2 primary=$3 bin
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if ping "$port"; then echo "sentinel already running on port $port"; return 0; fi
  bin=$(redis_binary)
  cat >"$dir/sentinel.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir
daemonize yes
pidfile $dir/redis.pid
logfile $dir/redis.log
sentinel monitor distsync 127.0.0.1 $primary 2
sentinel down-after-milliseconds distsync ${SENTINEL_DOWN_AFTER:-1000}
sentinel failover-timeout distsync ${SENTINEL_FAILOVER_TIMEOUT:-3000}
sentinel parallel-syncs distsync 1
CONF
  "$bin" "$dir/sentinel.conf" --sentinel
  await_ping "$port" "sentinel" "(data in $dir)" "$dir/redis.log"
}

# The port of the primary the sentinel on $1 names (the last line of its two-element reply).
primary() {
  redis_lines "$1" "SENTINEL get-master-addr-by-name distsync" 2>/dev/null | tail -n 1
}

role() {
  redis_lines "$1" "INFO replication" 2>/dev/null | sed -n 's/^role://p'
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  replica) start "$2" "$3" --replicaof 127.0.0.1 "$4" ;;
  sentinel) sentinel "$2" "$3" "$4" ;;
  primary) primary "$2" ;;
  role) role "$2" ;;
  stop) stop "$2" "$3" ;;
  ping) ping "$2" ;;
  binary) redis_binary ;;
  *) echo "usage: $0 start|stop PORT DIR | replica|sentinel PORT DIR PRIMARY | ping|role PORT | primary SENTINEL | binary" >&2; exit 2 ;;
esac
