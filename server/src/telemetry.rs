//! Structured logs: `text` for a terminal, `json` for a log collector. The level comes from
//! `RUST_LOG` (default `info`). Request logs carry method, path and status, never a body.

use tracing_subscriber::EnvFilter;

pub fn init(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // A log that cannot be written (a full disk, a closed pipe) is dropped silently: its
    // fallback would print to stderr, which panics when stderr fails too, taking the request
    // with it (issue 8, item 15). Serving residents comes before the log line about it.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .log_internal_errors(false);
    if format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.compact().init();
    }
}
