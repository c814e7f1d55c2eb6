//! Loading what the configuration names: the parameter set, from the official's file or the
//! database.

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

/// The set in force in the database at `url`, or None when it holds none yet (for the
/// commands that assess or purge as the portal would).
pub async fn stored_set(url: &str) -> Result<Option<Parameters>, String> {
    let database = crate::db::connect(url, None).await?;
    let stored = database
        .store
        .latest_parameter_set()
        .await
        .map_err(|e| format!("cannot read the parameter sets: {e}"));
    database.store.close().await;
    match stored? {
        None => Ok(None),
        Some(stored) => Parameters::from_json(&stored.document)
            .map(Some)
            .map_err(|e| format!("the stored parameter set {} is unreadable: {e}", stored.revision)),
    }
}
