//! The re-check of running cases (issue 12, item 4): every case not yet decided is assessed
//! again, as of its own date with the values in force today, and those whose outcome, amount,
//! cap or approval tier would differ are marked on the queue and the case page. Every portal
//! process runs it when the set in force changes (an approval, or the day a dated entry takes
//! effect); `server recheck` runs it by hand, and `--dry-run` only prints.

use crate::db::BackendError;
use crate::db::Store;
use crate::db::parameters::OpenCase;
use app::domain::recheck::{Difference, difference};
use app::rules::{Assessment, HouseholdInput, Parameters, assess_with_values_of};
use chrono::NaiveDate;

/// A case the re-check marks.
#[derive(Clone, Debug)]
pub struct Marked {
    pub id: i64,
    pub reference: String,
    pub town: String,
    pub difference: Difference,
}

/// The household of a case as of its own date, assessed with the values in force on `today`.
pub fn reassess(
    household: &HouseholdInput,
    parameters: &Parameters,
    today: NaiveDate,
) -> Result<Assessment, String> {
    let household = household
        .validate(parameters, today)
        .map_err(|errors| format!("{} answers no longer valid", errors.len()))?;
    Ok(assess_with_values_of(&household, parameters, today))
}

/// What today's values would change in one case; None when nothing would, or when its stored
/// household can no longer be read against the set (logged: a case is never marked on a guess).
pub fn recheck_case(case: &OpenCase, parameters: &Parameters, today: NaiveDate) -> Option<Difference> {
    let read = || -> Result<Option<Difference>, String> {
        let household: HouseholdInput = serde_json::from_str(&case.household).map_err(|e| e.to_string())?;
        let stored: serde_json::Value = serde_json::from_str(&case.assessment).map_err(|e| e.to_string())?;
        let fresh = reassess(&household, parameters, today)?;
        Ok(difference(&stored, &fresh, case.aid_type))
    };
    read().unwrap_or_else(|why| {
        tracing::warn!(application = case.id, %why, "a case could not be re-checked");
        None
    })
}

/// The cases that today's values would change.
pub async fn marks(
    store: &Store,
    parameters: &Parameters,
    today: NaiveDate,
) -> Result<Vec<Marked>, BackendError> {
    let cases = store.open_cases().await?;
    Ok(cases
        .iter()
        .filter_map(|case| {
            let difference = recheck_case(case, parameters, today)?;
            Some(Marked {
                id: case.id,
                reference: case.reference.clone(),
                town: case.town.clone(),
                difference,
            })
        })
        .collect())
}

/// Re-checks and replaces the stored marks; the cases marked.
pub async fn run(
    store: &Store,
    parameters: &Parameters,
    today: NaiveDate,
) -> Result<Vec<Marked>, BackendError> {
    let marked = marks(store, parameters, today).await?;
    let rows: Vec<(i64, String)> = marked
        .iter()
        .map(|m| (m.id, serde_json::to_string(&m.difference).unwrap_or_default()))
        .collect();
    store.replace_recheck_marks(&rows, today).await?;
    Ok(marked)
}

/// `server recheck [--dry-run]`: one line per case marked, in Chinese as the queue says it.
pub async fn command(url: &str, today: Option<chrono::NaiveDate>, dry_run: bool) -> Result<(), String> {
    let parameters = crate::config::stored_set(url)
        .await?
        .ok_or("the database holds no parameter set yet: the portal's first start seeds it")?;
    let today = today.unwrap_or_else(|| crate::clock::Clock::system().today());
    let database = crate::db::connect(url, None).await?;
    let store = &database.store;
    let result = if dry_run {
        marks(store, &parameters, today).await
    } else {
        run(store, &parameters, today).await
    };
    database.store.close().await;
    let marked = result.map_err(|e| format!("the database failed: {e}"))?;
    let locale = app::i18n::Locale::Zh;
    for m in &marked {
        println!(
            "{} {}: {}",
            m.reference,
            m.town,
            app::i18n::staff::recheck::mark(locale, &m.difference)
        );
    }
    let verb = if dry_run { "would be marked" } else { "marked" };
    println!(
        "{} cases {verb} under {} {} on {today}",
        marked.len(),
        parameters.name,
        parameters.version
    );
    Ok(())
}
