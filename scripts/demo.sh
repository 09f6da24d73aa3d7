#!/usr/bin/env bash
# One command for the demo: install servers if needed, build, and walk through the main job on a
# throw-away local sandbox (no Kubernetes needed). Extra arguments go to `kubectl-redis demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo run --quiet -- demo "$@"
