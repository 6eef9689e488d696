#!/usr/bin/env bash
# Zones from PostgreSQL, measured: (1) COMMIT -> served by our server, with ZONES zones loaded and a
# steady stream of other updates; (2) COMMIT -> a Knot secondary serving it (NOTIFY + IXFR);
# (3) start-up with STARTUP_ZONES zones of 20 RRsets each from the database vs. the same zones from
# files (keys present): time to the first answer and peak memory.
#
#   bench/pg-live.sh
#   ZONES=1000 SAMPLES=300 BACKGROUND=20 STARTUP_ZONES=10000 bench/pg-live.sh
#   SKIP_STARTUP=1 bench/pg-live.sh          # only the latencies
#   SKIP_LATENCY=1 DB_FIRST=1 bench/pg-live.sh   # only start-up, the database's start first
#
# It starts its own throw-away PostgreSQL cluster (Debian's packages; as the postgres user when run
# as root) and removes it at the end; everything else lives in bench/.data/pg (git-ignored).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
ZONES=${ZONES:-1000}
SAMPLES=${SAMPLES:-300}
KNOT_ZONES=${KNOT_ZONES:-10}
KNOT_SAMPLES=${KNOT_SAMPLES:-100}
BACKGROUND=${BACKGROUND:-20}
STARTUP_ZONES=${STARTUP_ZONES:-10000}
SKIP_STARTUP=${SKIP_STARTUP:-0}
SKIP_LATENCY=${SKIP_LATENCY:-0}
DB_FIRST=${DB_FIRST:-0}
DATA=${DATA:-$here/.data/pg}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
AUTH="$root/src/Desec.Auth/bin/Release/net10.0/desec-auth"
BENCH="$root/bench/Desec.Bench/bin/Release/net10.0/Desec.Bench"

source "$here/loopback.sh" # free_port
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

rm -rf "$DATA"; mkdir -p "$DATA"
dotnet build -c Release "$root/src/Desec.Auth" -v q -nologo >/dev/null
dotnet build -c Release "$root/bench/Desec.Bench" -v q -nologo >/dev/null

