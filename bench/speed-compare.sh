#!/usr/bin/env bash
# Serves the same 100,000-name zone with Knot, NSD and desec-auth, one after the other, each pinned to
# one core with dnsperf on the other, through the shared anchor harness (shared/bench/run-anchors.sh,
# called, not copied), and prints our figures and the ratios to Knot as medians over REPEAT rounds:
# queries per server core (UDP without DO, UDP+DO over NSEC and NSEC3, TCP+DO), p99 latency at a
# fixed 5,000 qps, and RSS after load.
#
#   bench/speed-compare.sh                 # REPEAT=3 rounds, 100k names (about 15-20 minutes)
#   QUICK=1 bench/speed-compare.sh         # one short round on a 10k-name zone, for iterating
#   OURS_ENV="DOTNET_gcServer=1" bench/speed-compare.sh    # runtime knobs for our server only
#
# What is compared: Knot and NSD serve the zone pre-signed by ldns-signzone (their fastest mode);
# desec-auth always signs itself (there is no pre-signed mode: every zone it serves is signed
# online, at load), so it gets the unsigned zone and the harness's shared key in state/keys, and
# every server publishes the same DNSKEY. Our RSS is therefore after loading *and* signing.
#
# Knobs (environment; all others go through to run-anchors.sh, see its README):
#   REPEAT        rounds; each round starts every server afresh (default 3; QUICK: 1)
#   N             names in the zone (default 100000; QUICK: 10000)
#   DURATION TCP_DURATION LAT_DURATION   seconds per dnsperf run (default 10 / 8 / 5; QUICK: 3 / 3 / 2)
#   ANCHORS       reference servers (default "knot nsd")
#   HARNESS       path of run-anchors.sh (default: ../shared/bench/run-anchors.sh next to the repo,
#                 or $DESEC_BENCH_HARNESS)
#   WORK          harness data folder (default /tmp/dnsbench-anchors)
#   QUIET_WAIT    seconds the harness waits for foreign CPU load to drop before each run (default 5)
#   OURS_ENV      VAR=VALUE words put in our server's environment (GC settings, ...)
#   PUBLISH       folder our server is published to (default bench/.data/speed-publish); SKIP_BUILD=1
#                 reuses what is there
#   INSTALL=0     do not apt-get install missing tools
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
    : "${REPEAT:=1}" "${N:=10000}" "${DURATION:=3}" "${TCP_DURATION:=3}" "${LAT_DURATION:=2}" "${QUIET_WAIT:=3}"
    export QUIET_WAIT
fi
REPEAT=${REPEAT:-3}
N=${N:-100000}
export DURATION=${DURATION:-10} TCP_DURATION=${TCP_DURATION:-8} LAT_DURATION=${LAT_DURATION:-5}
# Before each dnsperf run the harness waits up to QUIET_WAIT s for foreign load to settle; bounded
# here so that a round stays within about 5 minutes even on a busy machine.
export QUIET_WAIT=${QUIET_WAIT:-5}
ANCHORS=${ANCHORS:-knot nsd}
WORK=${WORK:-/tmp/dnsbench-anchors}
PUBLISH=${PUBLISH:-$here/.data/speed-publish}
INSTALL=${INSTALL:-1}
HARNESS=${HARNESS:-${DESEC_BENCH_HARNESS:-}}
if [[ -z $HARNESS ]]; then
    for candidate in "$root/../shared/bench/run-anchors.sh" "$root/../../shared/bench/run-anchors.sh"; do
        [[ -x $candidate ]] && { HARNESS=$(cd "$(dirname "$candidate")" && pwd)/run-anchors.sh; break; }
    done
fi
[[ -n $HARNESS && -x $HARNESS ]] || { echo "run-anchors.sh not found; set HARNESS=path/to/run-anchors.sh" >&2; exit 1; }

log() { echo "[$(date +%T)] $*" >&2; }

