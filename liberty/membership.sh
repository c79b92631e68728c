# Membership changes through the API, one server at a time as Raft requires: sourced by
# liberty/cluster (add, remove, status) and by docker/scale/join-node4.sh, so that the local tool
# and the Compose profile take the same steps. POSIX sh (the curl image has no bash), curl only
# (no jq there either).
#
# The caller sets:
#   MS_CA      the CA file to trust (empty: plain HTTP, or the system's CAs)
#   MS_TOKEN   an admin token (empty: AUTH=off); it goes to curl in a config on stdin, never as an
#              argument, since every user sees arguments in ps
#   MS_URLS    API URLs of existing members, to ask who leads
# and defines ms_api_url ID: the API URL of member ID (node3 -> https://localhost:8003, ...).
#
#   ms_join ID PEER_URL NEW_API_URL SECONDS   add ID (learner, then voter); progress on stdout
#   ms_leave ID SECONDS                       remove ID (leadership moves first if ID leads)
#   ms_role STATUS_JSON ID                    voter, learner or none, from GET /raft/status

# METHOD URL [BODY] [MAX_SECONDS]: the body, then a last line HTTP<code> (HTTP000: no answer).
# Every call has a connect and a read bound (the rule: no outbound call without timeouts).
ms_call() {
  local method=$1 url=$2 body=${3:-} max=${4:-10} out
  set -- -sS --connect-timeout 2 --max-time "$max" -X "$method" -w '\nHTTP%{http_code}'
  [ -z "${MS_CA:-}" ] || set -- "$@" --cacert "$MS_CA"
  if [ -n "$body" ]; then
    set -- "$@" -H 'Content-Type: application/json' -d "$body"
  elif [ "$method" = POST ]; then
    set -- "$@" -H 'Content-Length: 0'
  fi
  if [ -n "${MS_TOKEN:-}" ]; then
    out=$(printf 'header = "Authorization: Bearer %s"\n' "$MS_TOKEN" |
      curl "$@" -K - "$url" 2>/dev/null) || true
  else
    out=$(curl "$@" "$url" </dev/null 2>/dev/null) || true
  fi
  case "$out" in
    *HTTP[0-9][0-9][0-9]) printf '%s\n' "$out" ;;
    *) printf '%s\nHTTP000\n' "$out" ;;
  esac
}

# The code of an ms_call answer, and its body.
ms_code() { printf '%s\n' "$1" | sed -n 's/^.*HTTP\([0-9][0-9][0-9]\)$/\1/p' | tail -n 1; }
ms_body() { printf '%s\n' "$1" | sed '$d'; }

# A string field of a flat JSON object ("" when absent or null).
ms_field() { printf '%s' "$1" | sed -n "s/.*\"$2\": *\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }
# A number field.
ms_number() { printf '%s' "$1" | sed -n "s/.*\"$2\": *\\(-\\{0,1\\}[0-9][0-9]*\\).*/\\1/p" | head -n 1; }

# voter, learner or none: member ID in the members of a GET /raft/status (or a POST reply).
ms_role() {
  local entry
  entry=$(printf '%s' "$1" | tr '{' '\n' | grep "\"id\": *\"$2\"" | head -n 1) || true
  case "$entry" in
    '') echo none ;;
    *'"voter":true'* | *'"voter": true'*) echo voter ;;
    *) echo learner ;;
  esac
}

# GET /raft/status of the node at API URL (empty when it does not answer 200).
ms_status() {
  local answer
  answer=$(ms_call GET "$1/raft/status" "" 5)
  [ "$(ms_code "$answer")" != 200 ] || ms_body "$answer"
}

# The leader's id as the first member of MS_URLS that knows one sees it (empty: none known).
ms_leader() {
  local url answer id
  for url in $MS_URLS; do
    answer=$(ms_call GET "$url/raft/leader" "" 5)
    if [ "$(ms_code "$answer")" = 200 ]; then
      id=$(ms_field "$(ms_body "$answer")" leaderId)
      if [ -n "$id" ]; then
        echo "$id"
        return 0
      fi
    fi
  done
}

ms_elapsed() { echo $(($(date +%s) - ms_t0)); }

# Prints LINE with the elapsed seconds when it differs from the last one printed.
ms_progress() {
  [ "$1" = "${ms_last:-}" ] || printf '  [%3ss] %s\n' "$(ms_elapsed)" "$1"
  ms_last=$1
}

