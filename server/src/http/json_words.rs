//! A JSON body that could not be read, in plain words, for the API's refusals: where, and what
//! was expected, without the names of Rust types that serde puts in its messages.

use app::i18n::{Words, failures};

/// A JSON body that could not be read, in plain words: where, and what was expected, without
/// the names of Rust types (`i64`, `u32`…) that serde puts in its messages.
pub(super) fn json_error(e: &serde_json::Error) -> Words {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Data => {
            let what = plain_types(&e.to_string());
            // serde's message ends with its own " at line L column C"; ours says it once.
            let what = what.split(" at line ").next().unwrap_or("");
            failures::json_value_refused(line, column, what)
        }
        _ => failures::json_broken(line, column),
    }
}

fn plain_types(message: &str) -> String {
    const WHOLE: [&str; 12] = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    message
        .split(' ')
        .map(|word| {
            let bare = word.trim_end_matches([',', '.']);
            let tail = &word[bare.len()..];
            if WHOLE.contains(&bare) {
                format!("a whole number{tail}")
            } else if bare == "f32" || bare == "f64" {
                format!("a number{tail}")
            } else if bare == "bool" {
                format!("true or false{tail}")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_type_error_names_no_rust_type() {
        let e = serde_json::from_str::<i64>("\"abc\"").unwrap_err();
        let Words { zh, en } = json_error(&e);
        assert!(!en.contains("i64") && !zh.contains("i64"), "{en}");
        assert!(en.contains("a whole number"), "{en}");
        assert!(en.contains("line 1, column 5"), "{en}");
    }

    #[test]
    fn broken_json_is_named_as_such_with_its_place() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": ").unwrap_err();
        let Words { zh, en } = json_error(&e);
        assert!(en.starts_with("The body is not valid JSON"), "{en}");
        assert!(zh.contains("第 1 行"), "{zh}");
    }
}
