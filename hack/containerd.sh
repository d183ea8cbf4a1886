#!/usr/bin/env bash
# A private containerd for tests: its own config, root, state, socket and runc root, all under one folder; the CRI
# plugin is off. Nothing of a machine's own containerd (if any) is touched.
#   hack/containerd.sh start DIR   starts it in the background; writes DIR/pid and prints the socket path
#   hack/containerd.sh stop DIR    kills every task it still runs, stops it, unmounts what is left under DIR, removes DIR
# Use it with: ctr --address DIR/containerd.sock ...  (and ctr run --runc-root DIR/runc --fifo-dir DIR/fifo)
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: containerd.sh start|stop DIR" >&2; exit 2; }
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
sock="$dir/containerd.sock"

unmount_under() { # every mount below $1, deepest first
  findmnt -rn -o TARGET | awk -v d="$1/" 'index($0, d) == 1' | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

case "$cmd" in
  start)
    command -v containerd >/dev/null && command -v ctr >/dev/null \
      || { echo "containerd.sh: containerd is missing (hack/install-deps.sh installs it)" >&2; exit 1; }
    mkdir -p "$dir/root" "$dir/state" "$dir/runc" "$dir/fifo"
    cat >"$dir/config.toml" <<EOF
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
EOF
    containerd --config "$dir/config.toml" >"$dir/containerd.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
      if ctr --address "$sock" version >/dev/null 2>&1; then echo "$sock"; exit 0; fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "containerd.sh: containerd did not start:" >&2; cat "$dir/containerd.log" >&2; exit 1 ;;
  stop)
    [ -d "$dir" ] || exit 0
    namespaces=$(ctr --address "$sock" namespaces list --quiet 2>/dev/null || true)
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      # Tasks outlive containerd (their shims keep running): end them, then their containers and snapshots.
      for ns in $namespaces; do
        c=(ctr --address "$sock" --namespace "$ns")
        for t in $("${c[@]}" tasks list --quiet 2>/dev/null); do
          "${c[@]}" tasks kill --signal SIGKILL "$t" >/dev/null 2>&1 || true
          for _ in $(seq 1 50); do
            "${c[@]}" tasks delete "$t" >/dev/null 2>&1 && break
            sleep 0.1
          done
        done
        for id in $("${c[@]}" containers list --quiet 2>/dev/null); do
          "${c[@]}" containers delete "$id" >/dev/null 2>&1 || true
        done
      done
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    unmount_under "$dir"
    rm -rf "$dir"
    # The shims leave empty folders in containerd's default state folder even with a private runc root; remove
    # them when empty (rmdir never removes anything else; a running containerd makes them again when it needs them).
    for ns in $namespaces; do rmdir "/run/containerd/runc/$ns" 2>/dev/null || true; done
    rmdir /run/containerd/runc /run/containerd/fifo /run/containerd/s /run/containerd 2>/dev/null || true ;;
  *) echo "usage: containerd.sh start|stop DIR" >&2; exit 2 ;;
esac
