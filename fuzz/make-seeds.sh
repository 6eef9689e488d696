#!/usr/bin/env bash
# Makes the seed corpus in fuzz/corpus/TARGET/ (committed; run again only to renew it; the found-*
# inputs that keep-found.sh keeps from campaigns stay):
#   query, transfer  requests dig and kdig send (capture-queries.py)
#   zonefile         the example zones and the interop zone files, with example.com. as origin
#   signedzone, journal  files written by the project's own writers (Desec.Fuzz seeds)
#   privatekey       BIND private key files of every algorithm the signer has (dnssec-keygen)
#   tsigkey          TSIG keys as tsig-keygen (BIND) and keymgr -t (Knot) print them
# Needs dig, kdig, faketime, dnssec-keygen, tsig-keygen and keymgr (test.sh installs them).
set -euo pipefail
cd "$(dirname "$0")"
corpus=corpus
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Everything but what keep-found.sh kept from the campaigns (found-*).
find "$corpus" -type f ! -name 'found-*' -delete 2>/dev/null || true
mkdir -p "$corpus"/{zonefile,privatekey,tsigkey}

python3 capture-queries.py "$corpus"

dotnet build -c Release Desec.Fuzz >/dev/null
dotnet Desec.Fuzz/bin/Release/net10.0/Desec.Fuzz.dll seeds "$corpus"

# Zone files. The fuzz target loads every input as example.com.; the target skips inputs that
# have both $INCLUDE and a slash or backslash, so the include lines get a seed of their own.
cp ../zones/example.com.zone "$corpus/zonefile/example.com.zone"
sed 's/example\.net\./example.com./g' zones/example.net.zone > "$corpus/zonefile/example.net.zone"
for f in ../tests/Interop.Tests/ZoneFiles/*.zone; do
  sed -E 's/^\$ORIGIN .*/$ORIGIN example.com./; /^\$INCLUDE/d' "$f" > "$corpus/zonefile/$(basename "$f")"
done
printf '$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n$INCLUDE included.inc\n$INCLUDE included.inc sub\n' \
  > "$corpus/zonefile/include.zone"

# BIND private key files, one per algorithm (RSA at 1024 bits: signing is what a run spends its time on).
(cd "$scratch" && dnssec-keygen -q -a RSASHA256 -b 1024 example.com >/dev/null \
  && for a in ECDSAP256SHA256 ECDSAP384SHA384 ED25519 ED448; do dnssec-keygen -q -a $a -f KSK example.com >/dev/null; done)
for f in "$scratch"/*.private; do
  alg=$(sed -n 's/^Algorithm: [0-9]* (\(.*\))$/\1/p' "$f")
  cp "$f" "$corpus/privatekey/$alg.private"
done

# TSIG keys.
tsig-keygen -a hmac-sha256 xfr.example.com > "$corpus/tsigkey/bind-sha256.conf"
{ tsig-keygen -a hmac-sha512 a.example; echo '// a second key'; tsig-keygen -a hmac-sha1 b.example; } > "$corpus/tsigkey/bind-two.conf"
keymgr -t knot-key hmac-sha384 > "$corpus/tsigkey/knot-sha384.yaml"
{ keymgr -t k1 hmac-sha256; keymgr -t k2 hmac-sha512 | sed 1,2d; } > "$corpus/tsigkey/knot-two.yaml"

find "$corpus" -type f | sort | while read -r f; do printf '%6d %s\n' "$(stat -c %s "$f")" "$f"; done
