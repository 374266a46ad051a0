#!/usr/bin/env bash
# Rewrites every baseline (syntax dumps, inline diagnostics, formatted text, generated documents and C#) from the
# current compiler. Review the git diff afterwards: a baseline change nobody can explain is a bug.
set -euo pipefail
cd "$(dirname "$0")/.."
POLICYLANG_REBASELINE=1 dotnet test tests/PolicyLang.Core.Tests -nologo -v q "$@" || true
# The generated C# of every sample (tests/samples/<case>/main.g.cs).
POLICYLANG_REBASELINE=1 dotnet test tests/PolicyLang.Compiler.Tests -nologo -v q --filter "FullyQualifiedName~GeneratedCodeTests" "$@" || true
# The source generator's outputs (not the slow dotnet build tests of the same project).
POLICYLANG_REBASELINE=1 dotnet test tests/PolicyLang.Build.Tests -nologo -v q --filter "FullyQualifiedName~.Generator." "$@" || true
git status --short -- tests docs
