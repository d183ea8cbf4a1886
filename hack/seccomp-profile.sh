#!/usr/bin/env bash
# Generates the seccomp profile build pods run under, from containerd itself rather than by hand:
# containerd's RuntimeDefault for a container with exactly the pod's four capabilities (what EKS, GKE, AKS, k3s
# and kind apply to such a pod), plus only the syscalls a build needs.
#
#   hack/seccomp-profile.sh                  writes deploy/seccomp/build-runner.json and seccompprofile.yaml
#   hack/seccomp-profile.sh --check          generates afresh and fails if the committed files differ
#   hack/seccomp-profile.sh --reference DIR  writes only the profiles the tests compare against (deploy/ untouched):
#        DIR/containerd-runtime-default.json  containerd's RuntimeDefault for the pod, unchanged
#        DIR/crio-style.json                  podman's default with unshare allowed only with CAP_SYS_ADMIN,
#                                             as CRI-O has it since 1.24 (OpenShift 4.11 and later)
#        DIR/podman-default.json              podman's default, unchanged
#
# containerd runs on a private socket, root and state directory and is stopped at the end; nothing is started
# (the container is created, its spec read, and deleted).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=write; reference=""
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --reference) reference=${2:?--reference needs a folder}; shift ;;
    *) echo "usage: seccomp-profile.sh [--check] [--reference DIR]" >&2; exit 2 ;;
  esac
  shift
done

# What the build needs on top of RuntimeDefault; each is proved necessary by a test that drops it
# (tests/Runner.IntegrationTests/SeccompTests.cs). Why each is needed:
#   unshare  buildah re-executes itself in a nested user and mount namespace (it has no CAP_SYS_ADMIN in the
#            pod's namespace), and chroot isolation gives each RUN step new namespaces.
#   mount    inside that nested namespace buildah mounts the layer store (overlay, or fuse-overlayfs's
#            helper), binds the context and /proc, /dev, /sys into RUN steps.
#   umount2  it unmounts them again when a step or the build ends.
added=(mount umount2 unshare)
# The pod's capabilities (deploy/build-pod.yaml); RuntimeDefault depends on them.
pod_caps=(CAP_SETUID CAP_SETGID CAP_SETFCAP CAP_SYS_CHROOT)

