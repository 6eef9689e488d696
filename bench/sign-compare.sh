#!/usr/bin/env bash
# Signs one generated zone with ldns-signzone, BIND's dnssec-signzone and `desec-auth sign`, with NSEC
# and with NSEC3 (1 0 0 -: SHA-1, no flags, no extra iterations, no salt), each with one ECDSAP256SHA256
# key, and prints wall time, CPU time, RRSIG count, RRsets signed per second and peak RSS as a
# markdown table. Each output is checked once with ldns-verify-zone (not timed).
#
#   bench/sign-compare.sh                          # 100,000 records, all three tools, NSEC and NSEC3
#   N=1000000 bench/sign-compare.sh
#   TOOLS=ours MODES=nsec REPEAT=3 bench/sign-compare.sh
#
# Knobs (environment):
#   N         records in the zone (default 100000)
#   ORIGIN    zone name (default bench.test.)
#   DATA      folder for the zone, keys and outputs (default bench/.data, git-ignored); the zone and
#             the keys are reused if present
#   REGEN=1   regenerate the zone even if it exists
#   TOOLS     any of "ldns bind ours" (default all three)
#   MODES     any of "nsec nsec3" (default both)
#   REPEAT    runs per tool and mode; the fastest is reported (default 1)
#   THREADS   threads for dnssec-signzone -j (default: nproc); ours uses every core by itself and
#             ldns-signzone has one thread only
#   VERIFY=0  skip ldns-verify-zone
#   OURS_DLL  desec-auth.dll to measure (default: this tree's, built in Release by the script), e.g. a
#             copy of an older build's bin/Release/net10.0 folder to compare before and after
#   INSTALL=0 do not apt-get install missing tools
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
N=${N:-100000}
ORIGIN=${ORIGIN:-bench.test.}
[[ $ORIGIN == *. ]] || ORIGIN="$ORIGIN."
DATA=${DATA:-$here/.data}
TOOLS=${TOOLS:-ldns bind ours}
MODES=${MODES:-nsec nsec3}
REPEAT=${REPEAT:-1}
THREADS=${THREADS:-$(nproc)}
VERIFY=${VERIFY:-1}
INSTALL=${INSTALL:-1}
ZONE="$DATA/${ORIGIN}${N}.zone"
KEYS="$DATA/sign-keys/${ORIGIN}"
OUT="$DATA/signed"
LOGS="$DATA/logs"
BENCH_DLL="$here/Desec.Bench/bin/Release/net10.0/Desec.Bench.dll"
AUTH_DLL=${OURS_DLL:-$root/src/Desec.Auth/bin/Release/net10.0/desec-auth.dll}

log() { echo "# $*" >&2; }
wants() { [[ " $TOOLS " == *" $1 "* ]]; }
mode_wanted() { [[ " $MODES " == *" $1 "* ]]; }

need() {
    local command=$1 package=$2
    command -v "$command" >/dev/null 2>&1 && return 0
    if [[ $INSTALL != 1 ]]; then
        log "missing $command (package $package); INSTALL=0, so giving up"
        exit 1
    fi
    log "installing $package for $command"
    if [[ -z ${apt_updated:-} ]]; then apt-get update -qq >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}

need /usr/bin/time time
need ldns-verify-zone ldnsutils
wants ldns && need ldns-signzone ldnsutils && need ldns-keygen ldnsutils
wants bind && need dnssec-signzone bind9-utils && need dnssec-keygen bind9-utils

mkdir -p "$DATA" "$LOGS" "$OUT" "$KEYS"

# Built once, then run as plain `dotnet X.dll` so MSBuild stays out of the measured time and memory.
log "building Desec.Bench and Desec.Auth (Release)"
for project in "$here/Desec.Bench" "$root/src/Desec.Auth"; do
    dotnet build -c Release "$project" -nologo -v q -nodeReuse:false >"$LOGS/build.log" 2>&1 \
        || { cat "$LOGS/build.log" >&2; exit 1; }
done

if [[ ! -s $ZONE || ${REGEN:-0} == 1 ]]; then
    log "generating $N records into $ZONE"
    dotnet "$BENCH_DLL" gen "$N" "$ZONE" "$ORIGIN" >&2
fi
# ldns-signzone reads only "owner TTL CLASS TYPE" order, not the class-before-TTL lines of the
# generated zone, so every tool signs the same zone rewritten by named-compilezone one full record a
# line (made once, not timed).
FULL="$DATA/${ORIGIN}${N}.full.zone"
if [[ ! -s $FULL || $FULL -ot $ZONE ]]; then
    need named-compilezone bind9-utils
    log "rewriting $ZONE into $FULL"
    named-compilezone -q -i local -k ignore -s full -o "$FULL" "$ORIGIN" "$ZONE"
fi
ZONE=$FULL
cat "$ZONE" >/dev/null   # into the page cache for every tool alike

# One ECDSAP256SHA256 key per tool, made once and kept in $KEYS.
if wants ldns && ! compgen -G "$KEYS/ldns/K*.private" >/dev/null; then
    mkdir -p "$KEYS/ldns"
    (cd "$KEYS/ldns" && ldns-keygen -a ECDSAP256SHA256 -k "$ORIGIN" >/dev/null)
