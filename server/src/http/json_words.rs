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

/// A JSON body whose value at `path` (`members`, `members[0].age`) is not what the endpoint
/// reads: the field named, and what it should be, in both languages (issue 25, item 6). With no
/// path (the body itself), or for broken JSON, as `json_error` says it.
pub(super) fn json_error_at(path: &str, e: &serde_json::Error) -> Words {
    if path.is_empty() || path == "." || e.classify() != serde_json::error::Category::Data {
        return json_error(e);
    }
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or("");
    match expected_of(message) {
        Some((zh, en)) => failures::field_value_refused(path, zh, en),
        // Any other shape: the field named, its form left to the API document (serde's own
        // words name its types, not the resident's).
        None => {
            failures::field_value_refused(path, "接口文档规定的格式", "in the form the API document gives")
        }
    }
}

/// What serde says was expected, in plain words (Chinese, English); `None` for a message of
/// another shape.
fn expected_of(message: &str) -> Option<(&'static str, &'static str)> {
    let expected = message.rsplit_once("expected ").map(|(_, e)| e.trim())?;
    const WHOLE: [&str; 12] = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    Some(match expected {
        "a sequence" => ("一个列表（JSON 数组，[…]）", "a list (a JSON array, […])"),
        "a string" => ("一段文字（JSON 字符串）", "text (a JSON string)"),
        "a boolean" | "bool" => ("true 或 false", "true or false"),
        "f32" | "f64" | "a number" => ("一个数字", "a number"),
        e if WHOLE.contains(&e) => ("一个整数", "a whole number"),
        e if e == "a map" || e.starts_with("struct ") => ("一个对象（{…}）", "an object ({…})"),
        // The money fields' own reader (rules::household, `number_or_typed`).
        e if e.starts_with("a number, or an amount") => (
            "一个数字，或写成文字的金额（如“0.96万”）",
            "a number, or an amount as text such as \"0.96万\"",
        ),
        _ => return None,
    })
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
    fn a_value_of_the_wrong_kind_is_named_by_its_field_in_plain_words() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Body {
            members: Vec<u8>,
        }
        let de = &mut serde_json::Deserializer::from_str(r#"{"members": 1}"#);
        let e = serde_path_to_error::deserialize::<_, Body>(de).unwrap_err();
        let Words { zh, en } = json_error_at(&e.path().to_string(), e.inner());
        assert!(en.contains("members") && en.contains("a list"), "{en}");
        assert!(zh.contains("members") && zh.contains("列表"), "{zh}");
        for rust in ["sequence", "invalid type", "integer `1`"] {
            assert!(!en.contains(rust) && !zh.contains(rust), "{en} / {zh}");
        }
    }

    #[test]
    fn broken_json_is_named_as_such_with_its_place() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": ").unwrap_err();
        let Words { zh, en } = json_error(&e);
        assert!(en.starts_with("The body is not valid JSON"), "{en}");
        assert!(zh.contains("第 1 行"), "{zh}");
    }
}
