//! Assessments per second on one core, natively: `cargo bench -p app --bench assess`.
//! The households are those of the rule vectors (tests/vectors.jsonl) that are valid.

use app::rules::{Household, HouseholdInput, Parameters, assess};
use std::hint::black_box;
use std::time::Instant;

fn households(parameters: &Parameters) -> Vec<Household> {
    include_str!("../tests/vectors.jsonl")
        .lines()
        .filter_map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            let input: HouseholdInput = serde_json::from_value(v["household"].clone()).ok()?;
            input.validate(parameters, "2019-08-01".parse().ok()?).ok()
        })
        .collect()
}

fn main() {
    let parameters = Parameters::defaults();
    let households = households(&parameters);
    assert!(households.len() > 20);
    let rounds = 1_000_000;
    // Warm up caches and the allocator.
    for h in households.iter().cycle().take(50_000) {
        black_box(assess(black_box(h), &parameters));
    }
    let start = Instant::now();
    for h in households.iter().cycle().take(rounds) {
        black_box(assess(black_box(h), &parameters));
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "native assess: {rounds} assessments in {seconds:.3} s = {:.0} per second on one core ({} households)",
        rounds as f64 / seconds,
        households.len()
    );

    // With the sentences written and the JSON serialised, as the API and `server assess` do.
    let rounds = 100_000;
    let start = Instant::now();
    for h in households.iter().cycle().take(rounds) {
        black_box(serde_json::to_string(&assess(black_box(h), &parameters)).unwrap());
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "native assess + JSON: {rounds} in {seconds:.3} s = {:.0} per second on one core",
        rounds as f64 / seconds
    );
}
