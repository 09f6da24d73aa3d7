#!/usr/bin/env bash
# Micro-benchmark of the pure layers at size: the topology built from 1,000 nodes' CLUSTER NODES
# replies (1,000 lines each), and rebalance and scale plans for 1,000 masters (benches/planner.rs).
# Prints the median and slowest of 7 runs each. Not a test: the machine is noisy.
#
# Usage: bench/planner.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --quiet --bench planner
