#!/usr/bin/env bash
# Hostile TCP clients against this server and Knot (issue 12), one server after the other, same zone,
# same loopback load, and a legitimate client beside them: prints one markdown table with, for each
# server and abuse pattern, the share of legitimate queries answered within 2 s and the median and
# p99 latency of those answered (connect to answer, a new connection per query).
#
#   drip       CONNECTIONS connections each send one octet of a message that never completes every 2 s
#   pipeline   CONNECTIONS connections each send 200 pipelined queries (example.com. DNSKEY, DO) with
#              a 4 KB receive window and never read (one more query every 500 ms)
#
# Hostile clients come from 127.0.0.2 on (100 per address), the legitimate one from 127.0.0.1; a
# closed hostile connection is opened again after 100 ms. The load is bench/Desec.Bench's
# `tcp-abuse` verb (the same clients as tests/Interop.Tests/Serving/TcpAbuseTests.cs).
#
#   bench/tcp-abuse-compare.sh
#   REPEAT=3 PROBES=1000 bench/tcp-abuse-compare.sh
#
# Knobs (environment):
#   CONNECTIONS  hostile connections (default 1100)
#   PROBES       legitimate queries per run, 20 ms apart (default 500)
#   REPEAT       runs per server and pattern, each with a fresh server; the table shows medians (default 1)
#   MAX_CLIENTS  tcp-max-clients of both servers (default 1024, below CONNECTIONS, so that every slot
#                is taken; "default" leaves each server its own default: half the file descriptor limit)
#   SERVERS      any of "ours knot" (default both)
#   SRV_CPU CLI_CPU  the cores the server and the clients are pinned to (default 1 and 0; "" for none)
#   OURS_DLL     desec-auth.dll to measure (default: the Release build, made when missing)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
CONNECTIONS=${CONNECTIONS:-1100}
PROBES=${PROBES:-500}
REPEAT=${REPEAT:-1}
MAX_CLIENTS=${MAX_CLIENTS:-1024}
SERVERS=${SERVERS:-ours knot}
SRV_CPU=${SRV_CPU-1}
CLI_CPU=${CLI_CPU-0}
AUTH_DLL=${OURS_DLL:-$root/src/Desec.Auth/bin/Release/net10.0/desec-auth.dll}
BENCH_DLL=$root/bench/Desec.Bench/bin/Release/net10.0/Desec.Bench.dll
ZONE=$root/zones/example.com.zone

log() { echo "# $*" >&2; }
source "$here/loopback.sh" # free_port, wait_for

for tool in knotd kdig python3 taskset; do command -v $tool >/dev/null || { log "missing $tool"; exit 1; }; done
if [[ ! -f $AUTH_DLL || ! -f $BENCH_DLL ]]; then
    log "building desec-auth and Desec.Bench (Release)"
    dotnet build -c Release "$root/bench/Desec.Bench" -nologo -v q >&2
fi
# Each side holds a socket per hostile connection.
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < CONNECTIONS + 256 )); then log "the file descriptor limit $(ulimit -n) is too low for $CONNECTIONS connections"; exit 1; fi

pin() { local cpu=$1; shift; if [[ -n $cpu ]]; then taskset -c "$cpu" "$@"; else "$@"; fi; }

work=$(mktemp -d)
server_pid=""
stop_server() {
    [[ -n $server_pid ]] || return 0
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

start_ours() { # DIR PORT
    local dir=$1 port=$2 max=""
    mkdir -p "$dir/zones"
    cp "$ZONE" "$dir/zones/"
    [[ $MAX_CLIENTS == default ]] || max="\"tcp-max-clients\": $MAX_CLIENTS,"
    cat >"$dir/config.json" <<EOF
{ $max "zones": "$dir/zones", "state": "$dir/state", "listen": ["127.0.0.1:$port"] }
EOF
    pin "$SRV_CPU" dotnet "$AUTH_DLL" serve --config "$dir/config.json" >"$dir/log" 2>&1 &
    server_pid=$!
}

start_knot() { # DIR PORT
    local dir=$1 port=$2 max=""
    mkdir -p "$dir/zones" "$dir/db"
    cp "$ZONE" "$dir/zones/"
    [[ $MAX_CLIENTS == default ]] || max="    tcp-max-clients: $MAX_CLIENTS"
    cat >"$dir/knot.conf" <<EOF
server:
    listen: 127.0.0.1@$port
    rundir: $dir
    user: root:root
$max
database:
    storage: $dir/db
log:
  - target: stderr
    any: info
policy:
  - id: csk
    algorithm: ecdsap256sha256
    single-type-signing: on
zone:
  - domain: example.com.
    file: $dir/zones/example.com.zone
    dnssec-signing: on
    dnssec-policy: csk
    zonefile-load: difference-no-serial
    journal-content: all
    zonefile-sync: -1
EOF
    pin "$SRV_CPU" knotd -c "$dir/knot.conf" >"$dir/log" 2>&1 &
    server_pid=$!
}

version_of() {
    case $1 in
        ours) echo "desec-auth $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')" ;;
        knot) knotd --version | head -1 ;;
    esac
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"
log "hostile connections $CONNECTIONS, legitimate queries $PROBES per run, tcp-max-clients $MAX_CLIENTS, repeat $REPEAT"
results=$work/results.tsv
: >"$results"
for server in $SERVERS; do
    for pattern in drip pipeline; do
        for ((round = 1; round <= REPEAT; round++)); do
            dir=$work/$server-$pattern-$round
            port=$(free_port)
            "start_$server" "$dir" "$port"
            wait_for "$port" example.com. DNSKEY RRSIG 120 || { cat "$dir/log" >&2; exit 1; }
            log "$server, $pattern, run $round (port $port, load average $(cut -d' ' -f1 /proc/loadavg))"
            line=$(pin "$CLI_CPU" dotnet "$BENCH_DLL" tcp-abuse "$port" "$pattern" "$CONNECTIONS" "$PROBES" 2>>"$work/clients.log") \
                || { tail -5 "$work/clients.log" >&2; exit 1; }
            tail -1 "$work/clients.log" >&2
            printf '%s\t%s\n' "$server" "$line" >>"$results"
            stop_server
        done
    done
done

python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    server, pattern, share, median, p99, opened = line.split("\t")
    rows.setdefault((server, pattern), []).append((float(share), float(median), float(p99), int(opened)))
print("| server | pattern | answered | median ms | p99 ms | hostile connections opened |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for (server, pattern), runs in rows.items():
    med = lambda i: statistics.median(r[i] for r in runs)
    print(f"| {server} | {pattern} | {med(0) * 100:.1f} % | {med(1):.2f} | {med(2):.2f} | {int(med(3))} |")
EOF
for server in $SERVERS; do log "$(version_of "$server")"; done