# ID PEER_URL NEW_API_URL SECONDS. Waits until the new node answers, then asks the leader (found
# with GET /raft/leader) to add it: the leader answers once the learner has caught up and is a
# voter, while a follower that forwards gives up after PEER_READ_TIMEOUT with a 503 and the leader
# goes on; so the request goes to the leader and, whatever the answer, the leader's
# GET /raft/status is what says when ID votes. Returns 0 once ID is a voter.
ms_join() {
  local id peer new deadline body tmp pid asked now leader lurl status role answer
  id=$1 peer=$2 new=$3 deadline=$(($(date +%s) + $4))
  ms_t0=$(date +%s) ms_last=""
  body=$(printf '{"id":"%s","url":"%s"}' "$id" "$peer")
  # The answer of the request under way lands in $tmp once complete (a shell may keep a finished
  # child as a zombie until it waits for it, so kill -0 cannot tell).
  tmp=$(mktemp)
  rm -f "$tmp"
  pid="" asked=""
  while :; do
    now=$(date +%s)
    if [ "$now" -ge "$deadline" ]; then
      [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
      rm -f "$tmp" "$tmp.part"
      echo "$id did not become a voter in $4 s (last: ${ms_last:-nothing})" >&2
      return 1
    fi
    leader=$(ms_leader)
    if [ -z "$leader" ]; then
      ms_progress "$id: waiting for the members to know a leader"
      sleep 1
      continue
    fi
    lurl=$(ms_api_url "$leader")
    status=$(ms_status "$lurl")
    if [ -z "$status" ]; then
      ms_progress "$id: waiting for leader $leader to answer on $lurl"
      sleep 1
      continue
    fi
    role=$(ms_role "$status" "$id")
    if [ "$role" = voter ]; then
      ms_progress "$id: a voter (leader $leader)"
      [ -z "$pid" ] || wait "$pid" 2>/dev/null || true
      rm -f "$tmp" "$tmp.part"
      return 0
    fi
    if [ -n "$pid" ] && [ -f "$tmp" ]; then
      wait "$pid" 2>/dev/null || true
      pid=""
      answer=$(cat "$tmp")
      rm -f "$tmp"
      case "$(ms_code "$answer")" in
        200) continue ;;
        401 | 403)
          rm -f "$tmp"
          echo "refused ($(ms_code "$answer")): an admin token is needed" >&2
          return 1
          ;;
        400)
          case "$answer" in
            *"already a member"*) ;;
            *)
              rm -f "$tmp"
              echo "refused: $(ms_body "$answer")" >&2
              return 1
              ;;
          esac
          ;;
        409)
          if [ "$role" = learner ]; then
            rm -f "$tmp"
            echo "$id stays a learner: it did not catch up in time (see its log); remove it and add it again" >&2
            return 1
          fi
          ;;
        # 503 (a leader change, or a follower that stopped waiting), 000 (no answer in time):
        # the change may still be under way; the status says, and the next round asks again.
      esac
    fi
    if [ "$role" = none ] && [ -z "$pid" ]; then
      if [ "$(ms_code "$(ms_call GET "$new/health/live" "" 5)")" = 000 ]; then
        ms_progress "$id: waiting for it to answer on $new"
        sleep 1
        continue
      fi
      # In the background, so that the progress goes on while the leader adds and promotes it
      # (it answers after the catch-up, for which it allows 120 s).
      { ms_call POST "$lurl/raft/members" "$body" 150 >"$tmp.part" && mv "$tmp.part" "$tmp"; } &
      pid=$!
      asked=$leader
    fi
    case "$role" in
      none) ms_progress "$id: asked leader ${asked:-$leader} to add it" ;;
      learner) ms_progress "$id: a learner, catching up (leader $leader)" ;;
    esac
    sleep 1
  done
}

# ID SECONDS. If ID leads, it hands leadership over first (POST /raft/leadership/transfer), so
# that the removal does not cost an election; then DELETE /raft/members/ID on the leader, and wait
# until every other member in MS_URLS no longer lists it. Returns 0 once the change is committed.
ms_leave() {
  local id deadline leader lurl status role seen url s answer
  id=$1 deadline=$(($(date +%s) + $2))
  ms_t0=$(date +%s) ms_last=""
  while :; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "$id was not removed in $2 s (last: ${ms_last:-nothing})" >&2
      return 1
    fi
    leader=$(ms_leader)
    if [ -z "$leader" ]; then
      ms_progress "waiting for the members to know a leader"
      sleep 1
      continue
    fi
    lurl=$(ms_api_url "$leader")
    if [ "$leader" = "$id" ]; then
      ms_progress "$id leads: handing leadership over"
      ms_call POST "$lurl/raft/leadership/transfer" "" 10 >/dev/null
      sleep 1
      continue
    fi
    status=$(ms_status "$lurl")
    if [ -z "$status" ]; then
      ms_progress "waiting for leader $leader to answer on $lurl"
      sleep 1
      continue
    fi
    role=$(ms_role "$status" "$id")
    if [ "$role" = none ]; then
      seen=""
      for url in $MS_URLS; do
        [ "$url" = "$(ms_api_url "$id")" ] && continue
        s=$(ms_status "$url")
        [ -n "$s" ] && [ "$(ms_role "$s" "$id")" != none ] && seen="$seen ${url}"
      done
      if [ -z "$seen" ]; then
        ms_progress "$id: no longer a member (leader $leader)"
        return 0
      fi
      ms_progress "$id: removed by leader $leader, not yet applied on$seen"
      sleep 1
      continue
    fi
    ms_progress "$id: asking leader $leader to remove it"
    answer=$(ms_call DELETE "$lurl/raft/members/$id" "" 30)
    case "$(ms_code "$answer")" in
      200 | 404 | 503 | 000) ;;
      409) sleep 1 ;; # another change in progress: ask again
      *)
        echo "refused: $(ms_code "$answer") $(ms_body "$answer")" >&2
        return 1
        ;;
    esac
  done
}
