#!/usr/bin/env bash
# One command for the tests: install servers if needed, then run every unit and integration test
# against real redis-server 7.0 and valkey-server 9 processes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo test "$@"
