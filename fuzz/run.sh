#!/usr/bin/env bash
# fuzz/run.sh TARGET[,TARGET...]|all SECONDS
#
# Builds the SharpFuzz targets (fuzz/Desec.Fuzz, published and instrumented in a folder of its own)
# and runs afl-fuzz on each target for SECONDS, starting from fuzz/corpus/TARGET (with the words of
# fuzz/dict/TARGET.dict where there is one). Prints one line
# per target:
#   fuzz TARGET: passed|FAILED, N executions (R/s), C crashes, H hangs
# and, for a failed target, the stack of its first crash replayed. A target fails on any crash (an
# exception its contract rules out), any hang (an input that takes longer than FUZZ_TIMEOUT_MS), or
# when afl-fuzz cannot run it. Exit status 0 when every target passed.
#
# Environment: FUZZ_WORK (folder for the build and the findings; default: a new one under /tmp, kept,
# and printed), FUZZ_TIMEOUT_MS (default 5000). Run long campaigns under `nice -n 19`.
# Needs afl-fuzz (Debian package afl++; test.sh installs it) and the .NET SDK.
set -uo pipefail
cd "$(dirname "$0")"

if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh TARGET[,TARGET...]|all SECONDS" >&2
  exit 2
fi
which=$1
seconds=$2
timeout_ms=${FUZZ_TIMEOUT_MS:-5000}
work=${FUZZ_WORK:-$(mktemp -d /tmp/desec-fuzz.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
out=$work/bin

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing (Debian package afl++)" >&2; exit 1; }

echo "fuzz: building and instrumenting in $work"
rm -rf "$out"
if ! dotnet publish Desec.Fuzz -c Release -o "$out" --nologo -v q >"$work/build.log" 2>&1; then
  tail -30 "$work/build.log"; echo "fuzz: the build failed"; exit 1
fi
# The command-line tool targets an older runtime than the SDK's; let it run on this one.
export DOTNET_ROLL_FORWARD=Major
dotnet tool restore >>"$work/build.log" 2>&1 || { tail -5 "$work/build.log"; echo "fuzz: dotnet tool restore failed"; exit 1; }
for assembly in Desec.Zone Desec.Signer desec-auth; do
  dotnet tool run sharpfuzz "$out/$assembly.dll" >>"$work/build.log" 2>&1 \
    || { tail -5 "$work/build.log"; echo "fuzz: instrumenting $assembly failed"; exit 1; }
done
unset DOTNET_ROLL_FORWARD

mapfile -t all < <(dotnet "$out/Desec.Fuzz.dll" targets)
if [ "$which" = all ]; then
  targets=("${all[@]}")
else
  IFS=, read -ra targets <<<"$which"
  for target in "${targets[@]}"; do
    printf '%s\n' "${all[@]}" | grep -qx "$target" || { echo "unknown target '$target'; known: ${all[*]}" >&2; exit 2; }
  done
fi

# afl-fuzz runs `dotnet`, which it cannot check for instrumentation; the CPU and core dump
# settings of a shared machine are none of its business here.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1

# stat FILE KEY: a value of afl-fuzz's fuzzer_stats.
stat() { sed -n "s/^$2 *: *//p" "$1" 2>/dev/null | head -1; }

failed=0
for target in "${targets[@]}"; do
  findings=$work/findings/$target
  rm -rf "$findings"; mkdir -p "$work/findings"
  # The targets' scratch files (zone, journal and signed-zone files they load) go to memory when it can.
  scratch=$(mktemp -d "${FUZZ_SCRATCH:-/dev/shm}/desec-fuzz-$target.XXXXXX" 2>/dev/null || mktemp -d "$work/scratch-$target.XXXXXX")
  dictionary=(); [ -f "dict/$target.dict" ] && dictionary=(-x "dict/$target.dict")
  TMPDIR=$scratch afl-fuzz -i "corpus/$target" -o "$findings" -V "$seconds" -t "$timeout_ms" -m none "${dictionary[@]}" \
    -- "$(command -v dotnet)" "$out/Desec.Fuzz.dll" "$target" >"$work/$target.log" 2>&1
  status=$?
  rm -rf "$scratch"
  stats=$findings/default/fuzzer_stats
  execs=$(stat "$stats" execs_done); crashes=$(stat "$stats" saved_crashes); hangs=$(stat "$stats" saved_hangs)
  [ -n "$crashes" ] || crashes=$(stat "$stats" unique_crashes)
  [ -n "$hangs" ] || hangs=$(stat "$stats" unique_hangs)
  rate=$(stat "$stats" execs_per_sec)
  if [ $status -ne 0 ] || [ -z "$execs" ]; then
    echo "fuzz $target: FAILED, afl-fuzz did not run it (exit $status); the end of $work/$target.log:"
    tail -15 "$work/$target.log" | sed 's/^/    /'
    failed=$((failed + 1))
    continue
  fi
  if [ "${crashes:-0}" -eq 0 ] && [ "${hangs:-0}" -eq 0 ]; then
    echo "fuzz $target: passed, $execs executions ($rate/s), 0 crashes, 0 hangs"
    continue
  fi
  failed=$((failed + 1))
  echo "fuzz $target: FAILED, $execs executions ($rate/s), $crashes crashes, $hangs hangs (inputs in $findings/default/crashes and hangs)"
  first=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | sort | head -1)
  if [ -n "$first" ]; then
    echo "    replay of $first:"
    TMPDIR=$work timeout 60 dotnet "$out/Desec.Fuzz.dll" "$target" "$first" 2>&1 | head -25 | sed 's/^/    /'
  fi
done
echo "fuzz: $(( ${#targets[@]} - failed )) targets passed, $failed failed (findings in $work)"
[ $failed -eq 0 ]
