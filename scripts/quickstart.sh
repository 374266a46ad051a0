#!/usr/bin/env bash
# The main job, from a fresh clone, with no server: seed the quickstart's embedded DuckDB database,
# check the policy, write its compliance documents, and run it (checks, retention into a local
# archive folder, audit). Outputs land in out/quickstart/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=out/quickstart
mkdir -p "$out"

echo "== building policyc"
dotnet build src/PolicyLang.Cli -c Release -nologo -v q
policyc() { dotnet src/PolicyLang.Cli/bin/Release/net10.0/policyc.dll "$@"; }

echo "== seeding examples/quickstart/quickstart.duckdb"
rm -rf examples/quickstart/archive
dotnet run --project examples/quickstart/seed -c Release -- examples/quickstart/quickstart.duckdb

echo "== policyc check examples/quickstart"
policyc check examples/quickstart

echo "== policyc docs examples/quickstart -o $out"
policyc docs examples/quickstart -o "$out"

echo "== policyc test examples/quickstart"
policyc test examples/quickstart

echo "== policyc run examples/quickstart --json $out/report.json"
status=0
policyc run examples/quickstart --json "$out/report.json" || status=$?
case $status in
  0) echo "run passed" ;;
  1) echo "run finished: error-severity rules failed, as the seeded bad rows intend (exit code 1)" ;;
  *) echo "run failed (exit code $status)" >&2; exit "$status" ;;
esac
echo "documents: $out/compliance.md, $out/compliance.json; report: $out/report.json; archive: examples/quickstart/archive/"
