#!/usr/bin/env bash
# Applies the repository's .editorconfig to every C# file: whitespace (indentation, Allman braces, spacing, blank lines)
# and code style (braces on every block, file-scoped namespaces, var, no `this.` on members, readonly fields).
# Baselines (tests/samples/**, marked generated_code in .editorconfig) and *.g.cs files are never touched.
# Field naming rules are reported by the IDE and `--check`; `_camel` private fields are renamed by
# scripts/rename-private-fields.py (then build).
# Usage: scripts/format.sh          rewrite files in place
#        scripts/format.sh --check  change nothing; exit 2 when a file differs from the style (for CI)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

check=()
case "${1:-}" in
  "") ;;
  --check) check=(--verify-no-changes) ;;
  *) echo "usage: scripts/format.sh [--check]" >&2; exit 64 ;;
esac

exclude=(--exclude "tests/samples/**" "**/*.g.cs" "**/obj/**" "**/bin/**")

# Whitespace needs no build: it reads the files alone.
dotnet format whitespace --folder . "${exclude[@]}" "${check[@]}" -v q
# Style needs the projects loaded (restore first); every rule at warning or above in .editorconfig is applied.
dotnet format style PolicyLang.sln --severity warn "${exclude[@]}" "${check[@]}" -v q
