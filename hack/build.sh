#!/usr/bin/env bash
# Publishes the native AOT binary to artifacts/build-runner and its CycloneDX bill of materials to
# artifacts/sbom.cdx.json. Any trim or AOT warning fails the build: a warning there means code that may break
# only in the published binary.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/publish
log=artifacts/publish.log
mkdir -p artifacts
rm -rf "$out"
# The commit goes into the informational version (VERSION+COMMIT): `build-runner version` prints it and the
# builder image's revision label repeats it.
revision=()
if commit=$(git rev-parse HEAD 2>/dev/null); then
  revision=(-p:SourceRevisionId="$commit")
fi
if ! dotnet publish src/Runner/Runner.csproj -c Release -r linux-x64 -o "$out" "${revision[@]}" \
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

# The bill of materials: every NuGet package the binary was published from (the restore the publish just made,
# for linux-x64), by the CycloneDX tool pinned in .config/dotnet-tools.json. No serial number, and the commit time
# as its timestamp, so the same commit gives the same file (and the same image digest).
read -r _ version _ < <(artifacts/build-runner version)
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
sbom=artifacts/sbom-tmp
rm -rf "$sbom"
dotnet tool restore >/dev/null
if ! dotnet tool run dotnet-CycloneDX src/Runner/Runner.csproj --disable-package-restore --no-serial-number \
      --framework net10.0 --runtime linux-x64 --output-format Json --output "$sbom" --filename sbom.cdx.json \
      --set-name build-runner --set-version "$version" --set-type Application >"$sbom.log" 2>&1; then
  cat "$sbom.log"
  echo "build.sh: the bill of materials could not be made" >&2
  exit 1
fi
jq --arg t "$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)" '.metadata.timestamp = $t' "$sbom/sbom.cdx.json" >artifacts/sbom.cdx.json
rm -rf "$sbom" "$sbom.log"
echo "build.sh: $(du -h artifacts/build-runner | cut -f1) native binary at artifacts/build-runner" \
  "($(jq '.components | length' artifacts/sbom.cdx.json) packages in artifacts/sbom.cdx.json)"
