//! kubectl-redis: the whole lifecycle of a Redis Cluster (and Valkey) — create, add-node, del-node,
//! reshard, rebalance, check, fix, status — planned before it is applied, and safe to re-run after
//! an interruption.
//!
//! Layout (each layer knows only the one below it):
//! - `cli`: clap definitions; `context`: flags resolved once into what commands need.
//! - `commands/<verb>.rs`: one file per subcommand, all the same shape (`moving` holds the flow the
//!   slot-moving commands share); `output` and `progress`: rendering.
//! - `planner`: pure functions from topology + platform facts + request to a `Plan` — `create`,
//!   `membership`, `moves`, `repair`, `placement`; `guard` (what must hold before slots move) and
//!   `health` (check's findings).
//! - `executor`: applies a plan step by step; `executor::mover` moves slots (legacy or atomic).
//! - `platform`: where nodes come from (sandbox processes, static addresses) and where they run.
//! - `redis`: addresses, connections with timeouts, CLUSTER NODES and INFO parsing, the topology
//!   model, keys per slot.
//! - `journal` and `state`: the tool's own files (move journals, sandboxes); `units`: durations, sizes;
//!   `stop`: what stops a run after the work in flight (Ctrl-C, a lost Lease).

pub mod cli;
pub mod commands;
pub mod context;
pub mod error;
pub mod executor;
pub mod journal;
pub mod output;
pub mod planner;
pub mod platform;
pub mod progress;
pub mod redis;
pub mod state;
pub mod stop;
pub mod units;
