#!/usr/bin/env bash
# A stand-in for a user-namespaced build pod, shared by the integration tests and the demo.
#
#   hack/sandbox.sh --dir DIR [--annotations FILE] [--user UID] [--bounding SPEC] [--no-new-privs]
#                   [--setuid-newuidmap] [--size IDS] [--host-base UID] [--bind-ro SRC:DST]... [--no-containers-volume]
#                   -- COMMAND [ARG...]
#
# Container root is host UID/GID 100000 (65536 IDs mapped, like CRI-O's auto:size=65536), with private
# mount and PID namespaces and its own /proc. Inside, as a pod has: tmpfs on /run, /tmp and /var/tmp, a writable HOME,
# and DIR/volume (owned by the mapped root) mounted at /var/lib/containers like an emptyDir.
#   DIR/podinfo/annotations   the annotations file in the kubelet's layout (symlink through ..data), when given
#   DIR/bin/build-runner      a copy of artifacts/build-runner, readable from inside
#   DIR/out                   writable from inside (result files, termination messages)
#   --user UID                run COMMAND as UID (a non-root pod user): writable copies of /etc/passwd, group,
#                             subuid and subgid are bound in, and newuidmap/newgidmap with file capabilities
#                             (or, with --setuid-newuidmap, setuid-root copies like Debian ships)
#   --bounding SPEC           setpriv --bounding-set SPEC (e.g. -all,+setuid,+setgid,+setfcap,+sys_chroot)
#   --no-new-privs            set no_new_privs (Kubernetes allowPrivilegeEscalation: false)
#   --size IDS                map only IDS IDs (default 65536), like a pod given a smaller range
#   --host-base UID           container root is node UID/GID UID (default 100000): another pod's ID mapping; the
#                             range must be root's in /etc/subuid and /etc/subgid (install-deps.sh adds 1300000)
#   --bind-ro SRC:DST         bind the node's SRC read-only at DST inside (a hostPath volume with readOnly: true),
#                             without ID mapping: files owned by IDs outside the mapping show as 65534 (repeatable)
#   --no-containers-volume    an empty read-only /var/lib/containers (as in an image run with a read-only root file
#                             system), like a pod whose storage volume is mounted elsewhere: builds then use
#                             --storage-root DIR/volume/storage
# Host needs: root, uidmap, util-linux, libcap2-bin, and root:100000:65536 in /etc/subuid and /etc/subgid
# (hack/install-deps.sh sets that up). Everything it starts ends with COMMAND.
set -euo pipefail

HOST_BASE=100000
SIZE=65536
dir="" annotations="" user="" bounding="" nnp="" setuid_newuidmap="" binds="" containers_volume=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --annotations) annotations=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --bounding) bounding=$2; shift 2 ;;
    --no-new-privs) nnp=1; shift ;;
    --setuid-newuidmap) setuid_newuidmap=1; shift ;;
    --size) SIZE=$2; shift 2 ;;
    --host-base) HOST_BASE=$2; shift 2 ;;
    --bind-ro) binds="$binds$2
"; shift 2 ;;
    --no-containers-volume) containers_volume=""; shift ;;
    --) shift; break ;;
    *) echo "sandbox.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] && [ $# -gt 0 ] || { echo "usage: sandbox.sh --dir DIR [options] -- COMMAND..." >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# Every folder above DIR must be searchable by the mapped IDs.
p=$dir; while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
chmod 755 "$dir"
mkdir -p "$dir/volume" "$dir/home" "$dir/out" "$dir/bin" /var/lib/containers
chown "$HOST_BASE:$HOST_BASE" "$dir/volume" "$dir/home" "$dir/out"
chmod 777 "$dir/out"
if [ -x "$repo/artifacts/build-runner" ]; then cp "$repo/artifacts/build-runner" "$dir/bin/build-runner"; fi

if [ -n "$annotations" ]; then
  # The kubelet's layout: the file is a symlink through ..data to a timestamped folder, swapped atomically.
  stamp="..$(date -u +%Y_%m_%d_%H_%M_%S).000000001"
  rm -rf "$dir/podinfo"; mkdir -p "$dir/podinfo/$stamp"
  cp "$annotations" "$dir/podinfo/$stamp/annotations"
  ln -s "$stamp" "$dir/podinfo/..data"
  ln -s "..data/annotations" "$dir/podinfo/annotations"
  chmod -R a+rX "$dir/podinfo"