# --- a PostgreSQL cluster of our own ---------------------------------------------------------
PG="$DATA/cluster"; mkdir -p "$PG"; [ "$(id -u)" -eq 0 ] && chown postgres "$PG"
PGPORT=$(free_port)
as_pg "$PGBIN/initdb" -D "$PG/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
as_pg "$PGBIN/pg_ctl" start -w -D "$PG/data" -l "$PG/server.log" -o "-p $PGPORT -k $PG -c listen_addresses=127.0.0.1" >/dev/null
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" stop -m immediate -D "$PG/data" >/dev/null 2>&1 || true
}
trap cleanup EXIT
conn() { echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$1"; }
psql_db() { psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$1" -v ON_ERROR_STOP=1 "${@:2}"; }
psql_db postgres -c "CREATE DATABASE live" -c "CREATE DATABASE startup"
"$AUTH" db init --db "$(conn live)"
"$AUTH" db init --db "$(conn startup)"

# --- (1) and (2): ZONES zones, live updates ---------------------------------------------------
if [ "$SKIP_LATENCY" != 1 ]; then
psql_db live <<SQL
INSERT INTO zones (name) SELECT 'z' || i || '.bench.' FROM generate_series(0, $ZONES - 1) i;
INSERT INTO records (zone, owner, type, ttl, rdata)
SELECT 'z' || i || '.bench.', r.owner, r.type, 300, r.rdata
FROM generate_series(0, $ZONES - 1) i,
     (VALUES ('@', 'SOA', 'ns1 hostmaster 1 7200 1800 1209600 300'), ('@', 'NS', 'ns1'), ('@', 'NS', 'ns2.example.net.'),
             ('ns1', 'A', '192.0.2.53'), ('www', 'A', '192.0.2.80'), ('www', 'AAAA', '2001:db8::80'), ('@', 'MX', '10 mail'),
             ('mail', 'A', '192.0.2.25'), ('bg', 'TXT', '"0"'), ('@', 'TXT', '"v=spf1 mx -all"')) AS r(owner, type, rdata);
SQL
PORT=$(free_port); KNOT_PORT=$(free_port)
transfer=""
for ((i = 0; i < KNOT_ZONES; i++)); do
  transfer+="${transfer:+,}\"z$i.bench.\": {\"notify\": [\"127.0.0.1:$KNOT_PORT\"]}"
done
cat > "$DATA/live.json" <<JSON
{ "allow-transfer": ["127.0.0.1"], "zone-transfer": { $transfer } }
JSON
"$AUTH" serve --db "$(conn live)" --listen "127.0.0.1:$PORT" --state "$DATA/state-live" --config "$DATA/live.json" > "$DATA/live.log" 2>&1 &
pids+=($!)
until grep -qs "listening on" "$DATA/live.log"; do sleep 0.2; kill -0 "${pids[-1]}" || { cat "$DATA/live.log"; exit 1; }; done

KNOT="$DATA/knot"; mkdir -p "$KNOT"
{
  printf 'server:\n    listen: 127.0.0.1@%s\n    rundir: %s\n' "$KNOT_PORT" "$KNOT"
  [ "$(id -u)" -eq 0 ] && printf '    user: root:root\n'
  printf 'database:\n    storage: %s/db\nlog:\n  - target: stderr\n    any: info\n' "$KNOT"
  printf 'remote:\n  - id: primary\n    address: 127.0.0.1@%s\nacl:\n  - id: notify\n    address: 127.0.0.1\n    action: notify\n' "$PORT"
  printf 'template:\n  - id: default\n    master: primary\n    acl: notify\n    zonefile-sync: -1\n    zonefile-load: none\n    journal-content: none\nzone:\n'
  for ((i = 0; i < KNOT_ZONES; i++)); do printf '  - domain: z%s.bench.\n' "$i"; done
} > "$KNOT/knot.conf"
knotd -c "$KNOT/knot.conf" > "$KNOT/knot.log" 2>&1 &
pids+=($!)
for ((i = 0; i < KNOT_ZONES; i++)); do
  until dig @127.0.0.1 -p "$KNOT_PORT" +norec +short "z$i.bench." SOA | grep -q hostmaster; do sleep 0.2; done
done

echo "== COMMIT -> served by desec-auth ($ZONES zones, $BACKGROUND other updates/s)"
served=$("$BENCH" pg-latency "$(conn live)" "$PORT" "$ZONES" "$SAMPLES" "$BACKGROUND")
echo "$served"
echo "== COMMIT -> served by a Knot secondary (NOTIFY + IXFR; $KNOT_ZONES zones followed, $BACKGROUND other updates/s)"
knot=$("$BENCH" pg-latency "$(conn live)" "$KNOT_PORT" "$KNOT_ZONES" "$KNOT_SAMPLES" "$BACKGROUND")
echo "$knot"
echo "Knot transfers: $(grep -c 'IXFR, incoming' "$KNOT/knot.log" || true) by IXFR, $(grep -c 'AXFR, incoming' "$KNOT/knot.log" || true) by AXFR"
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=()
fi
[ "$SKIP_STARTUP" = 1 ] && exit 0

# --- (3) start-up: STARTUP_ZONES zones of 20 RRsets, from files and from the database ------------
ZDIR="$DATA/startup-zones"; mkdir -p "$ZDIR"
python3 - "$ZDIR" "$STARTUP_ZONES" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    hosts = "".join(f"h{h} A 192.0.2.{h + 100}\n" for h in range(7))
    with open(f"{folder}/s{i}.bench.zone", "w") as f:
        f.write(f"""$TTL 300
@ SOA ns1 hostmaster 1 7200 1800 1209600 300
@ NS ns1
@ NS ns2
@ MX 10 mail
@ TXT "v=spf1 mx -all"
@ A 192.0.2.80
@ AAAA 2001:db8::80
www A 192.0.2.80
www AAAA 2001:db8::80
mail A 192.0.2.25
ns1 A 192.0.2.53
ns2 A 192.0.2.54
ftp CNAME www
_sip._tcp SRV 10 5 5060 www
{hosts}""")
PY
import_start=$(date +%s.%N)
"$AUTH" db import "$ZDIR"/*.zone --db "$(conn startup)" 2>/dev/null | tail -1 || true
import_s=$(echo "$(date +%s.%N) - $import_start" | bc)

# Runs the server until it listens (every zone signed and published), then prints seconds and peak RSS.
start_once() {
  local log="$DATA/start-$1.log"; shift
  local begin; begin=$(date +%s.%N)
  "$AUTH" serve --listen "127.0.0.1:$(free_port)" --state "$DATA/state-startup" "$@" > "$log" 2>&1 &
  local pid=$!
  until grep -qs "listening on" "$log"; do sleep 0.05; kill -0 "$pid" 2>/dev/null || { tail -5 "$log"; return 1; }; done
  local seconds; seconds=$(echo "$(date +%s.%N) - $begin" | bc)
  local hwm; hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%.1f s, peak RSS %s MB' "$seconds" "$hwm"
}
start_once keys --zones "$ZDIR" >/dev/null   # makes the keys: every measured start has them
echo "== start-up with $STARTUP_ZONES zones of 20 RRsets (keys present; import took ${import_s%.*} s)"
if [ "$DB_FIRST" = 1 ]; then
  echo "from database: $(start_once db --db "$(conn startup)")"
  echo "from files:    $(start_once files --zones "$ZDIR")"
else
  echo "from files:    $(start_once files --zones "$ZDIR")"
  echo "from database: $(start_once db --db "$(conn startup)")"
fi
# Reading alone (before signing), from the log's one-second timestamps.
span() { grep "$2" "$DATA/start-$1.log" | sed -n '1p;$p' | cut -c12-19 | paste -sd' '; }
echo "reading (first to last zone read, log time): files $(span files ' loaded: '), database $(span db 'read from the database')"
