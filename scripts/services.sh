# Starts and stops the services the tests need. Sourced by scripts/test.sh.
# Each scripts/services/<name>.sh defines start_<name> and stop_<name>; a start function installs what
# is missing, starts its server on loopback under .build/services/, and exports the variables the
# tests read (POLICYLANG_TEST_PG_URL, POLICYLANG_TEST_S3_URL, ...).

services_start() {
  local file name
  SERVICES_STARTED=()
  for file in scripts/services/*.sh; do
    [ -f "$file" ] || continue
    # shellcheck source=/dev/null
    source "$file"
    name=$(basename "$file" .sh)
    echo "== starting service: $name"
    "start_$name" || { echo "service $name failed to start" >&2; services_stop; return 1; }
    SERVICES_STARTED+=("$name")
  done
}

services_stop() {
  local name
  for name in "${SERVICES_STARTED[@]:-}"; do
    [ -n "$name" ] && "stop_$name" || true
  done
  SERVICES_STARTED=()
}
