# Sourced by the scripts in jmeter/: how they reach a DistSync node, as the security interface tells
# clients to (the Java benchmarks read the same variables in io.distsync.bench.BenchSecurity).
#
#   PROTOCOL             https (default) or http, for a cluster with TLS=off
#   DISTSYNC_CA          the CA certificate (PEM) to trust; default DATA/tls/ca.pem of the local tool
#                        (DATA: ./data) when it exists, else curl's own trust
#   DISTSYNC_TOKEN       the bearer token, sent as "Authorization: Bearer ..." on every request;
#   DISTSYNC_TOKEN_FILE  else read from this file. Neither: no token (a cluster with AUTH=off).
#
# The token goes to curl in a config read from stdin, never as an argument: arguments are visible to
# every user of the machine (ps), the environment is not.

# Sets PROTOCOL, exports DISTSYNC_TOKEN (read from DISTSYNC_TOKEN_FILE if need be, so that Maven's
# profile `jmeter` finds it) and DISTSYNC_CA. $1: the repository root.
distsync_client_init() {
  local root=$1
  PROTOCOL=${PROTOCOL:-https}
  case "$PROTOCOL" in http | https) ;; *) echo "PROTOCOL must be http or https, not $PROTOCOL" >&2; return 2 ;; esac
  if [[ -z "${DISTSYNC_TOKEN:-}" && -n "${DISTSYNC_TOKEN_FILE:-}" ]]; then
    DISTSYNC_TOKEN=$(tr -d '\r\n' <"$DISTSYNC_TOKEN_FILE") || return 1
  fi
  if [[ -n "${DISTSYNC_TOKEN:-}" ]]; then
    # A JWT is base64url and dots: anything else would break the header (and is not shown: a secret).
    [[ "$DISTSYNC_TOKEN" =~ ^[A-Za-z0-9._~+/=-]+$ ]] ||
      { echo "DISTSYNC_TOKEN has characters a bearer token cannot have" >&2; return 2; }
    export DISTSYNC_TOKEN
  fi
  local default_ca=${DATA:-$root/data}/tls/ca.pem
  if [[ -z "${DISTSYNC_CA:-}" && -f "$default_ca" ]]; then
    DISTSYNC_CA=$default_ca
  fi
  [[ -z "${DISTSYNC_CA:-}" ]] || export DISTSYNC_CA
}

# curl with the CA and the token: distsync_curl [CURL OPTION ...] URL
distsync_curl() {
  local ca=()
  [[ -z "${DISTSYNC_CA:-}" ]] || ca=(--cacert "$DISTSYNC_CA")
  if [[ -n "${DISTSYNC_TOKEN:-}" ]]; then
    printf 'header = "Authorization: Bearer %s"\n' "$DISTSYNC_TOKEN" | curl "${ca[@]}" -K - "$@"
  else
    curl "${ca[@]}" "$@"
  fi
}
