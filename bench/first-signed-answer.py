#!/usr/bin/env python3
"""Wait for the first signed answer of a server that is starting (loopback only).

  first-signed-answer.py HOST PORT ZONE START_EPOCH TIMEOUT_S

Sends `ZONE SOA` with DO=1 over UDP every 10 ms until an answer arrives that is authoritative,
NOERROR and carries an RRSIG in its answer section; prints the seconds since START_EPOCH (the
moment the server was launched) and exits 0, or exits 1 after TIMEOUT_S seconds.
"""
import random
import socket
import struct
import sys
import time

RRSIG = 46


def query(zone):
    qid = random.randrange(65536)
    name = b"".join(bytes([len(label)]) + label.encode() for label in zone.rstrip(".").split(".")) + b"\0"
    # one question (SOA, IN) and an OPT record with DO set (RFC 3225) and a 1232-octet buffer
    return qid, struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 1) + name + struct.pack("!HH", 6, 1) \
        + b"\0" + struct.pack("!HHIH", 41, 1232, 0x8000, 0)


def skip_name(message, offset):
    while True:
        length = message[offset]
        if length == 0:
            return offset + 1
        if length >= 0xC0:
            return offset + 2
        offset += length + 1


def signed_answer(message, qid):
    if len(message) < 12:
        return False
    rid, flags, qdcount, ancount = struct.unpack("!HHHH", message[:8])
    if rid != qid or not flags & 0x0400 or flags & 0x000F:   # AA set, RCODE 0
        return False
    offset = 12
    for _ in range(qdcount):
        offset = skip_name(message, offset) + 4
    for _ in range(ancount):
        offset = skip_name(message, offset)
        rtype, _, _, rdlength = struct.unpack("!HHIH", message[offset:offset + 10])
        if rtype == RRSIG:
            return True
        offset += 10 + rdlength
    return False


def main():
    host, port, zone, start, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
    deadline = time.time() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        while time.time() < deadline:
            qid, packet = query(zone)
            try:
                sock.sendto(packet, (host, port))
                # Read answers for up to 0.2 s; a late answer to an earlier query is skipped by its ID.
                wait_until = time.time() + 0.2
                while time.time() < wait_until:
                    sock.settimeout(max(0.001, wait_until - time.time()))
                    message, _ = sock.recvfrom(65535)
                    if signed_answer(message, qid):
                        print(f"{time.time() - start:.2f}")
                        return 0
            except (socket.timeout, ConnectionRefusedError):
                pass
            time.sleep(0.01)
    return 1


if __name__ == "__main__":
    sys.exit(main())
