#!/usr/bin/env bash
# startup-compare.sh — launch -> first signed answer for the 100k-name zone, with keys already present:
# desec-auth on its first start (signs everything), desec-auth restarted with nothing changed (loads the
# signed version kept in the state folder), restarted with one record added while down (signs the change
# on top of the kept version and journals it), and Knot with `dnssec-signing: on` (autosign), all with the
# same ECDSAP256SHA256 CSK, NSEC3 (0 iterations, no salt). Prints a markdown table (median of REPEAT runs).
#
# Env:
#   N=100000                 names in the zone (shared/bench/gen-zone.py writes it)
#   REPEAT=3                 runs per row; the median is printed, every run goes to the log
#   GEN_ZONE=...             path of gen-zone.py (default: the shared bench folder beside the repository)
#   OURS_DLL=...             desec-auth.dll to run (default: the Release build, built here)
#   R2R=1                    also time a ReadyToRun publish of desec-auth (rows "R2R")
#   OURS_VARIANTS="default"  runtime settings to time desec-auth with, each a comma-joined list of
#                            environment settings, e.g. "default DOTNET_TieredPGO=0 DOTNET_TieredCompilation=0"
#   KNOT_THREADS="1 2"       Knot signing-threads to time (1 is the shared harness's setting); empty: no Knot rows
#   PORT=5391                first of the loopback ports used
# Everything big goes to bench/.data/startup-N/ (git-ignored).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-100000}
REPEAT=${REPEAT:-3}
R2R=${R2R:-0}
KNOT_THREADS=${KNOT_THREADS-"1 2"}
PORT=${PORT:-5391}
ADDR=127.0.0.1
WORK=$HERE/.data/startup-$N
mkdir -p "$WORK"
LOG=$WORK/runs.tsv
: > "$LOG"

if [ -z "${GEN_ZONE:-}" ]; then
  for candidate in "$ROOT/../shared/bench/gen-zone.py" "$ROOT/../../shared/bench/gen-zone.py"; do
    [ -f "$candidate" ] && GEN_ZONE=$candidate && break
  done
fi
[ -f "${GEN_ZONE:-}" ] || { echo "gen-zone.py not found; set GEN_ZONE" >&2; exit 1; }
for tool in knotd keymgr dnssec-keygen; do
  command -v "$tool" >/dev/null || { echo "$tool missing (apt-get install -y knot bind9-utils)" >&2; exit 1; }
done

# ---------------------------------------------------------------- inputs: zone, key, programs
ZD=$WORK/zone
[ -f "$ZD/bench.test.zone" ] || python3 "$GEN_ZONE" --names "$N" --queries 1000 --out "$ZD" >/dev/null
mkdir -p "$WORK/keys"
if ! ls "$WORK"/keys/Kbench.test.+013+*.private >/dev/null 2>&1; then
  (cd "$WORK/keys" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK -n ZONE bench.test >/dev/null)
