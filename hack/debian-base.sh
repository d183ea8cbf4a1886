#!/usr/bin/env bash
# Pushes a Debian bookworm base image (about 280 MB: minbase with the builder image's packages, the tree
# hack/engine-image.sh builds on) to a registry, for the bench's debian-app workload; prints its reference.
#   hack/debian-base.sh REGISTRY [REPOSITORY]    (plain HTTP, such as hack/registry.sh starts;
#                                                 default repository build-runner-bench/debian:bookworm)
# Nothing is pushed when the registry already holds it. The tree comes from hack/debian-tree.sh (cached).
set -euo pipefail
cd "$(dirname "$0")/.."
registry=${1:?usage: debian-base.sh REGISTRY [REPOSITORY]}
image=$registry/${2:-build-runner-bench/debian:bookworm}
if skopeo inspect --tls-verify=false "docker://$image" >/dev/null 2>&1; then echo "$image"; exit 0; fi

rootfs=$(hack/debian-tree.sh buildah,netavark,fuse-overlayfs,uidmap,ca-certificates)
store=$(mktemp -d /var/tmp/build-runner-debian-base.XXXXXX)
B=(buildah --root "$store/root" --runroot "$store/run" --storage-driver vfs)
trap '"${B[@]}" rm -a >/dev/null 2>&1 || true; "${B[@]}" rmi -a -f >/dev/null 2>&1 || true; rm -rf "$store"' EXIT
ctr=$("${B[@]}" from scratch)
mnt=$("${B[@]}" mount "$ctr")
tar -C "$rootfs" --numeric-owner --exclude=./.complete --exclude=./debootstrap -cf - . | tar -C "$mnt" --numeric-owner -xf -
"${B[@]}" umount "$ctr" >/dev/null
"${B[@]}" config --created-by "debootstrap --variant=minbase bookworm (hack/debian-base.sh)" --cmd /bin/bash "$ctr"
"${B[@]}" commit --quiet "$ctr" localhost/debian-base >/dev/null
"${B[@]}" push --quiet --tls-verify=false localhost/debian-base "docker://$image" >&2
echo "$image"
