#!/usr/bin/env bash
# Publishes the native AOT binary to artifacts/build-runner. Any trim or AOT warning fails the build:
# a warning there means code that may break only in the published binary.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/publish
log=artifacts/publish.log
mkdir -p artifacts
rm -rf "$out"
if ! dotnet publish src/Runner/Runner.csproj -c Release -r linux-x64 -o "$out" \
      -p:TreatWarningsAsErrors=true -p:IlcTreatWarningsAsErrors=true -p:SuppressTrimAnalysisWarnings=false \
      -nologo -clp:NoSummary >"$log" 2>&1; then
  cat "$log"
  echo "build.sh: publish failed" >&2
  exit 1
fi
# Belt and braces: a warning the properties above did not turn into an error still fails here.
if grep -E "warning (IL|CS|CA|NU)[0-9]+" "$log" | grep -v NU1603 >/dev/null; then
  grep -E "warning " "$log" >&2
  echo "build.sh: the publish printed warnings; fix them" >&2
  exit 1
fi
cp "$out/build-runner" artifacts/build-runner
echo "build.sh: $(du -h artifacts/build-runner | cut -f1) native binary at artifacts/build-runner"
