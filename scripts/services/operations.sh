# Sourced by scripts/services.sh (see there). Not a server: installs the real consumers the run-output tests
# (tests/PolicyLang.Cli.Tests/RunOutputTests.cs) feed: Debian prometheus-node-exporter (textfile collector),
# prometheus-pushgateway and libxml2-utils (xmllint), and npm junit2json, pinned by
# tests/PolicyLang.Cli.Tests/Operations/package-lock.json, under .build/operations-node. Each test starts its own
# node_exporter and Pushgateway on a free loopback port and stops them.

start_operations() {
  local missing=() tool
  for tool in prometheus-node-exporter:prometheus-node-exporter prometheus-pushgateway:prometheus-pushgateway xmllint:libxml2-utils; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} for the run-output tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "operations: apt-get install ${missing[*]} failed" >&2; return 1; }
  fi
  local src=tests/PolicyLang.Cli.Tests/Operations node=.build/operations-node
  if [ ! -f "$node/node_modules/junit2json/package.json" ] || ! cmp -s "$src/package-lock.json" "$node/package-lock.json"; then
    echo "installing junit2json for the run-output tests"
    mkdir -p "$node"
    cp "$src/package.json" "$src/package-lock.json" "$node/"
    npm ci --prefix "$node" --no-audit --no-fund --loglevel=error >/dev/null || { echo "operations: npm ci failed" >&2; return 1; }
  fi
}

stop_operations() {
  # Nothing to stop: the tests stop the instances they start.
  :
}
