//! Reading a form post into a typed struct with serde: the post's pairs become the JSON the
//! API would send (`members[1].age` → `{"members": [{}, {"age": …}]}`), and the struct is
//! decoded from that, so a form and the API share one type and one decoder.

use serde::de::{self, DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// The JSON a form post stands for. Every value is text, cut at `max_chars` characters; a
/// field named twice keeps its last value.
pub fn form_value(pairs: &[(String, String)], max_chars: usize) -> Value {
    let mut root = Map::new();
    for (key, value) in pairs {
        let value = Value::String(value.chars().take(max_chars).collect());
        let Some(path) = parse_key(key) else {
            continue;
        };
        insert(&mut root, &path, value);
    }
    Value::Object(root)
}

/// One step of a field path: a name, or a name and an index.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    Name(&'a str),
    Item(&'a str, usize),
}

/// `members[1].age` → [Item(members, 1), Name(age)]; anything else malformed is skipped.
fn parse_key(key: &str) -> Option<Vec<Segment<'_>>> {
    key.split('.')
        .map(|part| match part.split_once('[') {
            None if !part.is_empty() => Some(Segment::Name(part)),
            None => None,
            Some((name, rest)) => {
                let index = rest.strip_suffix(']')?.parse::<usize>().ok()?;
                // A form has at most a few dozen rows; a larger index is not ours.
                (index < 100 && !name.is_empty()).then_some(Segment::Item(name, index))
            }
        })
        .collect()
}

fn insert(map: &mut Map<String, Value>, path: &[Segment<'_>], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    match first {
        Segment::Name(name) if rest.is_empty() => {
            map.insert(name.to_string(), value);
        }
        Segment::Name(name) => {
            let child = map
                .entry(name.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                insert(child, rest, value);
            }
        }
        Segment::Item(name, index) => {
            let list = map
                .entry(name.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = list {
                while items.len() <= *index {
                    items.push(Value::Object(Map::new()));
                }
                match (&mut items[*index], rest.is_empty()) {
                    (slot, true) => *slot = value,
                    (Value::Object(item), false) => insert(item, rest, value),
                    _ => {}
                }
            }
        }
    }
}

/// Decodes a struct from a form post (see `form_value`).
pub fn decode<T: DeserializeOwned>(pairs: &[(String, String)], max_chars: usize) -> Result<T, String> {
    serde_json::from_value(form_value(pairs, max_chars)).map_err(|e| e.to_string())
}

/// A tick box: a form sends `on` (or any text) when ticked and nothing when not; the API
/// sends `true` or `false`.
pub fn checkbox<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Tick {
        Flag(bool),
        Text(String),
    }
    Ok(match Tick::deserialize(deserializer)? {
        Tick::Flag(flag) => flag,
        Tick::Text(text) => !matches!(text.trim(), "" | "false" | "0" | "off"),
    })
}

/// The names of a struct's fields in the order they are declared, as serde reads them: what
/// decides which step of the journey asks a field, with no list kept by hand.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Names(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Done;
    impl std::fmt::Display for Done {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("field names read")
        }
    }
    impl std::error::Error for Done {}
    impl de::Error for Done {
        fn custom<M: std::fmt::Display>(_: M) -> Done {
            Done
        }
    }
    impl<'de> Deserializer<'de> for &mut Names {
        type Error = Done;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Done> {
            Err(Done)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Done> {
            self.0 = Some(fields);
            Err(Done)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut names = Names(None);
    let _ = T::deserialize(&mut names);
    names.0.unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_posted_form_becomes_the_json_the_api_would_send() {
        let value = form_value(
            &pairs(&[
                ("applicant_name", "张三"),
                ("applicant.disabled", "on"),
                ("members[1].age", "12"),
                ("members[x].age", "ignored"),
            ]),
            10,
        );
        assert_eq!(
            value,
            serde_json::json!({
                "applicant_name": "张三",
                "applicant": {"disabled": "on"},
                "members": [{}, {"age": "12"}],
            })
        );
    }

    #[test]
    fn a_value_is_cut_at_the_limit_and_an_absurd_index_is_not_ours() {
        let value = form_value(&pairs(&[("a", "一二三四"), ("m[100000].x", "1")]), 2);
        assert_eq!(value, serde_json::json!({"a": "一二"}));
    }

    #[test]
    fn the_fields_of_a_struct_are_read_in_their_declared_order() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Two {
            zeta: String,
            alpha: bool,
        }
        assert_eq!(field_names::<Two>(), ["zeta", "alpha"]);
    }
}
