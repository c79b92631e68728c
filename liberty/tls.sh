#!/usr/bin/env bash
# Makes the cluster's TLS files and the token-signing key with the JDK's keytool alone (no openssl).
#   tls.sh init DIR NODE...   a cluster CA, its trust store and one key store per node, in DIR
#   tls.sh signing DIR        the key pair that signs tokens (DIR/signing.p12) and its certificate
#
# init makes, when missing (what exists is kept, so a second run only adds new nodes' stores):
#   ca.p12          the CA's key and certificate (alias ca; EC P-256, 10 years): keep it private
#   ca.pem          the CA's certificate: what clients trust (DISTSYNC_CA, curl --cacert)
#   truststore.p12  the CA's certificate alone (alias ca): every node's TLS_TRUSTSTORE
#   NODE.p12        the node's key and certificate chain (alias node; 2 years), signed by the CA, for
#                   server and client authentication; SANs: localhost, NODE, 127.0.0.1 and the names
#                   in TLS_HOSTS (comma separated, e.g. TLS_HOSTS=db1.example.com,10.0.0.5)
#   password        the stores' password (TLS_PASSWORD), random, readable by its owner only
# A NODE.p12 this script made is issued again when it should carry names it lacks (NODE.san records
# its names; names are added, never dropped: delete NODE.p12 to drop one); a store it did not make
# (your own) is never touched.
# signing makes signing.p12 (alias jwt, RSA 2048, self-signed), signing.pem (the certificate: the
# nodes' AUTH_PUBLIC_KEY) and its own password file.
set -euo pipefail

keytool_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/keytool" ]]; then
    echo "$JAVA_HOME/bin/keytool"
  elif command -v keytool >/dev/null 2>&1; then
    command -v keytool
  else
    echo "tls.sh: keytool not found: install a JDK 17 or set JAVA_HOME" >&2
    return 1
  fi
}

