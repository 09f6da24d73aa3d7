//! Everything that talks to Redis or Valkey servers: addresses, connections, replies and the
//! cluster topology built from them.

pub mod addr;
pub mod commands;
pub mod conn;
pub mod data;
pub mod info;
pub mod nodes;
pub mod relay;
pub mod sentinel;
pub mod slot_jobs;
pub mod slot_keys;
pub mod slots;
pub mod stream;
pub mod tls;
pub mod topology;
pub mod view;
