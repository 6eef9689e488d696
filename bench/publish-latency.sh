#!/usr/bin/env bash
# Query latency while a large publish runs, and memory, for builds and runtime (GC) settings side by
# side in one run. For each variant: `desec-auth serve` on the harness's 100,000-name zone bench.test.
# (signed with NSEC3 at start), pinned to one core with dnsperf on the other; then
#   RSS after load   VmRSS 3 s after the signed version is in the state folder (bench/README's method)
#   quiet            dnsperf at a fixed rate for QUIET_DURATION s: p50 / p99 / p99.9, queries lost
#   publish          the same rate in 5-second pieces from 3 s before the publish until one piece
#                    after it: every record's TTL changes and SIGHUP makes the server re-sign the
#                    whole zone (every RRset is new). p50 / p99 / p99.9 and queries lost over those
#                    pieces, the publish's seconds (SIGHUP to the "zones served" line), RSS once the
#                    new version is stored, and the peak RSS (VmHWM)
#
#   bench/publish-latency.sh                                   # the variants below, 100k names
#   VARIANTS="now:ours: conserve:ours:DOTNET_GCConserveMemory=5" bench/publish-latency.sh
#   BASE=202a29c bench/publish-latency.sh                      # "before" builds that commit
#
# Knobs: N (100000), QPS (5000), QUIET_DURATION (10), PUB_DURATION (600: the longest the
# publish may take), SRV_CPU (1), CLI_CPU (0), PORT (5320), WORK (/tmp/publish-latency),
# HARNESS_DIR (shared/bench next to the repository: gen-zone.py and dnsprobe.py, called, not copied),
# BASE (a commit to build as the "base" build), SKIP_BUILD=1.
# VARIANTS: words label:build:ENV=V,ENV=V with build "ours" (this tree) or "base" (BASE).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
N=${N:-100000}
QPS=${QPS:-5000}
QUIET_DURATION=${QUIET_DURATION:-10}
PUB_DURATION=${PUB_DURATION:-600}
SRV_CPU=${SRV_CPU:-1}
CLI_CPU=${CLI_CPU:-0}
PORT=${PORT:-5320}
WORK=${WORK:-/tmp/publish-latency}
BASE=${BASE:-}
VARIANTS=${VARIANTS:-"${BASE:+before:base: }now:ours: conserve:ours:DOTNET_GCConserveMemory=5 server:ours:DOTNET_gcServer=1 nonconcurrent:ours:DOTNET_gcConcurrent=0"}
HARNESS_DIR=${HARNESS_DIR:-}
if [[ -z $HARNESS_DIR ]]; then
    for candidate in "$root/../shared/bench" "$root/../../shared/bench"; do
        [[ -f $candidate/gen-zone.py ]] && { HARNESS_DIR=$(cd "$candidate" && pwd); break; }
    done
fi
[[ -n $HARNESS_DIR && -f $HARNESS_DIR/gen-zone.py ]] || { echo "gen-zone.py not found; set HARNESS_DIR" >&2; exit 1; }
for tool in dnsperf taskset python3; do
    command -v $tool >/dev/null || { echo "$tool is missing (apt-get install dnsperf util-linux python3)" >&2; exit 1; }
done

log() { echo "[$(date +%T)] $*" >&2; }
mkdir -p "$WORK"

# ---------------------------------------------------------------- zone, builds
zone_dir=$WORK/zone-$N
if [[ ! -f $zone_dir/bench.test.zone ]]; then
    log "generating $N names"
    python3 "$HARNESS_DIR/gen-zone.py" --names "$N" --out "$zone_dir" >/dev/null
fi
build() {   # build name, commit or empty for this tree
    local out=$WORK/build-$1 src=$root
    [[ ${SKIP_BUILD:-0} == 1 && -f $out/desec-auth.dll ]] && return
    if [[ -n $2 ]]; then
        src=$WORK/src-$1; rm -rf "$src"; mkdir -p "$src"
        git -C "$root" archive "$2" | tar -x -C "$src"
    fi
    log "publishing $1 (${2:-working tree})"
    dotnet publish "$src/src/Desec.Auth" -c Release -o "$out" -nologo -v q -nodeReuse:false >"$out.log" 2>&1 \
        || { cat "$out.log" >&2; exit 1; }
}
build ours ""
[[ -n $BASE ]] && build base "$BASE"

