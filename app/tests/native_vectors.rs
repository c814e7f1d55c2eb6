//! The rule vectors, natively. `UPDATE_VECTORS=1 cargo test -p app --test native_vectors`
//! rewrites the expected answers after a deliberate rule change (then review the diff: the
//! sentence tests in src/rules/tests.rs say what the answers must be).
#![cfg(not(target_arch = "wasm32"))]

mod vectors;

#[test]
fn the_native_rules_give_every_vectors_expected_answer() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        let lines: Vec<String> = vectors::vectors()
            .into_iter()
            .map(|(_, household, _)| {
                let expected = vectors::answer(&household);
                serde_json::json!({ "household": household, "expected": expected }).to_string()
            })
            .collect();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors.jsonl");
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
        return;
    }
    let all = vectors::vectors();
    assert!(all.len() >= 20, "the vectors file lost its households");
    for (line, household, expected) in all {
        assert!(
            !expected.is_null(),
            "line {line} has no expected answer: run with UPDATE_VECTORS=1"
        );
        assert_eq!(vectors::answer(&household), expected, "vector on line {line}");
    }
}
