#!/usr/bin/env bash
# Regenerates the settings table in README.md from the code (build-runner settings), between the markers.
# A unit test fails when the two differ, so the table cannot drift from what the runner parses.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x artifacts/build-runner ] || hack/build.sh
table=$(artifacts/build-runner settings)
python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1].rstrip("\n") + "\n"
text = open("README.md").read()
new = re.sub(r"(<!-- settings:begin -->\n).*?(<!-- settings:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
open("README.md", "w").write(new)
PY
echo "update-readme.sh: settings table refreshed"