fi
KEY=$(ls "$WORK"/keys/Kbench.test.+013+*.private | head -1); KEY=${KEY%.private}
KEYTAG=$((10#${KEY##*+}))

if [ -z "${OURS_DLL:-}" ]; then
  dotnet build -c Release "$ROOT/src/Desec.Auth" -v q -nologo >/dev/null
  OURS_DLL=$ROOT/src/Desec.Auth/bin/Release/net10.0/desec-auth.dll
fi
R2R_DLL=
if [ "$R2R" = 1 ]; then
  dotnet publish -c Release "$ROOT/src/Desec.Auth" -p:PublishReadyToRun=true -o "$WORK/r2r" -v q -nologo >/dev/null
  R2R_DLL=$WORK/r2r/desec-auth.dll
fi

# ---------------------------------------------------------------- process bookkeeping
SPID=
stop() {  # TERM the server's process group, wait up to 10 s, then KILL
  [ -n "$SPID" ] || return 0
  kill -TERM -- "-$SPID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 -- "-$SPID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$SPID" 2>/dev/null || true
  wait "$SPID" 2>/dev/null || true
  SPID=
}
trap stop EXIT
trap 'exit 130' INT TERM

# timed NAME PORT LOGFILE CMD... : launch CMD, print seconds to the first signed answer, stop it
timed() {
  local name=$1 port=$2 out=$3 t0 secs; shift 3
  t0=$(date +%s.%N)
  setsid "$@" >"$out" 2>&1 &
  SPID=$!
  if ! secs=$(python3 "$HERE/first-signed-answer.py" "$ADDR" "$port" bench.test. "$t0" 300); then
    echo "$name: no signed answer within 300 s (log: $out)" >&2; tail -5 "$out" >&2; stop; return 1
  fi
  stop
  printf '%s\t%s\n' "$name" "$secs" >> "$LOG"
  echo "$secs"
}

ours() {  # NAME DLL [ENV,ENV...]: first start (fresh state with the key) then restart (state kept)
  local name=$1 dll=$2 settings=${3:-} state=$WORK/state-${1// /-} port=$PORT
  rm -rf "$state"; mkdir -p "$state/keys"; cp "$KEY".key "$KEY".private "$state/keys/"
  local serve=(env ${settings//,/ } dotnet "$dll" serve --zones "$ZD" --state "$state" --listen "$ADDR:$port")
  timed "$name first start" "$port" "$WORK/${name// /-}-first.log" "${serve[@]}" >/dev/null
  # The first run wrote its signed version in the background; a stop waits for that write.
  timed "$name restart" "$port" "$WORK/${name// /-}-restart.log" "${serve[@]}" >/dev/null
  # One record added while the server was down: the kept version is the base, only the change is signed.
  local changed=$WORK/zone-changed
  mkdir -p "$changed"; cp "$ZD/bench.test.zone" "$changed/"
  echo "while-down.bench.test. 3600 IN A 192.0.2.1" >> "$changed/bench.test.zone"
  serve=(env ${settings//,/ } dotnet "$dll" serve --zones "$changed" --state "$state" --listen "$ADDR:$port")
  timed "$name restart, one record added while down" "$port" "$WORK/${name// /-}-changed.log" "${serve[@]}" >/dev/null
}

knot() {  # THREADS
  local threads=$1 d=$WORK/knot-$1 port=$((PORT + 1))
  rm -rf "$d"; mkdir -p "$d/db"
  cat > "$d/knot.conf" <<EOF
server:
    rundir: "$d"
    listen: $ADDR@$port
    background-workers: $threads
log:
  - target: stderr
    any: info
database:
    storage: "$d/db"
policy:
  - id: csk
    algorithm: ecdsap256sha256
    single-type-signing: on
    manual: on
    nsec3: on
    nsec3-iterations: 0
    nsec3-salt-length: 0
    rrsig-lifetime: 21d
    rrsig-refresh: 7d
    signing-threads: $threads
template:
  - id: default
    storage: "$d"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: bench.test
    file: "$ZD/bench.test.zone"
    dnssec-signing: on
    dnssec-policy: csk
EOF
  { keymgr -c "$d/knot.conf" bench.test import-bind "$KEY.private"
    keymgr -c "$d/knot.conf" bench.test set "$KEYTAG" zsk=yes; } > "$d/setup.log" 2>&1
  timed "knot autosign, $threads signing threads" "$port" "$d/knotd.log" knotd -c "$d/knot.conf" >/dev/null
}

cat "$ZD/bench.test.zone" > /dev/null   # into the page cache for everyone
for _ in $(seq "$REPEAT"); do
  for variant in ${OURS_VARIANTS:-default}; do
    if [ "$variant" = default ]; then ours desec-auth "$OURS_DLL"; else ours "desec-auth $variant" "$OURS_DLL" "$variant"; fi
  done
  [ -z "$R2R_DLL" ] || ours "desec-auth R2R" "$R2R_DLL"
  for t in $KNOT_THREADS; do knot "$t"; done
done

median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'; }
echo "| server, start | seconds to first signed answer (median of $REPEAT) | runs |"
echo "| --- | ---: | --- |"
cut -f1 "$LOG" | awk '!seen[$0]++' | while IFS= read -r name; do
  runs=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$LOG")
  printf '| %s | %s | %s |\n' "$name" "$(echo "$runs" | median)" "$(echo "$runs" | tr '\n' ' ' | sed 's/ $//')"
done
echo
echo "zone: $N names ($(sed -n 's/.*records=\([0-9]*\).*/\1/p' "$ZD/meta.txt") records), NSEC3 1 0 0 -, ECDSAP256SHA256 CSK; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
