//! The shared rule vectors (`tests/vectors.jsonl`): households and the answers the rules gave
//! for them, checked natively and in WASM so that the browser provably agrees with the server.
// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use app::rules::{self, HouseholdInput, Parameters};
use serde_json::{Value, json};

pub const VECTORS: &str = include_str!("../vectors.jsonl");

/// The date used for vectors without an application date.
pub const TODAY: &str = "2019-08-01";

/// The rules' answer for one household: the assessment, or `{"errors": [...]}`.
pub fn answer(household: &Value) -> Value {
    let input: HouseholdInput =
        serde_json::from_value(household.clone()).expect("vector households are JSON households");
    match rules::assess_input(&input, &Parameters::defaults(), TODAY.parse().unwrap()) {
        Ok(assessment) => serde_json::to_value(assessment).unwrap(),
        Err(errors) => json!({ "errors": errors }),
    }
}

/// Each vector as (line number, household, expected answer).
pub fn vectors() -> Vec<(usize, Value, Value)> {
    VECTORS
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let v: Value = serde_json::from_str(line).expect("a JSON line");
            (i + 1, v["household"].clone(), v["expected"].clone())
        })
        .collect()
}
