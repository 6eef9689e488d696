#!/usr/bin/env python3
"""Captures the requests dig and kdig send, as seeds for the query and transfer targets.

Usage: capture-queries.py OUTDIR

Listens on 127.0.0.1 (UDP and TCP, one free port), runs each command of QUERIES and TRANSFERS
below against it and writes the request it received to OUTDIR/query/NAME or OUTDIR/transfer/NAME.
A UDP request is answered with itself with QR set (so dig does not retry); a TCP connection is
closed after the first message. TSIG-signed requests are made by kdig under faketime at the fuzz
fixture's clock (Fixture.Now), so that the handler under the fuzzer finds them in time and verifies
them (dig hangs under faketime).
"""
import os
import socket
import struct
import subprocess
import sys
import threading

SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM="  # Fixture.TsigSecret
KEY = f"hmac-sha256:xfr-key:{SECRET}"
FIXTURE_TIME = "2026-12-07 00:00:00"  # Fixture.Now, UTC

DIG = ["dig", "+tries=1", "+time=1"]
KDIG = ["kdig", "+retry=0", "+time=1"]

# name: (command after the server and port arguments, signed with TSIG at the fixture's time)
QUERIES = {
    "a-noedns": (DIG + ["+noedns", "www.example.com", "A"], False),
    "mx-do": (DIG + ["+dnssec", "example.com", "MX"], False),
    "soa-nsid": (DIG + ["+nsid", "example.com", "SOA"], False),
    "nxdomain-do": (DIG + ["+dnssec", "nothere.example.com", "AAAA"], False),
    "wildcard-do": (DIG + ["+dnssec", "x.users.example.com", "TXT"], False),
    "referral-do": (DIG + ["+dnssec", "host.lab.example.com", "A"], False),
    "ds-do": (DIG + ["+dnssec", "sub.example.net", "DS"], False),
    "cname-chain-do": (DIG + ["+dnssec", "alias.example.net", "A"], False),
    "dname-do": (DIG + ["+dnssec", "www.old.example.net", "AAAA"], False),
    "any-tcp": (DIG + ["+tcp", "example.net", "ANY"], False),
    "nsec3param": (DIG + ["+dnssec", "+cd", "example.com", "NSEC3PARAM"], False),
    "edns1-badvers": (DIG + ["+edns=1", "+noednsnegotiation", "example.com", "SOA"], False),
    "cookie": (DIG + ["+cookie", "ns1.example.com", "A"], False),
    "bufsize-512": (DIG + ["+bufsize=512", "+dnssec", "big.example.net", "TXT"], False),
    "chaos": (DIG + ["version.bind", "CH", "TXT"], False),
    "refused": (DIG + ["+dnssec", "example.org", "A"], False),
    "tsig": (KDIG + ["-y", KEY, "example.com", "SOA"], True),
    "tsig-do": (KDIG + ["-y", KEY, "+dnssec", "nothere.example.net", "A"], True),
    "tsig-unknown-key": (KDIG + ["-y", "hmac-sha512:other-key:" + SECRET, "example.com", "A"], True),
    "kdig-padding": (KDIG + ["+dnssec", "+nsid", "+padding=128", "example.com", "NS"], False),
    "notify": (DIG + ["+opcode=notify", "+norecurse", "example.com", "SOA"], False),
    "kdig-subnet": (KDIG + ["+subnet=192.0.2.0/24", "www.example.com", "A"], False),
}
TRANSFERS = {
    "axfr": (DIG + ["example.com", "AXFR"], False),
    "axfr-tsig": (KDIG + ["-y", KEY, "example.net", "AXFR"], True),
    "axfr-edns-do": (KDIG + ["+dnssec", "example.com", "AXFR"], False),
    "ixfr-journal": (DIG + ["example.com", "IXFR=2026112801"], False),
    "ixfr-current": (DIG + ["example.com", "IXFR=2026112802"], False),
    "ixfr-old": (DIG + ["example.com", "IXFR=2026010101"], False),
    "ixfr-tsig": (KDIG + ["-y", KEY, "example.net", "IXFR=1"], True),
    "ixfr-udp": (DIG + ["+notcp", "example.com", "IXFR=2026112801"], False),
    "axfr-refused": (DIG + ["example.net", "AXFR"], False),
    "kdig-ixfr": (KDIG + ["example.com", "IXFR=2026112801"], False),
}


class Catcher:
    def __init__(self):
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.port = self.udp.getsockname()[1]
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind(("127.0.0.1", self.port))
        self.tcp.listen(4)
        self.first = None
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_udp, daemon=True).start()
        threading.Thread(target=self.serve_tcp, daemon=True).start()

    def keep(self, message):
        with self.lock:
            if self.first is None:
                self.first = message

    def serve_udp(self):
        while True:
            data, peer = self.udp.recvfrom(65535)
            self.keep(data)
            if len(data) >= 12:
                reply = bytearray(data)
                reply[2] |= 0x80
                self.udp.sendto(bytes(reply), peer)

    def serve_tcp(self):
        while True:
            connection, _ = self.tcp.accept()
            with connection:
                data = b""
                while len(data) < 2 or len(data) < 2 + struct.unpack("!H", data[:2])[0]:
                    chunk = connection.recv(65535)
                    if not chunk:
                        break
                    data += chunk
                if len(data) >= 2:
                    self.keep(data[2:2 + struct.unpack("!H", data[:2])[0]])

    def capture(self, command, signed):
        with self.lock:
            self.first = None
        tool, options = command[0], command[1:]
        argv = [tool, "@127.0.0.1", "-p", str(self.port)] + options
        if signed:
            argv = ["faketime", FIXTURE_TIME] + argv
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20,
                       env=dict(os.environ, TZ="UTC", FAKETIME_DONT_FAKE_MONOTONIC="1"))
        with self.lock:
            return self.first


def main():
    out = sys.argv[1]
    catcher = Catcher()
    for folder, commands in (("query", QUERIES), ("transfer", TRANSFERS)):
        os.makedirs(os.path.join(out, folder), exist_ok=True)
        for name, (command, signed) in commands.items():
            message = catcher.capture(command, signed)
            if message is None:
                sys.exit(f"{name}: {' '.join(command)} sent nothing")
            with open(os.path.join(out, folder, name), "wb") as f:
                f.write(message)


if __name__ == "__main__":
    main()
