//! The rule vectors inside WASM (wasm-bindgen-test in Node): the same code the check page runs
//! gives byte-for-byte the answers the server gives.
#![cfg(target_arch = "wasm32")]

mod vectors;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn the_wasm_rules_give_every_vectors_expected_answer() {
    let all = vectors::vectors();
    assert!(all.len() >= 20, "the vectors file lost its households");
    for (line, household, expected) in all {
        assert_eq!(vectors::answer(&household), expected, "vector on line {line}");
    }
}

#[wasm_bindgen_test]
fn a_changed_expected_answer_is_caught() {
    // Guards against a comparison that could never fail.
    let (_, household, mut expected) = vectors::vectors().remove(0);
    expected["emergency"]["amount"] = serde_json::json!(1093);
    assert_ne!(vectors::answer(&household), expected);
}
