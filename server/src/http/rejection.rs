//! A request the server cannot read (a step number that is not a number, a form that is not a
//! form, a body over the limit) is refused by axum's extractors with a developer's sentence
//! ("Cannot parse `abc` to a `i64`"). Residents and other channels get plain words instead, in
//! Chinese and English (issue 8, item 13); the developer's sentence goes to the debug log.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The layer: replaces the text of extractor rejections; every other response passes as it is.
pub async fn layer(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    let rejected = matches!(
        status,
        StatusCode::BAD_REQUEST
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::UNPROCESSABLE_ENTITY
    );
    if !(rejected && plain_text) {
        return response;
    }
    // Rejection texts are a line or two; more than that is not a rejection's, leave it be.
    let (parts, body) = response.into_parts();
    let detail = to_bytes(body, 4096).await.unwrap_or_default();
    tracing::debug!(status = status.as_u16(), detail = %String::from_utf8_lossy(&detail), "request refused");
    let (zh, en) = plain_words(status);
    let mut answer = if api {
        let error = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        let title = status.canonical_reason().unwrap_or("Bad Request");
        let body = super::error::problem_json(status, error, title, &zh, &en);
        let mut r = (status, body.to_string()).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(super::error::PROBLEM),
        );
        r
    } else {
        let mut r = Response::new(Body::from(format!("{zh}\n{en}")));
        *r.status_mut() = status;
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        r
    };
    // Keep what the refusal said about the connection, nothing about the body it replaced.
    for name in [header::CONNECTION, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

fn plain_words(status: StatusCode) -> (String, String) {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            let mb = app::domain::document::MAX_DOCUMENT_BYTES / 1024 / 1024;
            (
                format!("发送的内容太大，没有处理。照片或文件请不要超过 {mb} MB。"),
                format!("What was sent is too large and was not processed. A photo or file must be at most {mb} MB."),
            )
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "发送的内容格式不对，没有处理。请从本网站的页面提交。".into(),
            "What was sent is not in a form we accept. Please send it from the portal's pages.".into(),
        ),
        _ => (
            "地址或表单里有无法识别的内容，没有处理。请返回上一页再试。".into(),
            "The address or the form holds something we could not read, so nothing was done. Go back and try again.".into(),
        ),
    }
}

/// A JSON body that could not be read, in plain words: where, and what was expected, without
/// the names of Rust types (`i64`, `u32`…) that serde puts in its messages.
pub fn json_error(e: &serde_json::Error) -> (String, String) {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Data => {
            let what = plain_types(&e.to_string());
            // serde's message ends with its own " at line L column C"; ours says it once.
            let what = what.split(" at line ").next().unwrap_or("").to_string();
            (
                format!("第 {line} 行第 {column} 列的值不符合要求（{what}）。"),
                format!("The value at line {line}, column {column} is not what was expected ({what})."),
            )
        }
        _ => (
            format!("请求体不是有效的 JSON（第 {line} 行第 {column} 列）。"),
            format!("The body is not valid JSON (line {line}, column {column})."),
        ),
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
        let (zh, en) = json_error(&e);
        assert!(!en.contains("i64") && !zh.contains("i64"), "{en}");
        assert!(en.contains("a whole number"), "{en}");
        assert!(en.contains("line 1, column 5"), "{en}");
    }

    #[test]
    fn broken_json_is_named_as_such_with_its_place() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": ").unwrap_err();
        let (zh, en) = json_error(&e);
        assert!(en.starts_with("The body is not valid JSON"), "{en}");
        assert!(zh.contains("第 1 行"), "{zh}");
    }
}
