//! Loading what the configuration names: the parameter set, today's date.

use app::rules::{ParameterError, Parameters};
use chrono::{NaiveDate, Utc};
use std::path::Path;

/// The embedded defaults, or the official's file; a bad file stops the start with its reason.
pub fn load_parameters(path: Option<&Path>) -> Result<Parameters, String> {
    match path {
        None => Ok(Parameters::defaults()),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Parameters::from_json(&text).map_err(|e: ParameterError| format!("{}: {e}", path.display()))
        }
    }
}

/// Today in Chongqing (UTC+8, no daylight saving), whatever the server's own time zone.
pub fn today_in_chongqing() -> NaiveDate {
    app::domain::clock::date_in_chongqing(Utc::now())
}