for tool in containerd ctr jq python3; do
  command -v "$tool" >/dev/null || { echo "seccomp-profile.sh: $tool is missing (hack/install-deps.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/br-seccomp-XXXXXX)
ctd_pid=""
cleanup() {
  if [ -n "$ctd_pid" ]; then kill "$ctd_pid" 2>/dev/null || true; wait "$ctd_pid" 2>/dev/null || true; fi
  umount -R "$work/root" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/config.toml" <<EOF
version = 2
root = "$work/root"
state = "$work/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$work/containerd.sock"
EOF
containerd --config "$work/config.toml" >"$work/containerd.log" 2>&1 &
ctd_pid=$!
ctr=(ctr --address "$work/containerd.sock")
for _ in $(seq 1 100); do
  "${ctr[@]}" version >/dev/null 2>&1 && break
  kill -0 "$ctd_pid" 2>/dev/null || { cat "$work/containerd.log" >&2; exit 1; }
  sleep 0.1
done

# Drop every default capability but the pod's, so the bounding set is exactly the pod's.
defaults=(CAP_CHOWN CAP_DAC_OVERRIDE CAP_FSETID CAP_FOWNER CAP_MKNOD CAP_NET_RAW CAP_SETGID CAP_SETUID CAP_SETFCAP
  CAP_SETPCAP CAP_NET_BIND_SERVICE CAP_SYS_CHROOT CAP_KILL CAP_AUDIT_WRITE)
cap_args=()
for c in "${defaults[@]}"; do
  [[ " ${pod_caps[*]} " == *" $c "* ]] || cap_args+=(--cap-drop "$c")
done
for c in "${pod_caps[@]}"; do cap_args+=(--cap-add "$c"); done
mkdir -p "$work/rootfs"
"${ctr[@]}" containers create --rootfs --seccomp "${cap_args[@]}" "$work/rootfs" build-runner-seccomp /true
"${ctr[@]}" containers info build-runner-seccomp >"$work/info.json"
"${ctr[@]}" containers delete build-runner-seccomp >/dev/null

bounding=$(jq -c '.Spec.process.capabilities.bounding | sort' "$work/info.json")
want=$(printf '%s\n' "${pod_caps[@]}" | jq -R . | jq -sc 'sort')
[ "$bounding" = "$want" ] || { echo "seccomp-profile.sh: the container got $bounding, not $want" >&2; exit 1; }

# Null fields (defaultErrnoRet) are dropped: kubelet passes the file to the runtime as it is.
jq 'del(..|nulls)' <(jq '.Spec.linux.seccomp' "$work/info.json") >"$work/containerd-runtime-default.json"
jq -e '.defaultAction == "SCMP_ACT_ERRNO"' "$work/containerd-runtime-default.json" >/dev/null \
  || { echo "seccomp-profile.sh: containerd's profile does not refuse by default" >&2; exit 1; }
for s in "${added[@]}"; do
  if jq -e --arg s "$s" '[.syscalls[] | select(.action == "SCMP_ACT_ALLOW" and (.args // [] | length) == 0) | .names[]] | index($s)' \
      "$work/containerd-runtime-default.json" >/dev/null; then
    echo "seccomp-profile.sh: containerd already allows $s; the list of added syscalls is out of date" >&2; exit 1
  fi
done

mkdir -p "$work/out"
jq --indent 2 --argjson added "$(printf '%s\n' "${added[@]}" | jq -R . | jq -sc .)" \
  '.syscalls += [{names: $added, action: "SCMP_ACT_ALLOW"}]' \
  "$work/containerd-runtime-default.json" >"$work/out/build-runner.json"

# The same rules as a Security Profiles Operator resource. JSON is YAML, but a reviewer reads YAML.
python3 - "$work/out/build-runner.json" >"$work/out/seccompprofile.yaml" <<'PY'
import json, sys
profile = json.load(open(sys.argv[1]))
out = [
    "# Generated by hack/seccomp-profile.sh from containerd's RuntimeDefault; do not edit by hand.",
    "# The rules of seccomp/build-runner.json for the Security Profiles Operator. The operator writes them to",
    "# every node; a pod in the same namespace names them with",
    "#   seccompProfile: {type: Localhost, localhostProfile: operator/NAMESPACE/build-runner.json}",
    "apiVersion: security-profiles-operator.x-k8s.io/v1beta1",
    "kind: SeccompProfile",
    "metadata:",
    "  name: build-runner",
    "spec:",
    f"  defaultAction: {profile['defaultAction']}",
    "  architectures:",
]
out += [f"    - {a}" for a in profile["architectures"]]
out.append("  syscalls:")
for rule in profile["syscalls"]:
    out.append(f"    - action: {rule['action']}")
    if "errnoRet" in rule:
        out.append(f"      errnoRet: {rule['errnoRet']}")
    out.append("      names:")
    out += [f"        - {n}" for n in rule["names"]]
    if rule.get("args"):
        out.append("      args:")
        for a in rule["args"]:
            out.append(f"        - index: {a['index']}")
            out.append(f"          value: {a['value']}")
            if a.get("valueTwo"):
                out.append(f"          valueTwo: {a['valueTwo']}")
            out.append(f"          op: {a['op']}")
print("\n".join(out))
PY

if [ -n "$reference" ]; then
  mkdir -p "$reference"
  cp "$work/containerd-runtime-default.json" "$reference/containerd-runtime-default.json"
  podman_default=/usr/share/containers/seccomp.json
  [ -f "$podman_default" ] || { echo "seccomp-profile.sh: $podman_default is missing (package golang-github-containers-common)" >&2; exit 1; }
  cp "$podman_default" "$reference/podman-default.json"
  # CRI-O 1.24+: unshare leaves the unconditional allow list and comes back only for CAP_SYS_ADMIN.
  jq '(.syscalls[] | select(.action == "SCMP_ACT_ALLOW" and (.includes // {} | length) == 0 and (.excludes // {} | length) == 0
        and (.args // [] | length) == 0) | .names) |= map(select(. != "unshare"))
      | .syscalls += [{names: ["unshare"], action: "SCMP_ACT_ALLOW", includes: {caps: ["CAP_SYS_ADMIN"]}}]' \
    "$podman_default" >"$reference/crio-style.json"
  unconditional=$(jq '[.syscalls[] | select(.action == "SCMP_ACT_ALLOW" and (.includes // {} | length) == 0) | .names[]] | index("unshare")' "$reference/crio-style.json")
  [ "$unconditional" = null ] || { echo "seccomp-profile.sh: unshare is still allowed for everyone in the CRI-O-style profile" >&2; exit 1; }
fi

target=deploy/seccomp
if [ "$mode" = check ]; then
  status=0
  for f in build-runner.json seccompprofile.yaml; do
    if ! diff -u "$target/$f" "$work/out/$f" >"$work/diff" 2>&1; then
      echo "seccomp-profile.sh: $target/$f differs from a fresh generation (run hack/seccomp-profile.sh and commit):" >&2
      head -40 "$work/diff" >&2
      status=1
    fi
  done
  [ "$status" -eq 0 ] && echo "seccomp-profile.sh: $target matches containerd's RuntimeDefault plus ${added[*]}"
  exit "$status"
fi
if [ -n "$reference" ]; then
  echo "seccomp-profile.sh: wrote the reference profiles to $reference"
  exit 0
fi
mkdir -p "$target"
cp "$work/out/build-runner.json" "$work/out/seccompprofile.yaml" "$target/"
echo "seccomp-profile.sh: wrote $target/build-runner.json and $target/seccompprofile.yaml (RuntimeDefault + ${added[*]})"
