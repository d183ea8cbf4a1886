#!/usr/bin/env bash
# The one test command: installs what the tests need, builds (warnings are errors), publishes the native
# binary, and runs every tier: unit tests, then integration tests against real buildah, user namespaces,
# storage drivers and a registry on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

hack/install-deps.sh
dotnet build Runner.sln -c Release -nologo -clp:NoSummary -v:q
hack/build.sh

results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
status=0
run_tier() { # name project
  local log="$results/$1.log"
  echo "test.sh: running the $1 tier"
  if ! dotnet test "$2" -c Release --no-build -nologo --logger "console;verbosity=normal" >"$log" 2>&1; then
    status=1
  fi
  # Failures with their messages, then the tier's counts; the whole log stays in $results.
  grep -E -A 12 "^\s+Failed [A-Za-z]" "$log" | head -n 300 || true
  grep -E "^\s+(Total tests|Passed|Failed|Skipped):" "$log" || true
}
run_tier unit tests/Runner.Tests/Runner.Tests.csproj
run_tier integration tests/Runner.IntegrationTests/Runner.IntegrationTests.csproj

# One closing line for everything: "N passed, N failed".
passed=$(awk '$1 == "Passed:" {s += $2} END {print s + 0}' "$results"/*.log)
failed=$(awk '$1 == "Failed:" {s += $2} END {print s + 0}' "$results"/*.log)
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || { echo "test.sh: no test ran" >&2; status=1; }
echo "tests: $passed passed, $failed failed"
exit $status
