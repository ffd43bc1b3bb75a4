#!/usr/bin/env bash
# Runs the test suite with a local PostgreSQL server (Debian's package) beside the
# embedded database: repository tests then run on both providers.
# Uses TEST_DATABASE_URL as is when set; otherwise starts scripts/pg-local.sh's server.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL=$(bash scripts/pg-local.sh start)
  export TEST_DATABASE_URL
  trap 'bash scripts/pg-local.sh stop' EXIT
fi
npx vitest run "$@"
