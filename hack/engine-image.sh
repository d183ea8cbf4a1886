#!/usr/bin/env bash
# Builds the builder image from Containerfile into a store of its own, on a Debian bookworm base made with
# debootstrap (no public registry is reachable here), so a real container engine can run it.
#   hack/engine-image.sh STORE_DIR [TAG]     (default tag localhost/build-runner/builder:dev)
# The debootstrapped tree is cached in $BUILD_RUNNER_CACHE (default /var/lib/build-runner-cache), one tree per
# package list. Use the store with: podman --root STORE_DIR/root --runroot STORE_DIR/run ...
#
# Reproducible: two runs from the same commit and the same cached tree give the same image ID and digest, in any
# store. Every timestamp (files, history, labels) is the commit time of the binary's revision; the base tree is made
# lean and stripped of setuid bits and volatile files by hack/builder-rootfs.sh before it is committed, the same
# script the Containerfile runs. The labels come from the binary the image ships (its version and revision).
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: engine-image.sh STORE_DIR [TAG]}
tag=${2:-localhost/build-runner/builder:dev}
cache=${BUILD_RUNNER_CACHE:-/var/lib/build-runner-cache}

# The packages the Containerfile would install (hack/builder-rootfs.sh), included here so the build needs no network.
# debootstrap does not resolve virtual packages: netavark stands for buildah's container-network-stack.
include=buildah,netavark,fuse-overlayfs,uidmap,ca-certificates
key=$(printf 'bookworm minbase %s' "$include" | sha256sum | cut -c1-12)
rootfs=$cache/bookworm-$key

command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
mkdir -p "$cache"
if [ ! -f "$rootfs/.complete" ]; then
  # One debootstrap at a time (test runs may start together); a finished tree appears whole, by rename.
  exec 9>"$cache/.lock"
  flock 9
  if [ ! -f "$rootfs/.complete" ]; then
    echo "engine-image.sh: debootstrapping bookworm into $rootfs (about a minute)"
    rm -rf "$rootfs.new"
    debootstrap --variant=minbase --include="$include" bookworm "$rootfs.new" >"$cache/debootstrap.log" 2>&1 \
      || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
    echo "$include" >"$rootfs.new/.complete"
    mv "$rootfs.new" "$rootfs"
  fi
  flock -u 9
fi

[ -x artifacts/build-runner ] && [ -f artifacts/sbom.cdx.json ] || hack/build.sh

# What the image says about itself comes from the binary it ships: `build-runner version` prints
# "build-runner VERSION (...)" and "revision COMMIT".
version_output=$(artifacts/build-runner version)
version=$(awk 'NR == 1 {print $2}' <<<"$version_output")
revision=$(awk '$1 == "revision" {print $2}' <<<"$version_output")
if ! epoch=$(git log -1 --format=%ct "$revision" 2>/dev/null); then
  epoch=${SOURCE_DATE_EPOCH:?revision "$revision" of artifacts/build-runner is not a commit here; set SOURCE_DATE_EPOCH}
fi
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
# Where the source lives: BUILD_RUNNER_SOURCE_URL, else the git remote "origin" (credentials removed), else a
# placeholder under .invalid, a name that can never resolve (the project has no public address yet).
source_url=${BUILD_RUNNER_SOURCE_URL:-$(git remote get-url origin 2>/dev/null | sed -E 's#^([a-z+]+://)[^/@]*@#\1#' || true)}
source_url=${source_url:-https://source.invalid/build-runner}

B=(buildah --root "$store/root" --runroot "$store/run" --storage-driver overlay)
# The base's tag names what made it (the tree and the script), so a store never reuses a stale one.
base_key=$( { cat "$rootfs/.complete" hack/builder-rootfs.sh; echo "$epoch"; } | sha256sum | cut -c1-12)
base=localhost/build-runner/debian:bookworm-$base_key
if ! "${B[@]}" inspect --type image "$base" >/dev/null 2>&1; then
  echo "engine-image.sh: importing the tree as $base"
  ctr=$("${B[@]}" from scratch)
  mnt=$("${B[@]}" mount "$ctr")
  tar -C "$rootfs" --numeric-owner --exclude=./.complete --exclude=./debootstrap -cf - . | tar -C "$mnt" --numeric-owner -xf -
  hack/builder-rootfs.sh slim "$mnt"
  "${B[@]}" umount "$ctr" >/dev/null
  "${B[@]}" config --created-by "debootstrap --variant=minbase --include=$include bookworm; hack/builder-rootfs.sh slim" "$ctr"
  "${B[@]}" commit --quiet --timestamp "$epoch" "$ctr" "$base" >/dev/null
  "${B[@]}" rm "$ctr" >/dev/null
fi

echo "engine-image.sh: building $tag from Containerfile (build-runner $version, revision $revision, $created)"
"${B[@]}" bud --quiet --isolation chroot --layers --timestamp "$epoch" \
  --build-arg BASE="$base" --build-arg SOURCE_DATE_EPOCH="$epoch" \
  --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg CREATED="$created" \
  --build-arg SOURCE="$source_url" \
  -t "$tag" -f Containerfile . >/dev/null
echo "$tag"
