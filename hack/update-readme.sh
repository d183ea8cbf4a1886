#!/usr/bin/env bash
# Regenerates the settings table (build-runner settings) and the failure table (build-runner failures) in
# README.md from the code, between their markers. Unit tests fail when they differ, so neither can drift.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x artifacts/build-runner ] || hack/build.sh
python3 - "$(artifacts/build-runner settings)" "$(artifacts/build-runner failures)" <<'PY'
import sys, re
text = open("README.md").read()
for name, table in (("settings", sys.argv[1]), ("failures", sys.argv[2])):
    table = table.rstrip("\n") + "\n"
    text = re.sub(r"(<!-- %s:begin -->\n).*?(<!-- %s:end -->)" % (name, name), lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
open("README.md", "w").write(text)
PY
echo "update-readme.sh: settings and failure tables refreshed"
