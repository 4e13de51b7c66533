#!/bin/sh
# Makes a private CA and the server certificates docker-compose.yml mounts at /tls (ADR 39):
#   ca.crt (every client verifies against it), postgres.*, nats.*, keycloak.*
# Usage: deploy/tls/generate.sh [DIR]   (default deploy/tls/local, which git ignores). Set HOMI_TLS_DIR in
# .env to DIR when it is another one. Existing files are kept: delete DIR to start over.
# To use certificates of your own CA instead, put the same file names in DIR.
set -eu
DIR=${1:-$(dirname "$0")/local}
DAYS=${HOMI_TLS_DAYS:-825}
mkdir -p "$DIR"
cd "$DIR"
if [ ! -f ca.key ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$DAYS" \
    -subj "/CN=HOMi compose CA" -keyout ca.key -out ca.crt
fi
# name, then the DNS names the services reach it by (compose service name first); NATS's certificate
# also serves its cluster routes, whose TLS is mutual: it needs clientAuth too (ADR 57).
server() {
  name=$1; shift
  usage=serverAuth
  [ "$name" = nats ] && usage=serverAuth,clientAuth
  [ -f "$name.crt" ] && return 0
  san=""
  for host in "$@"; do san="${san:+$san,}DNS:$host"; done
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$san" "$usage" > "$name.ext"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" -keyout "$name.key" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$DAYS" -extfile "$name.ext" -out "$name.crt"
  rm -f "$name.csr" "$name.ext"
}
server postgres postgres localhost
# nats-2 and nats-3: the other nodes of docker-compose.cluster.yml's three-node cluster.
server nats nats nats-2 nats-3 localhost
server keycloak keycloak localhost
# The containers run as different users (postgres copies its key as root; Keycloak and the services
# run as uid 1000): the keys are readable by the containers, so keep DIR on a host only you use.
chmod 0644 ./*.crt ./*.key
chmod 0600 ca.key
echo "certificates in $(pwd): ca.crt, postgres, nats, keycloak"