fi
if wants bind && ! compgen -G "$KEYS/bind/K*.private" >/dev/null; then
    mkdir -p "$KEYS/bind"
    dnssec-keygen -q -K "$KEYS/bind" -a ECDSAP256SHA256 -f KSK -n ZONE "$ORIGIN" >/dev/null
fi
if wants ours && [[ ! -d $KEYS/ours/keys ]]; then
    # `sign` makes a CSK on its first run; a two-record zone of the same name is enough for that.
    mkdir -p "$KEYS/ours"
    printf '%s 3600 IN SOA ns.%s host.%s 1 7200 3600 1209600 3600\n%s 3600 IN NS ns.%s\n' \
        "$ORIGIN" "$ORIGIN" "$ORIGIN" "$ORIGIN" "$ORIGIN" >"$KEYS/ours/seed.zone"
    dotnet "$AUTH_DLL" sign "$KEYS/ours/seed.zone" --origin "$ORIGIN" --state "$KEYS/ours" --nsec -o /dev/null 2>"$LOGS/ours-seed.log"
fi
ldns_key=""
if wants ldns; then ldns_key=$(ls "$KEYS"/ldns/K*.private | head -n1); ldns_key=${ldns_key%.private}; fi

# measure NAME OUTPUT COMMAND...: runs COMMAND REPEAT times under /usr/bin/time; sets best_s, best_cpu
# (user + system) and best_mb (peak RSS) of the fastest run, and status.
measure() {
    local name=$1 output=$2; shift 2
    best_s=""; best_cpu=""; best_mb=""; status="ok"
    local run
    for ((run = 1; run <= REPEAT; run++)); do
        local out="$LOGS/$name.$run.out" timing="$LOGS/$name.$run.time"
        rm -f "$output"
        log "$name run $run: $*"
        if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >"$out" 2>&1; then
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
        fi
    done
}

rows=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# row TOOL MODE OUTPUT: counts the RRSIGs of OUTPUT (one key, so one RRSIG per signed RRset),
# verifies it and adds the table row.
row() {
    local tool=$1 mode=$2 output=$3 rrsigs="-" rate="-" verified="-"
    if [[ $status == ok && -s $output ]]; then
        # Every tool writes one record per line with the type in field 4 (owner TTL IN TYPE).
        rrsigs=$(awk '$4 == "RRSIG" { n++ } END { print n + 0 }' "$output")
        rate=$(awk -v n="$rrsigs" -v s="$best_s" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
        if [[ $VERIFY == 1 ]]; then
            if ldns-verify-zone "$output" >"$LOGS/verify-$tool-$mode.log" 2>&1; then verified="yes"
            else verified="NO (see $LOGS/verify-$tool-$mode.log)"; fi
        fi
    fi
    rows+=("| $tool | $mode | ${best_s:--} | ${best_cpu:--} | $rrsigs | $rate | ${best_mb:--} | $verified ${status/#ok/} |")
}

for mode in nsec nsec3; do
    mode_wanted "$mode" || continue
    if wants ldns; then
        output="$OUT/ldns-$mode.zone"
        nsec3_args=(); [[ $mode == nsec3 ]] && nsec3_args=(-n -a 1 -t 0 -s '')
        measure "ldns-$mode" "$output" ldns-signzone "${nsec3_args[@]}" -o "$ORIGIN" -f "$output" "$ZONE" "$ldns_key"
        row "ldns-signzone $(ldns-signzone -v | awk '{print $4}')" "$mode" "$output"
    fi
    if wants bind; then
        output="$OUT/bind-$mode.zone"
        nsec3_args=(); [[ $mode == nsec3 ]] && nsec3_args=(-3 - -H 0)
        # -S: keys from -K; -d: where the dsset file goes; -z: the one (KSK-flagged) key signs everything; -O full: one record a line.
        measure "bind-$mode" "$output" dnssec-signzone -q -S -z -K "$KEYS/bind" -d "$OUT" -j "$THREADS" "${nsec3_args[@]}" \
            -O full -o "$ORIGIN" -f "$output" "$ZONE"
        row "BIND $(dnssec-signzone -h 2>&1 | awk '/^Version:/ {sub(/-.*/, "", $2); print $2}') dnssec-signzone -j $THREADS" "$mode" "$output"
    fi
    if wants ours; then
        output="$OUT/ours-$mode.zone"
        measure "ours-$mode" "$output" dotnet "$AUTH_DLL" sign "$ZONE" --origin "$ORIGIN" --state "$KEYS/ours" "--$mode" -o "$output"
        row "desec-auth sign" "$mode" "$output"
    fi
done

echo
echo "Zone: $N records ($ZONE); one ECDSAP256SHA256 key per tool; $(nproc) CPUs; fastest of $REPEAT run(s);"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg). On a busy machine the CPU column is the steadier one."
echo
echo "| tool | mode | seconds | CPU seconds | RRSIGs | RRsets/s | peak RSS MB | verified |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
