#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the registry tests and prints its connection string.
#
#   export CONTACTRULES_TEST_POSTGRES="$(scripts/postgres.sh)"
#
# Installs Debian's postgresql package when no server binaries are found (needs root), creates a
# cluster in a fresh temporary directory owned by the postgres user, starts it on 127.0.0.1 on a free
# port, and creates the database "contactrules_test". Everything but the connection string goes to
# standard error. Stop it with: scripts/postgres.sh stop DIR (DIR is printed on standard error).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ ${1:-} == stop ]]; then
  dir=${2:?usage: postgres.sh stop DIR}
  as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -m fast stop >&2
  rm -rf "$dir"
  exit 0
fi

if ! bin=$(bindir); then
  log "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
  bin=$(bindir)
fi

# A free port: ask the kernel for one, then hand it to the server.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d /tmp/contactrules-pg.XXXXXX)
chmod 755 "$dir"
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi

as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=100" start >&2 \
  || { cat "$dir/server.log" >&2; exit 1; }
as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres contactrules_test >&2

log "server in $dir on 127.0.0.1:$port (stop: scripts/postgres.sh stop $dir)"
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=contactrules_test"
