# Sourced by scripts/services.sh (see there). Not a server: installs the npm tools of the editor tests
# (tests/PolicyLang.Editor.Tests): vscode-tmgrammar-test, vscode-textmate, @vscode/vsce and the extension's
# vscode-languageclient, pinned by editors/vscode/package-lock.json, into editors/vscode/node_modules (gitignored).

start_node-editor-tools() {
  local extension=editors/vscode
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "installing nodejs and npm for the editor tests"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -f "$extension/node_modules/.package-lock.json" ] || [ "$extension/package-lock.json" -nt "$extension/node_modules/.package-lock.json" ]; then
    echo "installing the editor test tools (npm ci in $extension)"
    npm ci --prefix "$extension" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

stop_node-editor-tools() {
  # Nothing to stop.
  :
}
