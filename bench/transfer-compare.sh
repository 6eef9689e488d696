#!/usr/bin/env bash
# Zone transfers out, this server beside Knot as the primary, on the same signed zone and with the
# same secondary: prints one markdown table.
#
#   AXFR records/s   `kdig +tcp AXFR` of the whole signed zone from the primary (best of REPEAT runs):
#                    records received / wall seconds of kdig
#   change -> served from appending one record to the zone file and SIGHUP to the primary, until a
#                    Knot secondary (TSIG key, NOTIFY accepted only when signed) answers the new name:
#                    the primary re-signs, journals, sends NOTIFY, and the secondary fetches by IXFR.
#                    Median of REPEAT changes, polled every 10 ms with kdig.
#
# Both primaries sign the zone online (ECDSAP256SHA256 CSK, NSEC3 1 0 0 -) from the same unsigned
# file: Knot with `dnssec-signing: on` and `zonefile-load: difference-no-serial`, ours by default.
# The zone is shared/bench/gen-zone.py's `bench.test.` (NAMES host names; called, not copied).
#
#   bench/transfer-compare.sh
#   NAMES=10000 REPEAT=5 bench/transfer-compare.sh
#
# Knobs (environment): NAMES (default 100000), REPEAT (default 3), DATA (default bench/.data),
# GEN_ZONE (path of gen-zone.py; default: shared/bench/gen-zone.py beside the repository),
# PRIMARIES (any of "ours knot", default both), OURS_DLL (desec-auth.dll to measure).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
NAMES=${NAMES:-100000}
REPEAT=${REPEAT:-3}
DATA=${DATA:-$here/.data}
PRIMARIES=${PRIMARIES:-ours knot}
AUTH_DLL=${OURS_DLL:-$root/src/Desec.Auth/bin/Release/net10.0/desec-auth.dll}
ORIGIN=bench.test.
KEY_NAME=xfr-key
KEY_SECRET=c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=

log() { echo "# $*" >&2; }

GEN_ZONE=${GEN_ZONE:-}
if [[ -z $GEN_ZONE ]]; then
    for candidate in "$root/../shared/bench/gen-zone.py" "$root/../../shared/bench/gen-zone.py"; do
        [[ -f $candidate ]] && { GEN_ZONE=$candidate; break; }
    done
fi
[[ -n $GEN_ZONE && -f $GEN_ZONE ]] || { log "gen-zone.py not found; set GEN_ZONE"; exit 1; }
for tool in knotd kdig python3; do command -v $tool >/dev/null || { log "missing $tool"; exit 1; }; done

ZONE_DIR="$DATA/xfr-zone-$NAMES"
if [[ ! -f $ZONE_DIR/bench.test.zone ]]; then
    log "generating $NAMES names with $(basename "$GEN_ZONE")"
    python3 "$GEN_ZONE" --names "$NAMES" --queries 1 --out "$ZONE_DIR" >&2
fi
if [[ ! -f $AUTH_DLL ]]; then
    log "building desec-auth (Release)"
    dotnet build -c Release "$root/src/Desec.Auth" -nologo -v q >&2
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# free_port, wait_for
source "$here/loopback.sh"

serial_of() { kdig @127.0.0.1 -p "$1" +short +retry=0 +time=2 "$ORIGIN" SOA | awk '{print $3}'; }

# The part of knot.conf that the secondary and the Knot primary share: where it listens and keeps
# its files, logging, and the TSIG key.
knot_conf_head() { # DIR PORT
    local dir=$1 port=$2
    cat <<EOF
server:
    listen: 127.0.0.1@$port
    rundir: $dir
    user: root:root
database:
    storage: $dir/db
log:
  - target: stderr
    any: info
key:
  - id: $KEY_NAME
    algorithm: hmac-sha256
    secret: $KEY_SECRET
EOF
}

start_secondary() { # PRIMARY_PORT DIR PORT
    local primary=$1 dir=$2 port=$3
    mkdir -p "$dir" "$dir/db"
    { knot_conf_head "$dir" "$port"; cat <<EOF
remote:
  - id: primary
    address: 127.0.0.1@$primary
    key: $KEY_NAME
acl:
  - id: notify_from_primary
    address: 127.0.0.1
    key: $KEY_NAME
    action: notify
zone:
  - domain: $ORIGIN
    master: primary
    acl: notify_from_primary
    file: $dir/secondary.zone
    zonefile-sync: -1
    zonefile-load: none
    journal-content: none
EOF
    } >"$dir/knot.conf"
    knotd -c "$dir/knot.conf" >"$dir/log" 2>&1 &
    pids+=($!)
}

