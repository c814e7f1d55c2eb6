#![recursion_limit = "256"]
//! The portal's server. Start-up order: configuration → database pool → migrations → router →
//! serve until SIGTERM or Ctrl-C, then finish the requests in flight and close the pool.

pub mod accounts;
pub mod assess_batch;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod http;
pub mod messages;
pub mod parameters;
pub mod recheck;
pub mod retention;
pub mod storage;
pub mod submission;
pub mod telemetry;
