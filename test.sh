#!/usr/bin/env bash
# Runs every test project of the solution, then every fuzz target for FUZZ_SECONDS (default 30;
# 0 skips fuzzing) with fuzz/run.sh, and prints "N passed, N failed" as its last line (each fuzz
# target counts as one test). Installs the Debian packages whose programs the tests use as oracles
# and peers when missing.
set -uo pipefail
cd "$(dirname "$0")"

# package:command pairs; the command tells whether the package is there.
packages=(
  bind9-utils:named-compilezone
  bind9-dnsutils:dig
  knot-dnsutils:kdig
  knot:knotd
  knot-dnssecutils:kzonecheck
  ldnsutils:ldns-verify-zone
  unbound:unbound
  nsd:nsd
  bind9:named
  faketime:faketime
  afl++:afl-fuzz
  # Debian keeps PostgreSQL's programs out of PATH; the tests find them there.
  'postgresql:/usr/lib/postgresql/*/bin/initdb'
)
missing=()
for pair in "${packages[@]}"; do
  check="${pair#*:}"
  if [[ $check == */* ]]; then
    compgen -G "$check" >/dev/null || missing+=("${pair%%:*}")
  else
    command -v "$check" >/dev/null 2>&1 || missing+=("${pair%%:*}")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --solution Desec.Auth.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform ends with a summary over all test projects:
#   total: N / failed: N / succeeded: N / skipped: N
passed=$(awk '/^ *succeeded: [0-9]+/ {v=$2} END {print v+0}' "$log")
failed=$(awk '/^ *failed: [0-9]+/ {v=$2} END {print v+0}' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the runner failed before any test could
fi

# Coverage-guided fuzzing, a short run of every target so that a new crash shows up here; the
# seeds and what each target may throw are in fuzz/README.md. fuzz/run.sh prints one line per
# target, "fuzz TARGET: passed, ..." or "fuzz TARGET: FAILED, ...".
fuzz_seconds=${FUZZ_SECONDS:-30}
if [ "$fuzz_seconds" -gt 0 ]; then
  fuzz_work=$(mktemp -d /tmp/desec-fuzz.XXXXXX)
  FUZZ_WORK=$fuzz_work fuzz/run.sh all "$fuzz_seconds" 2>&1 | tee "$log"
  fuzz_status=${PIPESTATUS[0]}
  fuzz_passed=$(grep -c '^fuzz [a-z]*: passed' "$log")
  fuzz_failed=$(grep -c '^fuzz [a-z]*: FAILED' "$log")
  if [ "$fuzz_status" -ne 0 ] && [ "$fuzz_failed" -eq 0 ]; then
    fuzz_failed=1   # the fuzz targets could not be built or run
  fi
  if [ "$fuzz_status" -eq 0 ]; then rm -rf "$fuzz_work"; else status=1; fi
  passed=$((passed + fuzz_passed))
  failed=$((failed + fuzz_failed))
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
