#!/usr/bin/env bash
# Builds the builder image from Containerfile into a store of its own, on a Debian bookworm base made with
# debootstrap (no public registry is reachable here), so a real container engine can run it.
#   hack/engine-image.sh STORE_DIR [TAG]     (default tag localhost/build-runner/builder:dev)
# The debootstrapped tree is cached in $BUILD_RUNNER_CACHE (default /var/lib/build-runner-cache).
# Use the store with: podman --root STORE_DIR/root --runroot STORE_DIR/run ...
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: engine-image.sh STORE_DIR [TAG]}
tag=${2:-localhost/build-runner/builder:dev}
cache=${BUILD_RUNNER_CACHE:-/var/lib/build-runner-cache}
rootfs=$cache/bookworm-rootfs
base=localhost/build-runner/debian:bookworm

command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
if [ ! -f "$rootfs/.complete" ]; then
  echo "engine-image.sh: debootstrapping bookworm into $rootfs (about a minute)"
  rm -rf "$rootfs"; mkdir -p "$cache"
  # buildah needs a container-network-stack provider, which debootstrap does not resolve by itself.
  debootstrap --variant=minbase \
    --include=buildah,containernetworking-plugins,fuse-overlayfs,uidmap,ca-certificates,libcap2-bin \
    bookworm "$rootfs" >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs/var/cache/apt/archives/"*.deb
  touch "$rootfs/.complete"
fi

B=(buildah --root "$store/root" --runroot "$store/run" --storage-driver overlay)
if ! "${B[@]}" inspect --type image "$base" >/dev/null 2>&1; then
  echo "engine-image.sh: importing the tree as $base"
  ctr=$("${B[@]}" from scratch)
  mnt=$("${B[@]}" mount "$ctr")
  tar -C "$rootfs" --exclude=./.complete --exclude=./debootstrap -cf - . | tar -C "$mnt" -xf -
  "${B[@]}" umount "$ctr" >/dev/null
  "${B[@]}" commit --quiet "$ctr" "$base" >/dev/null
  "${B[@]}" rm "$ctr" >/dev/null
fi

[ -x artifacts/build-runner ] || hack/build.sh
echo "engine-image.sh: building $tag from Containerfile"
"${B[@]}" bud --quiet --isolation chroot --layers --build-arg BASE="$base" -t "$tag" -f Containerfile . >/dev/null
echo "$tag"
