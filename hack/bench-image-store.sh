#!/usr/bin/env bash
# Cold builds in fresh sandbox pods: the base pulled from the registry against the base taken from a shared
# read-only image store (issue 14). Rounds are interleaved; prints each run and the medians.
#
#   hack/bench-image-store.sh [ROUNDS] [ROOTFS]
#
# ROOTFS: a Debian tree to make the base from (default: the debootstrapped tree hack/engine-image.sh caches in
# /var/lib/build-runner-cache/bookworm-rootfs); without one the busybox base stands in. The base is pushed to a
# throwaway registry (hack/registry.sh), prefetched with `build-runner prefetch` into a store in one sandbox, and
# bound read-only (not ID-mapped, same mapping) into each store run's fresh sandbox. The workload: COPY of 300
# files, RUN useradd, RUN writing 200 files; no push (the push is the same either way).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
rootfs=${2:-/var/lib/build-runner-cache/bookworm-rootfs}
work=$(mktemp -d /var/lib/build-runner-sandbox/bench-store-XXXXXX)
chmod 755 "$work"
reg="$work/registry"
cleanup() { "$repo/hack/registry.sh" stop "$reg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
[ -x "$repo/artifacts/build-runner" ] || "$repo/hack/build.sh"
address=$("$repo/hack/registry.sh" start "$reg")
base="$address/base/debian:12"

# The base, made on the host with a throwaway store.
hostroot="$work/host-store"
if [ -d "$rootfs/usr/bin" ]; then
  ctr=$(buildah --root "$hostroot" --runroot "$work/host-run" --storage-driver vfs from scratch)
  buildah --root "$hostroot" --runroot "$work/host-run" --storage-driver vfs copy "$ctr" "$rootfs" / >/dev/null
  buildah --root "$hostroot" --runroot "$work/host-run" --storage-driver vfs config --cmd /bin/sh "$ctr"
  buildah --root "$hostroot" --runroot "$work/host-run" --storage-driver vfs commit -q "$ctr" "$base" >/dev/null
  buildah --root "$hostroot" --runroot "$work/host-run" --storage-driver vfs push -q --tls-verify=false "$base" >/dev/null
  buildah --root "$hostroot" --runroot "$work/host-run" --storage-driver vfs rm -a >/dev/null
  useradd='useradd -m app'
else
  echo "bench-image-store: no Debian tree at $rootfs; the busybox base stands in" >&2
  mkdir -p "$work/busybox"; cp "$repo/images/base/busybox/Containerfile" /bin/busybox "$work/busybox/"
  "$repo/hack/sandbox.sh" --dir "$work/make" -- "$work/make/bin/build-runner" build --context "$work/busybox" \
    --tag "$base" --tls-verify=false --log-level error
  useradd='adduser -D app'
fi
rm -rf "$hostroot"
size=$(skopeo inspect --raw --tls-verify=false "docker://$base" | python3 -c 'import json,sys; print(sum(l["size"] for l in json.load(sys.stdin)["layers"]))')

# The context.
ctx="$work/context"; mkdir -p "$ctx/files"
for i in $(seq 1 300); do head -c 2048 /dev/urandom | base64 >"$ctx/files/f$i"; done
cat >"$ctx/Containerfile" <<CF
FROM $base
COPY files /srv/files
RUN $useradd
RUN mkdir -p /srv/out && for i in \$(seq 1 200); do echo \$i > /srv/out/\$i; done
CF
chmod -R a+rX "$ctx"

# The store, filled once by prefetch in its own sandbox.
"$repo/hack/sandbox.sh" --dir "$work/filler" -- "$work/filler/bin/build-runner" prefetch \
  --storage-root /var/lib/containers/shared --storage-driver overlay --tls-verify=false --log-level warning "$base"
store="$work/filler/volume/shared"

run() { # kind round
  local dir="$work/$1-$2" extra=() bind=()
  if [ "$1" = store ]; then bind=(--bind-ro "$store:/run/shared-images"); extra=(--image-store /run/shared-images); fi
  local start end
  start=$(date +%s.%N)
  "$repo/hack/sandbox.sh" --dir "$dir" "${bind[@]}" -- "$dir/bin/build-runner" build --context "$ctx" --no-push \
    --storage-driver overlay --tls-verify=false --log-level warning "${extra[@]}" >"$dir.log" 2>&1 \
    || { echo "bench-image-store: the $1 build failed:" >&2; cat "$dir.log" >&2; exit 1; }
  end=$(date +%s.%N)
  rm -rf "$dir"
  python3 -c "print(f'{$end - $start:.2f}')"
}

echo "base $base: $((size / 1024 / 1024)) MiB compressed; $rounds rounds, interleaved"
pull=() shared=()
for r in $(seq 1 "$rounds"); do
  p=$(run pull "$r"); s=$(run store "$r")
  pull+=("$p"); shared+=("$s")
  echo "round $r: pulling the base ${p} s, base from the shared store ${s} s"
done
python3 - "${pull[*]}" "${shared[*]}" <<'PY'
import statistics, sys
pull = [float(x) for x in sys.argv[1].split()]
store = [float(x) for x in sys.argv[2].split()]
mp, ms = statistics.median(pull), statistics.median(store)
print(f"median: pulling {mp:.2f} s, shared store {ms:.2f} s, ratio {ms / mp:.2f}")
PY
