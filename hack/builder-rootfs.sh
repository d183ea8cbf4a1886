#!/bin/sh
# The builder image's file system, made lean and without setuid programs. One script for both ways the image is
# made, so they cannot drift apart:
#   builder-rootfs.sh install      inside the image (Containerfile RUN): installs what is missing with apt
#   builder-rootfs.sh slim ROOT    on a tree: inside the image (ROOT=/), or from the host on a mounted base tree
#                                  (hack/engine-image.sh, before the base is committed)
# Both are idempotent: on a tree already made lean they change nothing, so on the base hack/engine-image.sh makes
# the Containerfile's RUN needs no network and its layer holds only the build user's files (about 25 kB).
# POSIX sh: it runs in the image, which has dash and no bash features.
set -eu

# What the image needs: buildah (Debian 1.28), fuse-overlayfs (storage fallback where native overlay fails),
# uidmap (newuidmap/newgidmap for a non-root pod user), ca-certificates (registries over TLS). buildah depends on a
# container-network-stack; chroot isolation with the pod's network never uses one, so netavark (the provider Debian
# recommends, 4 MB against containernetworking-plugins' 44 MB) is installed for the dependency and its program removed.
PACKAGES="buildah netavark fuse-overlayfs uidmap ca-certificates"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Debian ships newuidmap/newgidmap setuid-root. Without CAP_SYS_ADMIN in the pod's namespace a setuid newuidmap
# opens /proc/PID/uid_map with the wrong credentials and the write is refused, so rootless buildah falls back to a
# single ID. File capabilities do not have that problem, and they are the only privilege left in the image.
# A newuidmap still setuid has not been converted yet; one that is not was converted by this script.
needs_file_caps() { [ -u "$1/usr/bin/newuidmap" ] || [ -u "$1/usr/bin/newgidmap" ]; }

file_caps() { # ROOT
  needs_file_caps "$1" || return 0
  command -v setcap >/dev/null || { echo "builder-rootfs: setcap (libcap2-bin) is needed to give newuidmap its file capabilities" >&2; exit 1; }
  setcap cap_setuid=ep "$1/usr/bin/newuidmap"
  setcap cap_setgid=ep "$1/usr/bin/newgidmap"
  getcap "$1/usr/bin/newuidmap" | grep -q 'cap_setuid=ep'
  getcap "$1/usr/bin/newgidmap" | grep -q 'cap_setgid=ep'
  chmod u-s,g-s "$1/usr/bin/newuidmap" "$1/usr/bin/newgidmap"
}

# Writes FILE with the text on standard input unless it already holds exactly that (no needless layer entry).
write_if_changed() { # FILE
  tmp=$(mktemp)
  cat >"$tmp"
  if cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mkdir -p "$(dirname "$1")"; cat "$tmp" >"$1"; chmod 0644 "$1"; rm -f "$tmp"; fi
}

configure() { # ROOT
  r=${1%/}
  # Packages installed later, in this image or one derived from it, stay lean too (what Debian's slim images do).
  write_if_changed "$r/etc/dpkg/dpkg.cfg.d/build-runner-slim" <<'EOF'
# build-runner: no documentation, manuals or translations in the builder image or images derived from it
# (as in Debian's slim images). Copyright files stay. Delete this file to get the rest back for later installs.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
  write_if_changed "$r/etc/apt/apt.conf.d/build-runner-slim" <<'EOF'
// build-runner: no package caches or translation lists in image layers (as in Debian's slim images).
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
EOF
}

slim() { # ROOT
  r=${1%/}
  [ -d "$r/usr/bin" ] && [ -d "$r/var/lib/dpkg" ] || { echo "builder-rootfs: $1 is not a Debian tree" >&2; exit 1; }

  configure "$r"

  # What a build never reads: documentation (copyright files stay), manuals, info, translations.
  if [ -d "$r/usr/share/doc" ]; then
    find "$r/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
    find "$r/usr/share/doc" -mindepth 1 -depth -type d -empty -delete
  fi
  for d in man groff info lintian linda locale; do
    [ -d "$r/usr/share/$d" ] && find "$r/usr/share/$d" -mindepth 1 -delete
  done

  # The container network stack: installed only for buildah's dependency (see PACKAGES).
  rm -f "$r/usr/lib/podman/netavark" "$r/usr/libexec/podman/netavark"
  [ -d "$r/usr/lib/cni" ] && find "$r/usr/lib/cni" -mindepth 1 -delete

  # Setuid and setgid: none (newuidmap/newgidmap get file capabilities first). Measured: builds work as root of the
  # pod's namespace and as uid 1000, with native overlay and fuse-overlayfs, without su, mount, passwd, chsh,
  # fusermount3, unix_chkpwd and the rest being setuid; in the uid-1000 mode each would be reachable by the build.
  file_caps "$r"
  find "${r:-/}" -xdev -perm /6000 ! -type l -exec chmod u-s,g-s {} +

  # Volatile files: what differs between two builds of the same commit, or is only a cache.
  [ -d "$r/var/lib/apt/lists" ] && find "$r/var/lib/apt/lists" -mindepth 1 ! -type d -delete
  rm -f "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/archives/partial/*
  rm -f "$r"/var/cache/debconf/*-old "$r"/var/lib/dpkg/*-old "$r/var/cache/ldconfig/aux-cache"
  [ -d "$r/var/log" ] && find "$r/var/log" -mindepth 1 ! -type d -delete
  for d in tmp var/tmp; do
    [ -d "$r/$d" ] && find "$r/$d" -mindepth 1 -delete
  done
  find "$r/usr" -xdev -depth -type d -name __pycache__ -exec rm -rf {} +
  if [ -s "$r/etc/machine-id" ]; then : >"$r/etc/machine-id"; fi
  # Host-specific files debootstrap copies from the machine it runs on; an engine mounts its own over them. Only on a
  # tree: inside a running build they are the engine's.
  if [ -n "$r" ]; then
    for f in hostname hosts resolv.conf; do
      if [ -s "$r/etc/$f" ]; then : >"$r/etc/$f"; fi
    done
  fi
  return 0
}

install_packages() {
  missing=""
  for p in $PACKAGES; do installed "$p" || missing="$missing $p"; done
  helper=""
  if ! installed uidmap || needs_file_caps ""; then
    command -v setcap >/dev/null || helper=libcap2-bin
  fi
  if [ -z "$missing$helper" ]; then
    echo "builder-rootfs: every package is installed"
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Installed under the exclusions, so documentation and translations are never unpacked.
  configure ""
  apt-get update
  # shellcheck disable=SC2086
  apt-get install -y --no-install-recommends $missing $helper
  file_caps ""
  if [ -n "$helper" ]; then
    # Only setcap needed it.
    apt-get purge -y "$helper"
    apt-get autoremove -y --purge
  fi
}

case "${1:-}" in
  install) install_packages ;;
  slim) slim "${2:?usage: builder-rootfs.sh slim ROOT}" ;;
  *) echo "usage: builder-rootfs.sh install | slim ROOT" >&2; exit 2 ;;
esac