fi

if [ -n "$user" ]; then
  # Writable copies of the identity files, owned by the pod user, as an image that lets the runner write them.
  mkdir -p "$dir/etc"
  cp /etc/passwd /etc/group "$dir/etc/"
  : >"$dir/etc/subuid"; : >"$dir/etc/subgid"
  cp /usr/bin/newuidmap /usr/bin/newgidmap "$dir/bin/"
  # Owned by the namespace's root, so capabilities or the setuid bit set inside mean root of the namespace.
  chown "$HOST_BASE:$HOST_BASE" "$dir/bin/newuidmap" "$dir/bin/newgidmap"
  chown $((HOST_BASE + user)):$((HOST_BASE + user)) "$dir/etc/passwd" "$dir/etc/group" "$dir/etc/subuid" "$dir/etc/subgid" "$dir/volume"
  chmod 644 "$dir/etc/"*
  mkdir -p "$dir/home/$user"; chown $((HOST_BASE + user)):$((HOST_BASE + user)) "$dir/home/$user"
fi

inner=$(cat <<'INNER'
set -eu
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /var/tmp
mount -t tmpfs -o mode=1777 tmpfs /tmp
if [ -n "$SANDBOX_CONTAINERS_VOLUME" ]; then
  mount --bind "$SANDBOX_DIR/volume" /var/lib/containers
else
  mount -t tmpfs -o ro,mode=755 tmpfs /var/lib/containers
fi
printf '%s' "$SANDBOX_BINDS" | while IFS= read -r bind; do
  [ -n "$bind" ] || continue
  mkdir -p "${bind#*:}"
  mount --bind "${bind%%:*}" "${bind#*:}"
  mount -o remount,bind,ro "${bind#*:}"
done
if [ -n "$SANDBOX_USER" ]; then
  if [ -n "$SANDBOX_SETUID_NEWUIDMAP" ]; then
    chmod 4755 "$SANDBOX_DIR/bin/newuidmap" "$SANDBOX_DIR/bin/newgidmap"
  else
    chmod 0755 "$SANDBOX_DIR/bin/newuidmap" "$SANDBOX_DIR/bin/newgidmap"
    setcap cap_setuid=ep "$SANDBOX_DIR/bin/newuidmap"
    setcap cap_setgid=ep "$SANDBOX_DIR/bin/newgidmap"
  fi
  for f in passwd group subuid subgid; do mount --bind "$SANDBOX_DIR/etc/$f" "/etc/$f"; done
  mount --bind "$SANDBOX_DIR/bin/newuidmap" /usr/bin/newuidmap
  mount --bind "$SANDBOX_DIR/bin/newgidmap" /usr/bin/newgidmap
  export HOME="$SANDBOX_DIR/home/$SANDBOX_USER"
  set -- setpriv --reuid "$SANDBOX_USER" --regid "$SANDBOX_USER" --clear-groups --inh-caps=-all "$@"
else
  export HOME="$SANDBOX_DIR/home"
fi
if [ -n "$SANDBOX_BOUNDING" ]; then set -- setpriv --bounding-set "$SANDBOX_BOUNDING" --inh-caps=-all "$@"; fi
if [ -n "$SANDBOX_NNP" ]; then set -- setpriv --no-new-privs "$@"; fi
cd "$SANDBOX_DIR"
exec "$@"
INNER
)

export SANDBOX_DIR="$dir" SANDBOX_USER="$user" SANDBOX_BOUNDING="$bounding" SANDBOX_NNP="$nnp" \
  SANDBOX_SETUID_NEWUIDMAP="$setuid_newuidmap" SANDBOX_BINDS="$binds" SANDBOX_CONTAINERS_VOLUME="$containers_volume"
exec unshare --user --map-users="$HOST_BASE,0,$SIZE" --map-groups="$HOST_BASE,0,$SIZE" \
  --mount --propagation private --pid --fork --mount-proc --setuid 0 --setgid 0 \
  -- /bin/sh -c "$inner" sandbox "$@"
