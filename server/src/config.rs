//! Loading what the configuration names: the parameter set.

use app::rules::{ParameterError, Parameters};
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