start_ours() { # DIR PORT SECONDARY_PORT
    local dir=$1 port=$2 secondary=$3
    mkdir -p "$dir/zones" "$dir/db"
    cp "$ZONE_DIR/bench.test.zone" "$dir/zones/bench.test.zone"
    cat >"$dir/config.json" <<EOF
{
  "zones": "$dir/zones", "state": "$dir/state", "listen": ["127.0.0.1:$port"],
  "tsig-keys": [ { "name": "$KEY_NAME", "algorithm": "hmac-sha256", "secret": "$KEY_SECRET" } ],
  "allow-transfer": ["127.0.0.1"],
  "secondaries": [ { "address": "127.0.0.1:$secondary", "tsig-key": "$KEY_NAME" } ]
}
EOF
    dotnet "$AUTH_DLL" serve --config "$dir/config.json" >"$dir/log" 2>&1 &
    primary_pid=$!
    pids+=($primary_pid)
    primary_zone="$dir/zones/bench.test.zone"
}

start_knot() { # DIR PORT SECONDARY_PORT
    local dir=$1 port=$2 secondary=$3
    mkdir -p "$dir/zones" "$dir/db"
    cp "$ZONE_DIR/bench.test.zone" "$dir/zones/bench.test.zone"
    { knot_conf_head "$dir" "$port"; cat <<EOF
remote:
  - id: secondary
    address: 127.0.0.1@$secondary
    key: $KEY_NAME
acl:
  - id: transfer
    address: 127.0.0.1
    action: transfer
  - id: transfer_with_key
    address: 127.0.0.1
    key: $KEY_NAME
    action: transfer
policy:
  - id: csk
    algorithm: ecdsap256sha256
    single-type-signing: on
    nsec3: on
    nsec3-iterations: 0
    nsec3-salt-length: 0
zone:
  - domain: $ORIGIN
    file: $dir/zones/bench.test.zone
    dnssec-signing: on
    dnssec-policy: csk
    zonefile-load: difference-no-serial
    journal-content: all
    zonefile-sync: -1
    notify: secondary
    acl: [transfer, transfer_with_key]
EOF
    } >"$dir/knot.conf"
    knotd -c "$dir/knot.conf" >"$dir/log" 2>&1 &
    primary_pid=$!
    pids+=($primary_pid)
    primary_zone="$dir/zones/bench.test.zone"
}

rows=()
for primary in $PRIMARIES; do
    dir="$work/$primary"
    port=$(free_port); secondary_port=$(free_port)
    log "$primary: starting the primary on $port and signing $NAMES names"
    start=$(date +%s.%N)
    "start_$primary" "$dir/primary" "$port" "$secondary_port"
    wait_for "$port" "$ORIGIN" DNSKEY "RRSIG" 600 || { cat "$dir/primary/log" >&2; exit 1; }
    up=$(echo "$(date +%s.%N) - $start" | bc)

    # AXFR throughput: the whole signed zone, best of REPEAT.
    best_rps=0; records=0; best_s=0
    for ((i = 0; i < REPEAT; i++)); do
        t0=$(date +%s.%N)
        stats=$(kdig +tcp @127.0.0.1 -p "$port" +retry=0 +time=60 "$ORIGIN" AXFR | tail -n 5)
        t1=$(date +%s.%N)
        records=$(grep -o '[0-9]* records' <<<"$stats" | head -1 | awk '{print $1}')
        seconds=$(echo "$t1 - $t0" | bc)
        rps=$(echo "$records / $seconds" | bc)
        ((rps > best_rps)) && { best_rps=$rps; best_s=$seconds; }
    done
    log "$primary: AXFR $records records, best ${best_s}s"

    # Propagation: change -> NOTIFY -> IXFR -> served by the secondary.
    start_secondary "$port" "$dir/secondary" "$secondary_port"
    wait_for "$secondary_port" "$ORIGIN" SOA "Flags: qr aa" 600 || { cat "$dir/secondary/log" >&2; exit 1; }
    # Let the start-up NOTIFY and refresh settle so that each change is measured on its own.
    sleep 2
    delays=()
    for ((i = 1; i <= REPEAT; i++)); do
        name="change$i-$RANDOM.$ORIGIN"
        t0=$(date +%s.%N)
        echo "$name 300 IN A 192.0.2.$i" >>"$primary_zone"
        kill -HUP "$primary_pid"
        wait_for "$secondary_port" "$name" A "192.0.2.$i" 120 || { log "$primary: change $i not seen"; tail -20 "$dir/secondary/log" >&2; exit 1; }
        t1=$(date +%s.%N)
        delays+=("$(echo "($t1 - $t0) * 1000 / 1" | bc)")
        log "$primary: change $i served by the secondary after ${delays[-1]} ms (serial $(serial_of "$secondary_port"))"
        sleep 1
    done
    median=$(printf '%s\n' "${delays[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    ixfr=$(grep -c "IXFR, incoming.*finished" "$dir/secondary/log" || true)
    axfr_style=$(grep -c "AXFR-style IXFR" "$dir/secondary/log" || true)
    rows+=("| $primary | $(printf %.1f "$up") | $records | $(printf %.2f "$best_s") | $best_rps | $median | $(IFS=,; echo "${delays[*]}") | $ixfr IXFR, $axfr_style AXFR-style |")
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
done

echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $NAMES names (gen-zone.py), REPEAT=$REPEAT"
echo
echo "| primary | start to signed s | AXFR records | AXFR s | AXFR records/s | change -> secondary ms (median) | each ms | secondary's transfers |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
printf '%s\n' "${rows[@]}"
