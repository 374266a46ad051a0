#!/usr/bin/env bash
# Packs every shipped package into .build/packages/: PolicyLang.Build (MSBuild task), PolicyLang.Generator (source
# generator), the runtime packages (PolicyLang.Contracts, PolicyLang.Runtime and each PolicyLang.Runtime.* store package) and the policyc
# tool (PolicyLang.Cli). Usage: scripts/pack.sh [version]. The default version is unique per run
# (0.1.0-dev.<UTC timestamp>) so a consumer's NuGet cache can never serve a stale build; the version used is
# written to .build/packages/version.txt for the build tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version="${1:-0.1.0-dev.$(date -u +%Y%m%d%H%M%S)}"
out="$PWD/.build/packages"
rm -rf "$out"; mkdir -p "$out"

# PolicyLang.Contracts first: the Runtime and the generator's package depend on it.
projects=(src/PolicyLang.Contracts/PolicyLang.Contracts.csproj src/PolicyLang.Runtime/PolicyLang.Runtime.csproj)
for store in src/PolicyLang.Runtime.*/PolicyLang.Runtime.*.csproj; do projects+=("$store"); done
projects+=(src/PolicyLang.Build/PolicyLang.Build.csproj)
[ -f src/PolicyLang.Generator/PolicyLang.Generator.csproj ] && projects+=(src/PolicyLang.Generator/PolicyLang.Generator.csproj)
projects+=(src/PolicyLang.Cli/PolicyLang.Cli.csproj)

for project in "${projects[@]}"; do
  echo "== pack $project ($version)"
  dotnet pack "$project" -c Release -nologo -v q -p:Version="$version" -o "$out"
done
echo "$version" > "$out/version.txt"
ls -1 "$out"
