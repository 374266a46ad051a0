#!/usr/bin/env bash
# Runs the whole test suite: every test project of PolicyLang.sln.
# Starts the services the tests need (see scripts/services.sh) and prints the
# closing line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$PWD/.build/test-results"
rm -rf "$results"; mkdir -p "$results"

if [ -f scripts/services.sh ]; then
  # shellcheck source=/dev/null
  source scripts/services.sh
  services_start
  trap services_stop EXIT
fi

status=0
dotnet build PolicyLang.sln -c Debug -nologo -v q || exit 1
# The build integration tests consume the packed packages (.build/packages); pack once, before the tests start.
bash scripts/pack.sh >/dev/null || exit 1
dotnet test PolicyLang.sln -c Debug --no-build -nologo \
  --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test was executed" >&2; status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
