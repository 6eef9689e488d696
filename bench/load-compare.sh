#!/usr/bin/env bash
# Loads one generated zone with BIND (named-checkzone), Knot (kzonecheck) and our loader, and
# prints wall time and peak resident memory of each as a markdown table.
#
#   bench/load-compare.sh                       # 1,000,000 records, all three tools
#   N=100000 REPEAT=3 TOOLS="bind knot" bench/load-compare.sh
#   OURS_CMD='dotnet src/Desec.Auth/bin/Release/net10.0/desec-auth.dll check "$ZONE"' bench/load-compare.sh
#
# Knobs (environment):
#   N        records in the zone (default 1000000)
#   ORIGIN   zone name (default bench.test.)
#   DATA     folder for the generated zone (default bench/.data, git-ignored); the zone is reused if present
#   REGEN=1  regenerate the zone even if it exists
#   TOOLS    any of "bind knot ours" (default all three)
#   REPEAT   runs per tool; the fastest is reported with its own peak RSS (default 1)
#   OURS_CMD command for our loader, with $ZONE and $ORIGIN available (default: the bench program's `load` verb)
#   INSTALL=0  do not apt-get install missing tools
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${N:-1000000}
ORIGIN=${ORIGIN:-bench.test.}
[[ $ORIGIN == *. ]] || ORIGIN="$ORIGIN."
DATA=${DATA:-$here/.data}
TOOLS=${TOOLS:-bind knot ours}
REPEAT=${REPEAT:-1}
INSTALL=${INSTALL:-1}
ZONE="$DATA/${ORIGIN}${N}.zone"
LOGS="$DATA/logs"
BENCH_DLL="$here/Desec.Bench/bin/Release/net10.0/Desec.Bench.dll"
export ZONE ORIGIN

log() { echo "# $*" >&2; }

wants() { [[ " $TOOLS " == *" $1 "* ]]; }

# Installs the Debian package that provides a command when the command is missing.
need() {
    local command=$1 package=$2
    command -v "$command" >/dev/null 2>&1 && return 0
    [[ -x $command ]] && return 0
    if [[ $INSTALL != 1 ]]; then
        log "missing $command (package $package); INSTALL=0, so giving up"
        exit 1
    fi
    log "installing $package for $command"
    if [[ -z ${apt_updated:-} ]]; then apt-get update -qq >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}

need /usr/bin/time time
wants bind && need named-checkzone bind9-utils
wants knot && need kzonecheck knot-dnssecutils   # Debian ships kzonecheck there since Knot 3.2

mkdir -p "$DATA" "$LOGS"

# The bench program is needed to generate the zone and for our loader. Built once, then run as a
# plain `dotnet Desec.Bench.dll` so that neither MSBuild's up-to-date check nor its worker nodes
# end up in the measured time or memory.
log "building Desec.Bench (Release)"
dotnet build -c Release "$here/Desec.Bench" -nologo -v q -nodeReuse:false >"$LOGS/build.log" 2>&1 \
    || { cat "$LOGS/build.log" >&2; exit 1; }

if [[ ! -s $ZONE || ${REGEN:-0} == 1 ]]; then
    log "generating $N records into $ZONE"
    dotnet "$BENCH_DLL" gen "$N" "$ZONE" "$ORIGIN" >&2
fi
zone_mb=$(( $(stat -c %s "$ZONE") / 1048576 ))
# Read the file once so that every tool finds it in the page cache, not only the ones run later.
cat "$ZONE" >/dev/null

# measure NAME COMMAND...: runs COMMAND REPEAT times under /usr/bin/time; sets best_s (wall clock),
# best_cpu (user + system), best_mb (peak RSS) of the fastest run, and status.
measure() {
    local name=$1; shift
    best_s=""; best_cpu=""; best_mb=""; status="ok"
    local run
    for ((run = 1; run <= REPEAT; run++)); do
        local out="$LOGS/$name.$run.out" timing="$LOGS/$name.$run.time"
        log "$name run $run: $*"
        if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >"$out" 2>&1; then
            # time(1) says "Command exited with non-zero status N" or "Command terminated by signal N".
            status="failed ($(grep -m1 -o -E 'non-zero status [0-9]+|signal [0-9]+' "$timing"); see $out)"
            tail -n 5 "$out" >&2
            return 0
        fi
        local seconds user system kilobytes
        read -r seconds user system kilobytes < <(tail -n1 "$timing")
        log "  $seconds s wall, $user s user, $system s system, $(( kilobytes / 1024 )) MB peak RSS"
        if [[ -z $best_s ]] || awk -v a="$seconds" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
            best_s=$seconds
            best_cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
            best_mb=$(( kilobytes / 1024 ))
            status=$(grep -m1 -E 'records=|loaded serial|^OK$' "$out" || echo ok)
        fi
    done
}

rows=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
row() { rows+=("| $1 | ${best_s:--} | ${best_cpu:--} | ${best_mb:--} | $status |"); }

if wants bind; then
    # -i local: integrity checks inside the zone only (no resolver look-ups for out-of-zone names);
    # -k ignore: do not apply host-name rules to owner names (underscore labels are fine in a zone).
    measure bind named-checkzone -i local -k ignore "$ORIGIN" "$ZONE"
    row "BIND $(named-checkzone -v) named-checkzone"
fi
if wants knot; then
    measure knot kzonecheck -o "$ORIGIN" "$ZONE"
    row "Knot $(kzonecheck -V | awk '{print $NF}') kzonecheck"
fi
if wants ours; then
    if [[ -n ${OURS_CMD:-} ]]; then
        measure ours bash -c "exec $OURS_CMD"
    else
        measure ours dotnet "$BENCH_DLL" load "$ZONE" "$ORIGIN"
    fi
    row "Desec (parse + build)"
fi

echo
echo "Zone: $N records, $zone_mb MB ($ZONE); $(nproc) CPUs; fastest of $REPEAT run(s);"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg). On a busy machine the CPU column is the steadier one."
echo
echo "| tool | seconds | CPU seconds | peak RSS MB | result |"
echo "| --- | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
