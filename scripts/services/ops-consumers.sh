# Sourced by scripts/services.sh (see there). Not a server: installs the real consumers of `policyc schedule` and
# `policyc docs --html` that the CLI tests (tests/PolicyLang.Cli.Tests: ScheduleTests, HtmlReportTests) drive:
# - npm kubernetes-models + yaml (pinned in tests/PolicyLang.Cli.Tests/Node/package.json) under .build/ops-node, to validate CronJobs;
# - systemd-analyze (Debian `systemd`), to verify units and OnCalendar values;
# - headless Chromium (Debian `chromium`), to render the HTML report (screenshot and DOM).

start_ops-consumers() {
  local missing=()
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} for the schedule and HTML report tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  local node=.build/ops-node
  if [ ! -d "$node/node_modules/kubernetes-models" ] || [ tests/PolicyLang.Cli.Tests/Node/package.json -nt "$node/package.json" ]; then
    echo "installing the Kubernetes schema validator (npm kubernetes-models) under $node"
    mkdir -p "$node"
    cp tests/PolicyLang.Cli.Tests/Node/package.json "$node/package.json"
    npm install --prefix "$node" --no-audit --no-fund --silent >/dev/null
  fi
}

stop_ops-consumers() {
  :
}