rss() { awk -v k="$2:" '$1 == k {print int($2 / 1024)}' "/proc/$1/status"; }
served_lines() { grep -c "zones served" "$1" || true; }
wait_for() {   # seconds, command...: polls every 0.2 s
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@"; do (( $(date +%s) < deadline )) || return 1; sleep 0.2; done
}
quantiles() { python3 "$HARNESS_DIR/dnsprobe.py" p99 "$1"; }
lost() { awk '/Queries lost:/ {n += $3} END {print n + 0}' "$1"; }

out=$WORK/results-$N-$(date -u +%Y%m%dT%H%M%SZ).tsv
printf 'variant\tenv\trss_load_mb\tquiet_p50_p99_p999_ms\tquiet_lost\tpublish_p50_p99_p999_ms\tpublish_lost\tpublish_s\trss_after_mb\tpeak_mb\n' > "$out"
for variant in $VARIANTS; do
    IFS=: read -r label which env <<< "$variant"
    env=${env//,/ }
    dir=$WORK/run-$label
    rm -rf "$dir"; mkdir -p "$dir/zones"
    cp "$zone_dir/bench.test.zone" "$dir/zones/"
    log "$label: starting ($which${env:+, $env})"
    # shellcheck disable=SC2086
    taskset -c "$SRV_CPU" env $env dotnet "$WORK/build-$which/desec-auth.dll" serve --zones "$dir/zones" --state "$dir/state" \
        --listen "127.0.0.1:$PORT" >"$dir/server.log" 2>&1 &
    pid=$!
    wait_for 900 grep -q "signed version stored" "$dir/server.log" || { log "$label: did not start"; kill $pid; continue; }
    sleep 3
    rss_load=$(rss $pid VmRSS)
    taskset -c "$CLI_CPU" dnsperf -s 127.0.0.1 -p "$PORT" -d "$zone_dir/q-mix.txt" -c 4 -q 100 -Q "$QPS" -l "$QUIET_DURATION" -v \
        >"$dir/quiet.txt" 2>&1 || true
    before=$(served_lines "$dir/server.log")
    stored=$(grep -c "signed version stored" "$dir/server.log" || true)
    published() { (( $(served_lines "$dir/server.log") > before )); }
    kept() { (( $(grep -c "signed version stored" "$dir/server.log") > stored )); }
    # dnsperf in 5-second pieces until the new version is served and stored (plus one piece), so
    # that the figures cover the publish and little else.
    : > "$dir/publish.txt"
    (
        end=$(( $(date +%s) + PUB_DURATION )); extra=1
        while (( $(date +%s) < end )); do
            taskset -c "$CLI_CPU" dnsperf -s 127.0.0.1 -p "$PORT" -d "$zone_dir/q-mix.txt" -c 4 -q 100 -Q "$QPS" -l 5 -v \
                >>"$dir/publish.txt" 2>&1 || true
            if published && kept; then (( extra-- > 0 )) || break; fi
        done
    ) &
    perf=$!
    sleep 3
    # Every RRset gets a new TTL, so every signature is made again.
    sed -i 's/\t3600\tIN\t/\t3601\tIN\t/' "$dir/zones/bench.test.zone"
    started=$(date +%s.%N)
    kill -HUP $pid
    if wait_for "$PUB_DURATION" published; then
        publish_s=$(echo "$(date +%s.%N) - $started" | bc)
    else
        publish_s="> $PUB_DURATION"
    fi
    wait $perf || true
    wait_for 300 kept || true
    sleep 3
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "${env:--}" "$rss_load" "$(quantiles "$dir/quiet.txt")" "$(lost "$dir/quiet.txt")" \
        "$(quantiles "$dir/publish.txt")" "$(lost "$dir/publish.txt")" "$publish_s" "$(rss $pid VmRSS)" "$(rss $pid VmHWM)" | tee -a "$out" >&2
    kill $pid; wait $pid 2>/dev/null || true
    gzip -f "$dir/quiet.txt" "$dir/publish.txt"
done
log "results in $out (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
column -t -s $'\t' "$out"
