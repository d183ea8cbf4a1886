#!/usr/bin/env bash
# Shows the main job on a fresh machine: builds images/samples/hello inside a user-namespaced sandbox that
# stands for a build pod (container root = node UID 100000), pushes it to a local registry on 127.0.0.1,
# and prints the image with its digest, the node UID container root maps to, the storage driver and the time.
# Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

hack/install-deps.sh
hack/build.sh

sandbox=/var/lib/build-runner-sandbox/demo-$$
registry_dir=$(mktemp -d /tmp/build-runner-demo-registry.XXXXXX)
cleanup() {
  hack/registry.sh stop "$registry_dir" || true
  rm -rf "$sandbox" "$sandbox-base"
}
trap cleanup EXIT

registry=$(hack/registry.sh start "$registry_dir")
echo "demo: registry listening on $registry"

# No public registry is reachable: make the base image from busybox-static, with the runner itself.
mkdir -p "$sandbox-base/base"
cp images/base/busybox/Containerfile /bin/busybox "$sandbox-base/base/"
echo "demo: building the busybox base image in the sandbox"
hack/sandbox.sh --dir "$sandbox-base" -- "$sandbox-base/bin/build-runner" build \
  --context "$sandbox-base/base" --tag "$registry/build-runner/busybox:latest" --tls-verify=false --log-level warning

# The sample, configured the way a pod is: through its annotations (kubelet downward-API format).
mkdir -p "$sandbox"
cp -r images/samples/hello "$sandbox/hello"
annotations=$(mktemp /tmp/build-runner-demo-annotations.XXXXXX)
printf 'build-runner/build-args="BASE=%s/build-runner/busybox:latest\\nGREETING=hello"\nbuild-runner/output-image="%s/samples/hello:demo"\nbuild-runner/storage-driver="auto"\nbuild-runner/tls-verify="false"' \
  "$registry" "$registry" >"$annotations"
echo "demo: building images/samples/hello in the sandbox"
hack/sandbox.sh --dir "$sandbox" --annotations "$annotations" -- "$sandbox/bin/build-runner" build \
  --annotations "$sandbox/podinfo/annotations" --context "$sandbox/hello" --result "$sandbox/out/result.json"
rm -f "$annotations"

result=$sandbox/out/result.json
image=$(jq -r .image "$result")
digest=$(jq -r .digest "$result")
pushed=$(skopeo inspect --tls-verify=false "docker://$image" | jq -r .Digest)
[ "$pushed" = "$digest" ] || { echo "demo: the registry has $pushed, the result says $digest" >&2; exit 1; }

echo
echo "image:            ${image%:*}@$digest (in the registry: skopeo agrees)"
echo "container root:   node UID $(jq -r .userNamespace.hostUidOfRoot "$result") ($(jq -r .userNamespace.size "$result") IDs mapped)"
echo "storage driver:   $(jq -r .storageDriver "$result")"
echo "time taken:       $(jq -r .durationSeconds "$result") s"
