#!/usr/bin/env bash
# Issue 14's bench: a realistic build in fresh pods, three ways, in the user-namespaced sandbox (hack/sandbox.sh,
# shaped like a pod: its storage volume at /var/lib/containers). The workload is images/bench/debian-app (a 280 MB
# Debian base from the local registry, 300 files copied, useradd, chown -R, a RUN writing 200 files):
#   1. fresh store: the base is pulled by every build;
#   2. fresh store + shared store: the base is read from a read-only image store (image-stores), filled beforehand
#      in a sandbox with the same ID mapping and bound read-only, as a node's pre-puller would leave it;
#   3. the shared-store runs with the layer cache (bench --cache-pass: a cold build pushing to a cache repository,
#      then a rebuild in a fresh store after one changed source file).
# Each is `build-runner bench` (the runner beside plain buildah with the same arguments, interleaved, a fresh store
# every run); the medians and their ratios are printed as a Markdown table.
#   hack/bench-fresh-pods.sh [ITERATIONS]     (default 3; the JSON of each bench is kept in $BENCH_OUT, default /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3}
out=${BENCH_OUT:-/tmp}
[ -x artifacts/build-runner ] || hack/build.sh

work=/var/lib/build-runner-sandbox/bench-fresh-pods-$$
registry_dir=$(mktemp -d /tmp/build-runner-bench-registry.XXXXXX)
cleanup() { hack/registry.sh stop "$registry_dir" || true; rm -rf "$work"; }
trap cleanup EXIT
registry=$(hack/registry.sh start "$registry_dir")
base=$(hack/debian-base.sh "$registry")
echo "bench-fresh-pods: base $base" >&2

# The shared store, filled with the base in a sandbox of the same ID mapping (what a pre-puller on the node does).
shared=/run/shared-images
hack/sandbox.sh --dir "$work/fill" -- buildah --root /var/lib/containers/shared --runroot /run/fill --storage-driver overlay \
  --storage-opt overlay.mountopt=nodev pull --quiet --tls-verify=false "$base" >/dev/null

bench() { # NAME [SANDBOX OPTIONS...] -- [BENCH ARGS...]
  local name=$1; shift
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
  echo "bench-fresh-pods: $name" >&2
  hack/sandbox.sh --dir "$work/$name" "${opts[@]}" -- "$work/$name/bin/build-runner" bench --workload debian-app \
    --debian-base "$base" --registry "$registry" --driver overlay --iterations "$n" --json "$work/$name/out/bench.json" "$@" >&2
  cp "$work/$name/out/bench.json" "$out/bench-fresh-pods-$name.json"
}
mkdir -p "$work/fresh" "$work/shared"
bench fresh --
bench shared --bind-ro "$work/fill/volume/shared:$shared" -- --image-store "$shared" --cache-pass

median() { jq -r --arg tool "$2" '.records[] | select(.workload == "debian-app" and .tool == $tool) | .seconds.median' "$out/bench-fresh-pods-$1.json"; }
fresh=$(median fresh runner); fresh_buildah=$(median fresh buildah)
shared_runner=$(median shared runner); shared_buildah=$(median shared buildah)
cold=$(jq -r '.cachePass[0].cold.median' "$out/bench-fresh-pods-shared.json")
rebuild=$(jq -r '.cachePass[0].rebuild.median' "$out/bench-fresh-pods-shared.json")
steps=$(jq -r '.cachePass[0] | "\(.stepsRun) of \(.steps)"' "$out/bench-fresh-pods-shared.json")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
s() { awk -v a="$1" 'BEGIN { printf "%.2f s", a }'; }
cat <<TABLE
Median of $n runs, overlay, fresh store each run; 2-core machine, load $(cut -d' ' -f1-3 /proc/loadavg) at the end.

| way | runner | plain buildah | runner against way 1 |
| --- | --- | --- | --- |
| 1. fresh store, base pulled | $(s "$fresh") | $(s "$fresh_buildah") | 1.00 |
| 2. fresh store + shared store | $(s "$shared_runner") | $(s "$shared_buildah") | **$(ratio "$shared_runner" "$fresh")** |
| 3. way 2 with cache-repo: cold, pushing to the cache | $(s "$cold") | | $(ratio "$cold" "$fresh") |
| 3. way 2 with cache-repo: rebuild after one changed file | $(s "$rebuild") | | $(ratio "$rebuild" "$fresh") (rebuild / cold $(ratio "$rebuild" "$cold"); steps run again: $steps) |
TABLE
