#!/usr/bin/env bash
# fuzz/keep-found.sh WORK [TARGET...]
#
# After a campaign (fuzz/run.sh with FUZZ_WORK=WORK): minimizes each target's queue (what afl-fuzz
# found that reaches new code, seeds included) with afl-cmin and keeps it in fuzz/corpus/TARGET/ as
# found-NNN, in place of the found-* files kept before; the seeds by name stay. Short runs (./test.sh)
# then start where the campaigns got to. Every target of WORK when none is named.
set -euo pipefail
cd "$(dirname "$0")"
[ $# -ge 1 ] || { echo "usage: fuzz/keep-found.sh WORK [TARGET...]" >&2; exit 2; }
work=$(cd "$1" && pwd)
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls "$work/findings")

export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1
# afl-cmin refuses to work below /tmp.
scratch=$(mktemp -d "$PWD/.keep-found.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
for target in "${targets[@]}"; do
  queue=$work/findings/$target/default/queue
  [ -d "$queue" ] || { echo "$target: no queue in $work" >&2; exit 1; }
  mkdir -p "$scratch/$target/in"
  cp "$queue"/id:* "$scratch/$target/in/"
  TMPDIR=$scratch afl-cmin -i "$scratch/$target/in" -o "$scratch/$target/out" -t 5000 -m none \
    -- "$(command -v dotnet)" "$work/bin/Desec.Fuzz.dll" "$target" >"$scratch/$target.log" 2>&1 \
    || { tail -5 "$scratch/$target.log"; exit 1; }
  rm -f "corpus/$target"/found-*
  n=0
  for f in "$scratch/$target/out"/*; do
    # The seeds are there by name already.
    case $f in *,orig:*) continue ;; esac
    n=$((n + 1))
    cp "$f" "corpus/$target/$(printf 'found-%03d' $n)"
  done
  echo "$target: $(ls "$queue" | grep -c '^id:') in the queue, $n kept besides the seeds"
done
