#!/usr/bin/env bash
# Measures what parallel stages (the jobs setting, buildah --jobs) buy, in the user-namespaced sandbox (root of it,
# as the README's bench runs): `build-runner bench --driver overlay --iterations 1` with --jobs 1 and with --jobs 2 in turn,
# ROUNDS rounds (the first of each round alternating), on every shipped workload plus a context with two
# independent CPU-bound stages (made here). bench builds each workload with the runner and with plain buildah given
# the same --jobs, so every bench run gives two samples per workload and jobs value.
#   hack/bench-jobs.sh [ROUNDS] [WORKLOAD...]   (default 5 rounds, every shipped workload; the two-stage context is
#                                               always measured; needs artifacts/build-runner: hack/build.sh)
# Prints a Markdown table: median seconds per jobs value (min–max, sample count) and the ratio jobs 2 / jobs 1.
# Cleans up its sandbox and registry.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
shipped=("$@")
[ ${#shipped[@]} -gt 0 ] || shipped=(small-files large-file run-layers run-many-files multi-stage)
[ -x artifacts/build-runner ] || { echo "bench-jobs.sh: build the binary first (hack/build.sh)" >&2; exit 2; }

dir=/var/lib/build-runner-sandbox/bench-jobs-$$
registry_dir=$(mktemp -d /tmp/build-runner-bench-jobs-registry.XXXXXX)
cleanup() { hack/registry.sh stop "$registry_dir" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
registry=$(hack/registry.sh start "$registry_dir")

# Two independent stages, each about a second of CPU (hashing 256 MiB of zeros), and a final stage that takes one
# file from each: with --jobs 2 the two stages can run on the two cores at once.
ctx=$dir/two-stages
mkdir -p "$ctx" "$dir/out"
cp /bin/busybox "$ctx/busybox"
cat >"$ctx/Containerfile" <<'CF'
FROM scratch AS left
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN head -c 268435456 /dev/zero | sha256sum > /left

FROM scratch AS right
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN head -c 268435456 /dev/zero | sha256sum > /right

FROM scratch
COPY --from=left /left /left
COPY --from=right /right /right
CF

workload_flags=()
for w in "${shipped[@]}"; do workload_flags+=(--workload "$w"); done
for round in $(seq "$rounds"); do
  order="1 2"; [ $((round % 2)) -eq 0 ] && order="2 1"
  for jobs in $order; do
    echo "bench-jobs.sh: round $round/$rounds, jobs $jobs" >&2
    hack/sandbox.sh --dir "$dir" -- "$dir/bin/build-runner" bench --driver overlay --iterations 1 \
      --registry "$registry" "${workload_flags[@]}" --workload "$ctx" --jobs "$jobs" --json "$dir/out/jobs-$jobs-round-$round.json" >"$dir/out/log-$jobs-$round.txt" 2>&1 \
      || { echo "bench-jobs.sh: bench failed (round $round, jobs $jobs):" >&2; tail -20 "$dir/out/log-$jobs-$round.txt" >&2; exit 1; }
  done
done

python3 - "$dir/out" "$ctx" <<'PY'
import json, glob, os, statistics, sys
out, ctx = sys.argv[1], sys.argv[2]
samples = {}
def records(node):
    if isinstance(node, dict):
        if "workload" in node and "tool" in node and "seconds" in node:
            yield node
        for v in node.values():
            yield from records(v)
    elif isinstance(node, list):
        for v in node:
            yield from records(v)
for path in sorted(glob.glob(os.path.join(out, "jobs-*-round-*.json"))):
    jobs = int(os.path.basename(path).split("-")[1])
    for r in records(json.load(open(path))):
        name = "two independent stages" if r["workload"] == ctx else r["workload"]
        samples.setdefault(name, {}).setdefault(jobs, []).extend(r["seconds"]["samples"])
print("| workload | jobs 1 | jobs 2 | ratio jobs 2 / jobs 1 |")
print("| --- | --- | --- | --- |")
for name, by in samples.items():
    cells = []
    for j in (1, 2):
        s = by.get(j, [])
        cells.append(f"{statistics.median(s):.2f} s ({min(s):.2f}–{max(s):.2f}, n={len(s)})" if s else "-")
    ratio = statistics.median(by[2]) / statistics.median(by[1]) if by.get(1) and by.get(2) else float("nan")
    print(f"| {name} | {cells[0]} | {cells[1]} | **{ratio:.2f}** |")
PY