die() { printf 'tls.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

# keytool with the store type and the password of $dir. The password is read from the file
# (-storepass:file), never passed as an argument: arguments are visible to every user (ps).
kt() {
  "$keytool" "$@" -storetype PKCS12 -storepass:file "$dir/password"
}

# Runs keytool quietly; on failure shows its output, which says what went wrong.
kt_quiet() {
  local out
  out=$(kt "$@" 2>&1) || { printf '%s\n' "$out" >&2; die "keytool $1 failed (see above)"; }
}

# A random password in DIR/password, made once; the umask keeps it private from the first byte.
ensure_password() {
  [[ -s "$dir/password" ]] && return 0
  (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$dir/password.tmp")
  mv "$dir/password.tmp" "$dir/password"
  say "made $dir/password"
}

# The names a node's certificate carries, as keytool's SAN extension value.
node_sans() {
  local name=$1 san="dns:localhost,ip:127.0.0.1" extra host
  [[ "$name" == localhost ]] || san="dns:localhost,dns:$name,ip:127.0.0.1"
  IFS=, read -r -a extra <<<"${TLS_HOSTS:-}"
  for host in "${extra[@]}"; do
    host=${host//[[:space:]]/}
    [[ -n "$host" ]] || continue
    # An IPv4 or IPv6 address is an IP SAN; anything else a DNS name.
    if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then
      [[ ",$san," == *",ip:$host,"* ]] || san+=",ip:$host"
    else
      [[ ",$san," == *",dns:$host,"* ]] || san+=",dns:$host"
    fi
  done
  echo "$san"
}

# $1 followed by the entries of $2 that $1 lacks (comma-separated SAN lists).
san_union() {
  local out=$1 entry entries
  IFS=, read -r -a entries <<<"$2"
  for entry in "${entries[@]}"; do
    [[ ",$out," == *",$entry,"* ]] || out+=",$entry"
  done
  echo "$out"
}

ensure_ca() {
  if [[ ! -f "$dir/ca.p12" ]]; then
    [[ ! -f "$dir/ca.pem" ]] ||
      die "$dir has ca.pem but no ca.p12: its CA key is elsewhere, so this script cannot sign for it"
    # bc:c=ca:true,pathlen:0 makes it a CA that signs only end certificates; 10 years, so that it
    # outlives every node certificate it signs.
    rm -f "$dir/ca.p12.tmp"
    kt_quiet -genkeypair -alias ca -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
      -dname "CN=DistSync cluster CA" -validity 3650 \
      -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign \
      -keystore "$dir/ca.p12.tmp"
    chmod 600 "$dir/ca.p12.tmp"
    mv "$dir/ca.p12.tmp" "$dir/ca.p12"
    say "made $dir/ca.p12 (the CA's key: keep it private)"
  fi
  if [[ ! -s "$dir/ca.pem" ]]; then
    kt_quiet -exportcert -rfc -alias ca -keystore "$dir/ca.p12" -file "$dir/ca.pem.tmp"
    chmod 644 "$dir/ca.pem.tmp"
    mv "$dir/ca.pem.tmp" "$dir/ca.pem"
    say "made $dir/ca.pem (the CA certificate clients trust)"
  fi
}

ensure_truststore() {
  [[ -f "$dir/truststore.p12" ]] && return 0
  [[ -s "$dir/ca.pem" ]] || ensure_ca
  rm -f "$dir/truststore.p12.tmp"
  kt_quiet -importcert -noprompt -alias ca -file "$dir/ca.pem" -keystore "$dir/truststore.p12.tmp"
  chmod 644 "$dir/truststore.p12.tmp"
  mv "$dir/truststore.p12.tmp" "$dir/truststore.p12"
  say "made $dir/truststore.p12"
}

# Issues NAME.p12: a key pair, a request, the CA's signature (keytool -gencert), then the chain
# (node, CA) imported in place of the self-signed certificate. Built under a temporary name, so an
# interrupted run leaves no half-made store that a later run would take as done.
issue_node() {
  local name=$1 san=$2 store="$dir/$1.p12" tmp="$dir/$1.p12.tmp"
  ensure_ca
  rm -f "$tmp" "$work/$name".*
  kt_quiet -genkeypair -alias node -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=$name, O=DistSync" -validity 730 -keystore "$tmp"
  kt_quiet -certreq -alias node -keystore "$tmp" -file "$work/$name.csr"
  # serverAuth: it serves HTTPS; clientAuth: it dials its peers' peer port, which requires a
  # certificate of the cluster's CA. An EC key only signs, hence digitalSignature alone.
  kt_quiet -gencert -alias ca -keystore "$dir/ca.p12" -sigalg SHA256withECDSA \
    -infile "$work/$name.csr" -outfile "$work/$name.crt" -rfc -validity 730 \
    -ext "san=$san" -ext eku=serverAuth,clientAuth -ext ku:c=digitalSignature
  cat "$work/$name.crt" "$dir/ca.pem" >"$work/$name.chain"
  kt_quiet -importcert -noprompt -alias node -file "$work/$name.chain" -keystore "$tmp"
  # The store is protected by the password; it must be readable by the container's user (1001),
  # which is not the owner of a bind-mounted folder's files.
  chmod 644 "$tmp"
  mv "$tmp" "$store"
  printf '%s\n' "$san" >"$dir/$name.san"
  say "made $store (SANs $san)"
}

cmd_init() {
  [[ $# -ge 2 ]] || die "usage: tls.sh init DIR NODE_NAME..."
  dir=$1
  shift
  local name san
  for name in "$@"; do
    [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$ ]] ||
      die "'$name' is not a host name (letters, digits, dots and dashes)"
  done
  mkdir -p "$dir"
  [[ -f "$dir/ca.p12" && ! -s "$dir/password" ]] &&
    die "$dir/ca.p12 exists but $dir/password does not: without it the CA key cannot be opened"
  # A new CA would not match the trust store and node stores an earlier one signed.
  if [[ ! -f "$dir/ca.p12" && ! -f "$dir/ca.pem" ]] && compgen -G "$dir/*.san" >/dev/null; then
    die "$dir has node stores but its CA (ca.p12, ca.pem) is gone: move $dir away and run init again"
  fi
  ensure_password
  ensure_truststore
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for name in "$@"; do
    san=$(node_sans "$name")
    if [[ ! -f "$dir/$name.p12" ]]; then
      issue_node "$name" "$san"
    elif [[ -f "$dir/$name.san" ]]; then
      # Names are only ever added (a run without TLS_HOSTS must not drop the ones an earlier run
      # gave): the new certificate carries the old names and the new ones.
      local had added
      had=$(cat "$dir/$name.san")
      added=$(san_union "$had" "$san")
      if [[ "$added" != "$had" ]]; then
        say "$name: the certificate gets new names: $added"
        issue_node "$name" "$added"
      fi
    fi
  done
}

cmd_signing() {
  [[ $# -eq 1 ]] || die "usage: tls.sh signing DIR"
  dir=$1
  mkdir -p "$dir"
  [[ -f "$dir/signing.p12" && ! -s "$dir/password" ]] &&
    die "$dir/signing.p12 exists but $dir/password does not: without it the key cannot be opened"
  ensure_password
  if [[ ! -f "$dir/signing.p12" ]]; then
    # RS256 tokens: an RSA key. The certificate is only a container for the public key (the nodes'
    # AUTH_PUBLIC_KEY); its 10 years are not a token's lifetime (that is the token's exp).
    rm -f "$dir/signing.p12.tmp"
    kt_quiet -genkeypair -alias jwt -keyalg RSA -keysize 2048 -sigalg SHA256withRSA \
      -dname "CN=DistSync token signing" -validity 3650 -keystore "$dir/signing.p12.tmp"
    chmod 600 "$dir/signing.p12.tmp"
    mv "$dir/signing.p12.tmp" "$dir/signing.p12"
    rm -f "$dir/signing.pem"
    say "made $dir/signing.p12 (the key that signs tokens: keep it private)"
  fi
  if [[ ! -s "$dir/signing.pem" ]]; then
    kt_quiet -exportcert -rfc -alias jwt -keystore "$dir/signing.p12" -file "$dir/signing.pem.tmp"
    chmod 644 "$dir/signing.pem.tmp"
    mv "$dir/signing.pem.tmp" "$dir/signing.pem"
    say "made $dir/signing.pem (the nodes' AUTH_PUBLIC_KEY)"
  fi
}

keytool=$(keytool_bin)
dir=""
work=""
case "${1:-}" in
  init) shift; cmd_init "$@" ;;
  signing) shift; cmd_signing "$@" ;;
  *) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
