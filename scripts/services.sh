# Sourced by scripts/test.sh. Each scripts/services/<name>.sh defines start_<name> and stop_<name>;
# a start function installs what is missing, starts its server on loopback under .build/services/,
# and exports the variables the tests read (e.g. POLICYLANG_TEST_PG_URL).
services_started=()

services_start() {
  local file name
  for file in scripts/services/*.sh; do
    [ -f "$file" ] || continue
    # shellcheck source=/dev/null
    source "$file"
    name=$(basename "$file" .sh)
    echo "== starting service: $name"
    "start_$name"
    services_started+=("$name")
  done
}

services_stop() {
  local name
  for name in "${services_started[@]}"; do
    "stop_$name" || true
  done
}
