# Local S3-compatible server (@20minutes/s3rver 4.0.4) for the S3 store's tests.
# Sourced by scripts/services.sh; defines start_s3 and stop_s3.
# start_s3 installs the server from the committed package-lock into .build/services/s3/ (once),
# starts it on 127.0.0.1:4569 with a fresh data dir and exports POLICYLANG_TEST_S3_URL.

S3_PORT="${POLICYLANG_S3_PORT:-4569}"
S3_HOME="$PWD/.build/services/s3"

# Path of the installed server package, for tests that start a private instance.
s3_server_dir() { echo "$S3_HOME"; }

start_s3() {
  local src="$PWD/scripts/services/s3-server"
  if [ ! -f "$S3_HOME/node_modules/@20minutes/s3rver/package.json" ] \
     || ! cmp -s "$src/package-lock.json" "$S3_HOME/package-lock.json"; then
    mkdir -p "$S3_HOME"
    cp "$src/package.json" "$src/package-lock.json" "$S3_HOME/"
    # --unsafe-perm: npm drops privileges for lifecycle scripts when run as root.
    (cd "$S3_HOME" && npm ci --no-audit --no-fund --unsafe-perm --loglevel=error) || { echo "s3: npm ci failed" >&2; return 1; }
  fi
  cp "$src/server.js" "$S3_HOME/server.js"

  # A stale server from an earlier run (its pid file) is stopped. A port held by anything else (another worktree's
  # server on this shared machine) is never killed: the next free port is used and exported instead.
  stop_s3
  local port="$S3_PORT"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
    if [ "$port" -gt $((S3_PORT + 50)) ]; then echo "s3: no free port in $S3_PORT..$port" >&2; return 1; fi
  done
  [ "$port" = "$S3_PORT" ] || echo "s3: port $S3_PORT is taken by another process; using $port"

  rm -rf "$S3_HOME/data"; mkdir -p "$S3_HOME/data"
  # --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) only has in
  # its legacy provider; without it every listing past 1,000 keys fails with 500 InternalError.
  node --openssl-legacy-provider "$S3_HOME/server.js" "$port" "$S3_HOME/data" >"$S3_HOME/server.log" 2>&1 &
  echo $! >"$S3_HOME/server.pid"
  local i
  for i in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      export POLICYLANG_TEST_S3_URL="http://127.0.0.1:$port"
      export POLICYLANG_TEST_S3_SERVER="$S3_HOME"
      echo "s3: listening on $POLICYLANG_TEST_S3_URL"
      return 0
    fi
    if ! kill -0 "$(cat "$S3_HOME/server.pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "s3: server did not start; log:" >&2; cat "$S3_HOME/server.log" >&2
  return 1
}

stop_s3() {
  local pidfile="$S3_HOME/server.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  # Only our own server: the pid must still be a node process running our server.js.
  if [ -n "$pid" ] && grep -q "server.js" "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
