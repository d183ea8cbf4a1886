#!/usr/bin/env bash
# Builds the builder image from Containerfile with the product itself: `build-runner build`, run inside the
# user-namespaced sandbox (hack/sandbox.sh) as a build pod would run it, on a Debian bookworm base made with
# debootstrap (no public registry is reachable here), then copies it into a store of its own, so a real container
# engine can run it.
#   hack/engine-image.sh STORE_DIR [TAG]     (default tag localhost/build-runner/builder:dev)
# The debootstrapped tree is cached in $BUILD_RUNNER_CACHE (default /var/lib/build-runner-cache), one tree per
# package list, and beside it the base made from it (base-oci-KEY, an OCI layout of about 47 MB, one per tree and
# hack/builder-rootfs.sh; each is made once, whole, by rename, and never changed). Use the store with:
# podman --root STORE_DIR/root --runroot STORE_DIR/run ...
#
# How the base reaches the sandboxed build: the way a user extending the image gets theirs, from a registry.
#   1. The tree, made lean by hack/builder-rootfs.sh, is committed as localhost/build-runner/debian:bookworm-KEY
#      (plain buildah on the node: this is the base, made from files, which is no job for a build) and kept as an
#      OCI layout in the cache; each run uploads it to a throwaway registry on 127.0.0.1 (hack/registry.sh).
#   2. build-runner builds `FROM localhost/build-runner/debian:bookworm-KEY` in the sandbox. A registries.conf given
#      through CONTAINERS_REGISTRIES_CONF (the variable buildah reads; the runner passes its environment on) maps
#      the prefix localhost/build-runner to the throwaway registry, so the image records the same stable base name
#      in its manifest (org.opencontainers.image.base.name) whatever port the registry got. An image author does
#      the same with a registries.conf mirror or a plain registry name (README: Extending the builder image).
#   3. The runner pushes the image to the throwaway registry and writes its digest in the result file; skopeo copies
#      that digest into STORE_DIR as TAG, unchanged (same image ID and manifest digest). The registry and the
#      sandbox are removed at the end.
# Needs what hack/sandbox.sh needs (root, uidmap, root:100000:65536 in /etc/subuid and /etc/subgid), docker-registry
# and skopeo (hack/install-deps.sh installs them all).
#
# Reproducible: two runs from the same commit and the same cached tree give the same image ID and digest, in any
# store. Every timestamp the Containerfile adds (files, history, labels) is the commit time of the binary's revision
# (the runner's `--timestamp`); the base's is the tree's (when debootstrap finished). The base tree is made lean and stripped of setuid bits and volatile files by
# hack/builder-rootfs.sh before it is committed, the same script the Containerfile runs. The labels come from the
# binary the image ships (its version and revision).
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: engine-image.sh STORE_DIR [TAG]}
tag=${2:-localhost/build-runner/builder:dev}
cache=${BUILD_RUNNER_CACHE:-/var/lib/build-runner-cache}

# The packages the Containerfile would install (hack/builder-rootfs.sh), included here so the build needs no network.
# debootstrap does not resolve virtual packages: netavark stands for buildah's container-network-stack.
include=buildah,netavark,fuse-overlayfs,uidmap,ca-certificates
rootfs=$(hack/debian-tree.sh "$include")

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
# The base is made once per tree and script, and kept beside the tree as an OCI layout with its layer already
# compressed: later runs only upload it. Its timestamp is the tree's (when debootstrap finished), not the commit's,
# so one base serves every commit; the image's own files, history and labels carry the commit time.
tree_epoch=$(stat -c %Y "$rootfs/.complete")
base_key=$( { cat "$rootfs/.complete" hack/builder-rootfs.sh; echo "$tree_epoch"; } | sha256sum | cut -c1-12)
base=localhost/build-runner/debian:bookworm-$base_key
layout=$cache/base-oci-$base_key
if [ ! -f "$layout/index.json" ]; then
  # One maker at a time; a finished layout appears whole, by rename.
  exec 8>"$cache/.base-lock"
  flock 8
  if [ ! -f "$layout/index.json" ]; then
    echo "engine-image.sh: making the base $base from the tree"
    ctr=$("${B[@]}" from scratch)
    mnt=$("${B[@]}" mount "$ctr")
    tar -C "$rootfs" --numeric-owner --exclude=./.complete --exclude=./debootstrap -cf - . | tar -C "$mnt" --numeric-owner -xf -
    hack/builder-rootfs.sh slim "$mnt"
    "${B[@]}" umount "$ctr" >/dev/null
    "${B[@]}" config --created-by "debootstrap --variant=minbase --include=$include bookworm; hack/builder-rootfs.sh slim" "$ctr"
    "${B[@]}" commit --quiet --timestamp "$tree_epoch" "$ctr" "$base" >/dev/null
    "${B[@]}" rm "$ctr" >/dev/null
    rm -rf "$layout.new"
    skopeo copy --quiet "containers-storage:[overlay@$store/root+$store/run]$base" "oci:$layout.new:base"
    mv "$layout.new" "$layout"
  fi
  flock -u 8
fi

mkdir -p "$store"
work=$(mktemp -d "$store/self-build.XXXXXX")
cleanup() {
  hack/registry.sh stop "$work/registry" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
address=$(hack/registry.sh start "$work/registry")
skopeo copy --quiet --dest-tls-verify=false "oci:$layout:base" "docker://$address/build-runner/debian:bookworm-$base_key"
cat >"$work/registries.conf" <<CONF
# engine-image.sh: the base's stable name, served by the throwaway registry.
[[registry]]
prefix = "localhost/build-runner"
location = "$address/build-runner"
insecure = true
CONF
chmod 0644 "$work/registries.conf"

# The context the Containerfile needs, and nothing else (.containerignore says the same), copied where the sandbox's
# IDs can read it whatever the checkout's folder permissions are.
context=$work/context
mkdir -p "$context/artifacts" "$context/hack"
cp -p Containerfile .containerignore "$context/"
cp -p artifacts/build-runner artifacts/sbom.cdx.json "$context/artifacts/"
cp -p hack/builder-rootfs.sh "$context/hack/"
chmod -R a+rX "$context"

echo "engine-image.sh: build-runner build of $tag from Containerfile in the sandbox (build-runner $version, revision $revision, $created)"
repository=$address/build-runner/builder
pushed=$repository:$base_key
sandbox=$work/sandbox
if ! CONTAINERS_REGISTRIES_CONF=$work/registries.conf hack/sandbox.sh --dir "$sandbox" -- "$sandbox/bin/build-runner" build \
    --context "$context" --file "$context/Containerfile" --tag "$pushed" --tls-verify=false --timestamp "$epoch" \
    --build-arg BASE="$base" --build-arg SOURCE_DATE_EPOCH="$epoch" \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg CREATED="$created" \
    --build-arg SOURCE="$source_url" \
    --result "$sandbox/out/result.json" >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log" >&2
  exit 1
fi
digest=$(jq -r .digest "$sandbox/out/result.json")
skopeo copy --quiet --src-tls-verify=false "docker://$repository@$digest" \
  "containers-storage:[overlay@$store/root+$store/run]$tag"
echo "$tag"
