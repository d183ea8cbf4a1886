#!/usr/bin/env bash
# A Debian bookworm tree made with debootstrap (no public registry is reachable here), cached and shared by the
# scripts that need a Debian base: prints its path.
#   hack/debian-tree.sh PACKAGES      (comma-separated, passed to debootstrap --include)
# One tree per package list in $BUILD_RUNNER_CACHE (default /var/lib/build-runner-cache); the first run takes about
# a minute and needs the Debian mirrors, later runs reuse the tree.
set -euo pipefail
include=${1:?usage: debian-tree.sh PACKAGES}
cache=${BUILD_RUNNER_CACHE:-/var/lib/build-runner-cache}
key=$(printf 'bookworm minbase %s' "$include" | sha256sum | cut -c1-12)
rootfs=$cache/bookworm-$key

command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
mkdir -p "$cache"
if [ ! -f "$rootfs/.complete" ]; then
  # One debootstrap at a time (test runs may start together); a finished tree appears whole, by rename.
  exec 9>"$cache/.lock"
  flock 9
  if [ ! -f "$rootfs/.complete" ]; then
    echo "debian-tree.sh: debootstrapping bookworm into $rootfs (about a minute)" >&2
    rm -rf "$rootfs.new"
    debootstrap --variant=minbase --include="$include" bookworm "$rootfs.new" >"$cache/debootstrap.log" 2>&1 \
      || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
    echo "$include" >"$rootfs.new/.complete"
    mv "$rootfs.new" "$rootfs"
  fi
  flock -u 9
fi
echo "$rootfs"
