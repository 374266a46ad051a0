#!/usr/bin/env bash
# Starts the servers the tests need. Sourced by scripts/test.sh.
# Each scripts/services/<name>.sh defines start_<name> and stop_<name>; every one found is started,
# and all are stopped on exit (in reverse order), so adding a service never means editing this file.
_services_started=()

services_start() {
  local file name
  for file in "$(dirname "${BASH_SOURCE[0]}")"/services/*.sh; do
    [ -f "$file" ] || continue
    # shellcheck source=/dev/null
    source "$file"
    name=$(basename "$file" .sh)
    "start_$name"
    _services_started+=("$name")
  done
}

services_stop() {
  local i
  for ((i = ${#_services_started[@]} - 1; i >= 0; i--)); do
    "stop_${_services_started[i]}" || true
  done
  _services_started=()
}
