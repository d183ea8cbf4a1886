#!/usr/bin/env bash
# Measures the runner's own footprint in the user-namespaced sandbox, against buildah where there is a peer:
#   - `build-runner version` against `buildah --version` (median of N interleaved runs each, and the ratio);
#   - `build-runner doctor --json` on a store that was probed before (median of N runs);
#   - the runner's own peak memory (VmHWM of its process, not buildah's) during a build of the run-layers
#     bench workload (ten RUN steps), with and without a push (median of 3 builds).
#   hack/footprint.sh [N]        (default N=15; needs artifacts/build-runner: hack/build.sh)
# Prints a Markdown table. Cleans up its sandbox and registry.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
[ -x artifacts/build-runner ] || { echo "footprint.sh: build the binary first (hack/build.sh)" >&2; exit 2; }

dir=/var/lib/build-runner-sandbox/footprint-$$
registry_dir=$(mktemp -d /tmp/build-runner-footprint-registry.XXXXXX)
cleanup() { hack/registry.sh stop "$registry_dir" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
registry=$(hack/registry.sh start "$registry_dir")

mkdir -p "$dir/ctx"
cp images/bench/run-layers/Containerfile "$dir/ctx/"
cp /bin/busybox "$dir/ctx/busybox"

# Everything below runs inside one sandbox call, so the numbers are the pod's, not the sandbox's start-up.
# shellcheck disable=SC2016
hack/sandbox.sh --dir "$dir" -- /bin/bash -c '
set -euo pipefail
runs=$1; registry=$2; bin=$3/bin/build-runner; ctx=$3/ctx
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk "{a[NR]=\$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}"; }
# The peak of the runner process itself: VmHWM only grows, so the last value read before it exits is the peak.
peak_kib() {
  "$@" >/dev/null 2>&1 & local pid=$! hwm=0 v
  while v=$(awk "/^VmHWM:/ {print \$2}" /proc/$pid/status 2>/dev/null) && [ -n "$v" ]; do
    hwm=$v; sleep 0.02
    kill -0 $pid 2>/dev/null || break
  done
  wait $pid || { echo "footprint.sh: the build failed: $*" >&2; exit 1; }
  echo "$hwm"
}
: >/tmp/v; : >/tmp/b; : >/tmp/d
for _ in $(seq "$runs"); do ms "$bin" version >>/tmp/v; ms buildah --version >>/tmp/b; done
"$bin" doctor --json --context "$ctx" --no-push >/dev/null 2>&1   # probe once; later runs reuse the memo
for _ in $(seq "$runs"); do ms "$bin" doctor --json --context "$ctx" --no-push >>/tmp/d; done
: >/tmp/m; : >/tmp/p
for i in 1 2 3; do
  rm -rf /var/lib/containers/storage
  peak_kib "$bin" build --context "$ctx" --no-push >>/tmp/m
  rm -rf /var/lib/containers/storage
  peak_kib "$bin" build --context "$ctx" --tag "$registry/footprint/run-layers:$i" --tls-verify=false >>/tmp/p
done
v=$(median </tmp/v); b=$(median </tmp/b); d=$(median </tmp/d); m=$(median </tmp/m); p=$(median </tmp/p)
echo "| measurement | median |"
echo "| --- | --- |"
echo "| \`build-runner version\` | $v ms |"
echo "| \`buildah --version\` | $b ms |"
echo "| ratio version / buildah --version | $(awk -v a="$v" -v b="$b" "BEGIN {printf \"%.2f\", a / b}") |"
echo "| \`doctor --json\`, store probed before | $d ms |"
echo "| runner peak memory, build (10 RUN steps, no push) | $(awk -v k="$m" "BEGIN {printf \"%.1f MiB\", k / 1024}") |"
echo "| runner peak memory, build and push | $(awk -v k="$p" "BEGIN {printf \"%.1f MiB\", k / 1024}") |"
' footprint "$runs" "$registry" "$dir"
