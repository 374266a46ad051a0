# Sourced by scripts/services.sh (see there). The MongoDB wire tests start their own python3-mockupdb mock on a free
# loopback port (tests/PolicyLang.Runtime.MongoDb.Tests/Wire/mock_mongo.py); this only makes sure the Debian package
# (and the npm packages of the semantics tests) are installed. No MongoDB server can be obtained on these machines: the live suite runs only when POLICYLANG_TEST_MONGO_URL
# is set (docs/mongodb.md) and otherwise reports itself skipped.

start_mongomock() {
  if ! /usr/bin/python3 -c 'import mockupdb' >/dev/null 2>&1; then
    echo "installing python3-mockupdb for the MongoDB wire tests"
    apt-get update -qq && apt-get install -y -qq python3-mockupdb >/dev/null
  fi
  # The semantics tests evaluate the pipelines with mingo (npm, pinned by package-lock.json): an independent
  # implementation of the aggregation language, not a server.
  local semantics=tests/PolicyLang.Runtime.MongoDb.Tests/Semantics
  if [ ! -d "$semantics/node_modules/mingo" ]; then
    echo "installing mingo for the MongoDB pipeline semantics tests"
    npm ci --prefix "$semantics" --no-audit --no-fund >/dev/null
  fi
  if [ -z "${POLICYLANG_TEST_MONGO_URL:-}" ]; then
    echo "MongoDB live suite: POLICYLANG_TEST_MONGO_URL is not set, so its tests will be reported SKIPPED (see docs/mongodb.md)"
  fi
}

stop_mongomock() {
  # Nothing to stop: each wire test kills the mock it started.
  :
}
