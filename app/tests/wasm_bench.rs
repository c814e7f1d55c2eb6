//! Assessments per second inside WASM (Node), run by .ci/bench:
//! `cargo test --release -p app --target wasm32-unknown-unknown --test wasm_bench -- --include-ignored`
#![cfg(target_arch = "wasm32")]

mod vectors;

use app::rules::{Household, HouseholdInput, Parameters, assess};
use std::hint::black_box;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[wasm_bindgen_test]
#[ignore = "a benchmark, run by .ci/bench"]
fn assessments_per_second_in_wasm() {
    let parameters = Parameters::defaults();
    let households: Vec<Household> = vectors::vectors()
        .into_iter()
        .filter_map(|(_, h, _)| {
            let input: HouseholdInput = serde_json::from_value(h).ok()?;
            input.validate(&parameters, vectors::TODAY.parse().ok()?).ok()
        })
        .collect();
    let rounds = 300_000;
    for h in households.iter().cycle().take(20_000) {
        black_box(assess(black_box(h), &parameters));
    }
    let start = js_sys::Date::now();
    for h in households.iter().cycle().take(rounds) {
        black_box(assess(black_box(h), &parameters));
    }
    let seconds = (js_sys::Date::now() - start) / 1000.0;
    console_log!(
        "wasm assess: {rounds} assessments in {seconds:.3} s = {:.0} per second on one core",
        rounds as f64 / seconds
    );
}
