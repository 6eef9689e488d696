# Helpers for the bench scripts that start servers on loopback (sourced, not run).

# free_port: a TCP port on 127.0.0.1 that is free right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for PORT NAME TYPE PATTERN SECONDS: polls until an authoritative answer matches PATTERN.
wait_for() {
    local port=$1 name=$2 type=$3 pattern=$4 deadline=$((SECONDS + $5))
    while ((SECONDS < deadline)); do
        if kdig @127.0.0.1 -p "$port" +norec +dnssec +retry=0 +time=1 "$name" "$type" 2>/dev/null | grep -q "$pattern"; then return 0; fi
        sleep 0.01
    done
    return 1
}
