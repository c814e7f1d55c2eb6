//! `server assess`: one household per line in, one assessment per line out, in order
//! (assess-api.md). A line that is not a household yields `{"errors": [...]}` and the run goes on.

use crate::config;
use app::rules::{self, FieldError, HouseholdInput, Parameters};
use chrono::NaiveDate;
use std::io::{BufRead, BufWriter, Write};

/// The set to assess with: the file given, else the one in force in the database given, else
/// the embedded defaults; `today` for households without a date (default: today in Chongqing).
pub async fn run(
    parameters: Option<&std::path::Path>,
    database_url: Option<&str>,
    today: Option<NaiveDate>,
) -> Result<(), String> {
    let parameters = match (parameters, database_url) {
        (None, Some(url)) => crate::config::stored_set(url)
            .await?
            .unwrap_or_else(Parameters::defaults),
        (file, _) => config::load_parameters(file)?,
    };
    let today = today.unwrap_or_else(|| crate::clock::Clock::system().today());
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line.map_err(|e| format!("reading standard input: {e}"))?;
        let answer = assess_line(&line, &parameters, today);
        writeln!(out, "{answer}").map_err(|e| format!("writing standard output: {e}"))?;
    }
    out.flush().map_err(|e| format!("writing standard output: {e}"))
}

/// The output line for one input line.
pub fn assess_line(line: &str, parameters: &Parameters, today: NaiveDate) -> serde_json::Value {
    let errors = match serde_json::from_str::<HouseholdInput>(line) {
        Ok(input) => match rules::assess_input(&input, parameters, today) {
            Ok(assessment) => return serde_json::to_value(assessment).unwrap_or_default(),
            Err(errors) => errors,
        },
        Err(e) => {
            let words = app::i18n::checks::not_a_household_line(e);
            vec![FieldError {
                field: String::new(),
                message: words.zh,
                message_en: words.en,
            }]
        }
    };
    serde_json::json!({ "errors": errors })
}