# ---------------------------------------------------------------- Debian tools (command:package)
need_packages=()
for pair in dnsperf:dnsperf nsd:nsd knotd:knot keymgr:knot ldns-signzone:ldnsutils dnssec-keygen:bind9-utils \
            /usr/bin/time:time bc:bc python3:python3 taskset:util-linux; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || need_packages+=("${pair#*:}")
done
if (( ${#need_packages[@]} > 0 )); then
    [[ $INSTALL == 1 ]] || { echo "missing packages: ${need_packages[*]} (INSTALL=0)" >&2; exit 1; }
    log "apt-get install ${need_packages[*]}"
    # Packaged services (nsd, knot) must not start on port 53 while installing.
    made_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_packages[@]}" >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
             --no-install-recommends "${need_packages[@]}" >/dev/null; }
    [[ $made_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
fi

# ---------------------------------------------------------------- our server, published once
if [[ ${SKIP_BUILD:-0} != 1 || ! -f $PUBLISH/desec-auth.dll ]]; then
    log "publishing desec-auth (Release) to $PUBLISH"
    mkdir -p "$PUBLISH"
    dotnet publish "$root/src/Desec.Auth" -c Release -o "$PUBLISH" -nologo -v q -nodeReuse:false \
        >"$PUBLISH.log" 2>&1 || { cat "$PUBLISH.log" >&2; exit 1; }
fi

# The harness runs this under `bash -c` with BENCH_* set; BENCH_DIR ends in the mode
# (online-nsec / online-nsec3), which picks the denial policy. The key is the harness's shared CSK.
export OURS_DLL="$PUBLISH/desec-auth.dll" OURS_ENV=${OURS_ENV:-}
read -r -d '' EXTRA_CMD <<'EOF' || true
denial=${BENCH_DIR##*-}
mkdir -p "$BENCH_DIR/zones" "$BENCH_DIR/state/keys"
ln -sf "$BENCH_ZONE" "$BENCH_DIR/zones/bench.test.zone"
cp "$BENCH_KEY.key" "$BENCH_KEY.private" "$BENCH_DIR/state/keys/"
printf '{ "signing": { "denial": "%s", "nsec3-parameters": "1 0 0 -" } }\n' "$denial" > "$BENCH_DIR/config.json"
exec env $OURS_ENV dotnet "$OURS_DLL" serve --zones "$BENCH_DIR/zones" --state "$BENCH_DIR/state" \
    --config "$BENCH_DIR/config.json" --listen "$BENCH_ADDR:$BENCH_PORT"
EOF
export EXTRA_CMD

# ---------------------------------------------------------------- rounds
plan=""
for anchor in $ANCHORS; do
    case $anchor in
        knot) plan+=" knot/presigned-nsec/udp,udp+do,tcp+do knot/presigned-nsec3/udp+do" ;;
        nsd)  plan+=" nsd/presigned-nsec/udp,udp+do nsd/presigned-nsec3/udp+do" ;;
        *) echo "unknown anchor $anchor (knot, nsd)" >&2; exit 1 ;;
    esac
done

plan+=" extra/online-nsec3/udp+do"   # ours over NSEC (every run) comes from EXTRA_MODES below
out=$WORK/speed-compare-$N-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
started=$(date +%s)
for round in $(seq "$REPEAT"); do
    log "round $round of $REPEAT (N=$N, ${DURATION}s UDP, ${TCP_DURATION}s TCP)"
    marker=$out/.round-$round; touch "$marker"
    N=$N WORK=$WORK REPEAT=1 INSTALL=0 SIGNERS=ldns SIGN_MODES="nsec nsec3" SERVERS="$ANCHORS" PLAN="$plan" \
        EXTRA_NAME=ours EXTRA_MODES="online-nsec" EXTRA_RUNS="udp,udp+do,tcp+do" \
        "$HARNESS" >"$out/round-$round.txt" 2>"$out/round-$round.log" \
        || { tail -20 "$out/round-$round.log" >&2; exit 1; }
    results=$(find "$WORK" -maxdepth 1 -name "results-$N-*.perf.tsv" -newer "$marker" | sort | tail -1)
    [[ -n $results ]] || { echo "round $round left no results (log: $out/round-$round.log)" >&2; exit 1; }
    cp "$results" "$out/perf-$round.tsv"; cp "${results%.perf.tsv}.load.tsv" "$out/load-$round.tsv"
    cat "$out/round-$round.txt" >&2
done
log "rounds done in $(( $(date +%s) - started )) s; raw tables in $out"

# ---------------------------------------------------------------- medians and ratios
python3 - "$out" "$REPEAT" "$N" <<'EOF'
import glob, statistics, sys, os
out, repeat, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
perf, load = {}, {}   # (server, mode, run) -> [rows]
for path in sorted(glob.glob(os.path.join(out, "perf-*.tsv"))):
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 17: continue
        run = ("tcp" if f[2] == "tcp" else "udp") + ("+do" if f[3] == "DO" else "")
        perf.setdefault((f[0], f[1], run), []).append(f)
for path in sorted(glob.glob(os.path.join(out, "load-*.tsv"))):
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and f[2] != "FAILED": load.setdefault((f[0], f[1]), []).append(f)

def med(values):
    values = [float(v) for v in values if v not in ("-", "")]
    return statistics.median(values) if values else None
def col(key, i):
    return med(r[i] for r in perf.get(key, []))
def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "-"
def num(v, fmt="{:,.0f}"):
    return fmt.format(v) if v is not None else "-"

# ours <- knot/nsd (their fastest, pre-signed, mode with the same denial)
cells = [("UDP, no DO", "nsec", "udp"), ("UDP, DO, NSEC", "nsec", "udp+do"),
         ("UDP, DO, NSEC3", "nsec3", "udp+do"), ("TCP, DO, NSEC", "nsec", "tcp+do")]
QPS, P99, CORE, SRV = 4, 7, 15, 12
print()
print(f"== desec-auth vs Knot/NSD, {n} names, medians of {repeat} round(s); qps/core = qps / server CPU share")
print("| run | ours qps | ours qps/core | Knot qps/core | ours/Knot | NSD qps/core | ours/NSD | ours p99 ms | Knot p99 ms | p99 ours/Knot |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, denial, run in cells:
    ours, knot, nsd = ("ours", f"online-{denial}", run), ("knot", f"presigned-{denial}", run), ("nsd", f"presigned-{denial}", run)
    oc, kc, nc = col(ours, CORE), col(knot, CORE), col(nsd, CORE)
    op, kp = col(ours, P99), col(knot, P99)
    print(f"| {label} | {num(col(ours, QPS))} | {num(oc)} | {num(kc)} | {ratio(oc, kc)} | {num(nc)} | {ratio(oc, nc)} "
          f"| {num(op, '{:.3f}')} | {num(kp, '{:.3f}')} | {ratio(op, kp)} |")
def rss(server, mode):
    return med(r[3] for r in load.get((server, mode), []))
def ready(server, mode):
    return med(r[2] for r in load.get((server, mode), []))
print()
print("| memory after load (NSEC) | RSS MB | ratio to Knot | load s |")
print("|---|---:|---:|---:|")
k = rss("knot", "presigned-nsec")
for label, server, mode in [("desec-auth (loads and signs)", "ours", "online-nsec"),
                            ("desec-auth, NSEC3", "ours", "online-nsec3"),
                            ("Knot (pre-signed)", "knot", "presigned-nsec"), ("NSD (pre-signed)", "nsd", "presigned-nsec")]:
    r = rss(server, mode)
    print(f"| {label} | {num(r)} | {ratio(r, k)} | {num(ready(server, mode), '{:.1f}')} |")
EOF
