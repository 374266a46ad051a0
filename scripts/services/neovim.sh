# Sourced by scripts/services.sh (see there). The language server's editor suites drive the real `policyc lsp`:
# headless Neovim (Debian `neovim`, 0.7.2) and a Node client (npm vscode-jsonrpc + vscode-languageserver-protocol,
# pinned in tests/PolicyLang.LanguageServer.Tests/Node/package.json, installed under .build/lsp-node). Nothing runs
# between tests: each test starts its own server and client.

start_neovim() {
  if ! command -v nvim >/dev/null 2>&1; then
    echo "installing neovim for the language server's editor tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
  fi
  local node=.build/lsp-node
  if [ ! -d "$node/node_modules/vscode-languageserver-protocol" ]; then
    echo "installing the Node LSP client for the language server's semantic token test"
    mkdir -p "$node"
    cp tests/PolicyLang.LanguageServer.Tests/Node/package.json "$node/package.json"
    npm install --prefix "$node" --no-audit --no-fund --silent >/dev/null
  fi
}

stop_neovim() {
  :
}
