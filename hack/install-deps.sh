#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian machine (as root) and sets up the host
# the way a user-namespace-capable node is set up. Safe to run again: every step checks first.
set -euo pipefail

# gcc and zlib1g-dev: the native AOT link step (hack/build.sh) needs a C toolchain and zlib.
# containerd: the seccomp profile is generated from its RuntimeDefault, and the builder image runs under it.
# iproute2: the containerd tests bring up the loopback of the pod's network namespace (ip link set lo up).
# apache2-utils (htpasswd) and openssl: the failure tests' registries with basic auth and with a self-signed certificate.
# catatonit: podman kube play (the Kubernetes Job test) builds its pods' infra image around it.
packages=(
  buildah podman runc skopeo fuse-overlayfs uidmap docker-registry
  busybox-static libcap2-bin util-linux jq ca-certificates
  gcc zlib1g-dev python3
  containerd debootstrap iproute2
  apache2-utils openssl
  catatonit
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Debian package starts a registry on :5000 bound to all addresses; tests start their own on 127.0.0.1.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  systemctl stop docker-registry || true
fi

# Subordinate ranges: root's for the unshare sandbox (host IDs 100000..165535, and 1300000..1365535 for a sandbox with
# another ID mapping: hack/sandbox.sh --host-base 1300000), containers' for podman --userns=auto.
ensure_line() { # file line
  touch "$1"
  grep -qxF "$2" "$1" || echo "$2" >>"$1"
}
for f in /etc/subuid /etc/subgid; do
  ensure_line "$f" "root:100000:65536"
  ensure_line "$f" "root:1300000:65536"
  ensure_line "$f" "containers:200000:1000000"
done

# A stock node has /dev/fuse 0666; these machines ship it 0600, which makes fuse-overlayfs unusable in a user namespace.
if [ -e /dev/fuse ]; then
  chmod 0666 /dev/fuse
fi
echo "install-deps: ready"
