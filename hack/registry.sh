#!/usr/bin/env bash
# Starts a throwaway registry (docker-registry, filesystem storage) on 127.0.0.1 and prints its address.
#   hack/registry.sh start DIR [PORT]   starts it in the background; writes DIR/pid and DIR/address
#   hack/registry.sh stop DIR           stops it and removes DIR
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: registry.sh start|stop DIR [PORT]" >&2; exit 2; }
case "$cmd" in
  start)
    port=${3:-0}
    if [ "$port" = 0 ]; then
      # A free port: ask the kernel for one.
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
        || shuf -i 20000-40000 -n 1)
    fi
    mkdir -p "$dir/data"
    cat >"$dir/config.yml" <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
CFG
    docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "127.0.0.1:$port" >"$dir/address"; echo "127.0.0.1:$port"; exit 0
      fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "registry.sh: the registry did not start:" >&2; cat "$dir/log" >&2; exit 1 ;;
  stop)
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
    rm -rf "$dir" ;;
  *) echo "usage: registry.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
