//! A stand-in for Alibaba Cloud's SMS API, on a local port: it checks what the provider checks
//! of a `SendSms` request (the action, version, signature method, a fresh nonce, and the
//! signature itself, recomputed here from the provider's documented rules, independently of
//! the portal's own signer) and answers as the provider does, or as a test scripts it:
//! throttling (`isv.BUSINESS_LIMIT_CONTROL`), a 500, a connection closed without an answer.
//! It answers `QuerySendDetails` with the receipt of a text it took, by its number, BizId and
//! day: delivered, or failed for a number a test made undeliverable.
//! Plain HTTP/1.1 over a TCP socket, so that it can also cut a connection off.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const ACCESS_KEY_ID: &str = "LTAI-stand-in";
pub const SECRET: &str = "stand-in-secret";
pub const SIGN_NAME: &str = "江津民政";

/// What the stand-in does with the next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    Accept,
    Throttle,
    ServerError,
    CloseConnection,
}

/// A text the stand-in took.
#[derive(Clone, Debug)]
pub struct Received {
    pub out_id: String,
    pub phone: String,
    pub template_code: String,
    pub params: serde_json::Value,
    pub biz_id: String,
    /// The day it was taken, as the provider files it (China's time, `yyyyMMdd`).
    pub send_date: String,
}

#[derive(Default)]
struct State {
    script: VecDeque<Behaviour>,
    received: Vec<Received>,
    requests: usize,
    refused: Vec<String>,
    nonces: HashSet<String>,
    /// Receipts asked for: (BizId, SendStatus answered).
    receipts: Vec<(String, u8)>,
    undeliverable: HashSet<String>,
    /// Numbers whose texts never get a receipt (SendStatus 1 for ever: a phone switched off).
    unanswered: HashSet<String>,
}

#[derive(Clone)]
pub struct StandIn {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl StandIn {
    pub async fn start() -> StandIn {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        StandIn { url, state }
    }

    /// The next requests are answered so, in order; then every one is accepted.
    pub fn script(&self, behaviours: &[Behaviour]) {
        self.state.lock().unwrap().script.extend(behaviours);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// Texts to `phone` are taken, and their receipt says the carrier could not deliver them.
    pub fn undeliverable(&self, phone: &str) {
        self.state.lock().unwrap().undeliverable.insert(phone.to_string());
    }

    /// Texts to `phone` are taken, and their receipt never comes (a phone switched off).
    pub fn no_receipts_from(&self, phone: &str) {
        self.state.lock().unwrap().unanswered.insert(phone.to_string());
    }

    /// The receipts asked for so far: each text's BizId and the `SendStatus` answered.
    pub fn receipts(&self) -> Vec<(String, u8)> {
        self.state.lock().unwrap().receipts.clone()
    }

    pub fn requests(&self) -> usize {
        self.state.lock().unwrap().requests
    }

    /// Requests refused for what the provider checks (a bad signature, a nonce seen before).
    pub fn refused(&self) -> Vec<String> {
        self.state.lock().unwrap().refused.clone()
    }

    /// Waits (up to `seconds`) until `done` holds of the texts received; panics naming `what`.
    pub async fn until(&self, seconds: u64, what: &str, done: impl Fn(&[Received]) -> bool) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            if done(&self.received()) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{what}: after {seconds} s the stand-in has {:?} (refused: {:?})",
                self.received(),
                self.refused()
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// The portal's settings to send through this stand-in, the secret in a file in `dir`.
    pub fn settings(&self, dir: &std::path::Path) -> server::messages::SmsSettings {
        let secret_file = dir.join("sms-secret");
        std::fs::write(&secret_file, format!("{SECRET}\n")).unwrap();
        server::messages::SmsSettings {
            provider: "aliyun".into(),
            endpoint: self.url.clone(),
            access_key_id: ACCESS_KEY_ID.into(),
            access_key_secret_file: Some(secret_file),
            sign_name: SIGN_NAME.into(),
        }
    }
}

/// RFC 3986, as the provider's signature documentation spells it out.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// What the provider checks of a request; the error code it would answer, if any.
fn check(form: &BTreeMap<String, String>, nonces: &mut HashSet<String>) -> Result<(), &'static str> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    if !matches!(get("Action"), "SendSms" | "QuerySendDetails") || get("Version") != "2017-05-25" {
        return Err("InvalidAction.NotFound");
    }
    if get("AccessKeyId") != ACCESS_KEY_ID {
        return Err("InvalidAccessKeyId.NotFound");
    }
    if get("SignatureMethod") != "HMAC-SHA1" || get("SignatureVersion") != "1.0" {
        return Err("InvalidSignatureMethod");
    }
    if get("Action") == "SendSms" && get("SignName") != SIGN_NAME {
        return Err("isv.SMS_SIGNATURE_ILLEGAL");
    }
    if get("Action") == "QuerySendDetails" {
        // Required: one number, the day (yyyyMMdd), a page of 1 to 50 and its number.
        let day_ok = get("SendDate").len() == 8 && get("SendDate").bytes().all(|b| b.is_ascii_digit());
        let page_ok = get("PageSize").parse::<u8>().is_ok_and(|n| (1..=50).contains(&n));
        if get("PhoneNumber").is_empty() || !day_ok || !page_ok || get("CurrentPage").parse::<u32>().is_err()
        {
            return Err("isv.INVALID_PARAMETERS");
        }
    }
    if chrono::NaiveDateTime::parse_from_str(get("Timestamp"), "%Y-%m-%dT%H:%M:%SZ").is_err() {
        return Err("InvalidTimeStamp.Format");
    }
    if get("SignatureNonce").is_empty() || !nonces.insert(get("SignatureNonce").to_string()) {
        return Err("SignatureNonceUsed");
    }
    if get("Action") == "SendSms" {
        serde_json::from_str::<serde_json::Value>(get("TemplateParam"))
            .map_err(|_| "isv.INVALID_JSON_PARAM")?;
    }
    let canonical = form
        .iter()
        .filter(|(k, _)| k.as_str() != "Signature")
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let to_sign = format!("POST&%2F&{}", encode(&canonical));
    use base64::Engine as _;
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(format!("{SECRET}&").as_bytes()).unwrap();
    mac.update(to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    if get("Signature") != expected {
        return Err("SignatureDoesNotMatch");
    }
    Ok(())
}

async fn serve(mut socket: tokio::net::TcpStream, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    // The headers, then as many bytes of body as they announce.
    let (head_end, length) = loop {
        let Ok(n) = socket.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            break (end + 4, length);
        }
    };
    while buffer.len() < head_end + length {
        let Ok(n) = socket.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).to_string();
    let form: BTreeMap<String, String> = body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let (status, answer) = {
        let mut s = state.lock().unwrap();
        s.requests += 1;
        let behaviour = s.script.pop_front().unwrap_or(Behaviour::Accept);
        let checked = check(&form, &mut s.nonces);
        match (behaviour, checked) {
            (Behaviour::CloseConnection, _) => {
                drop(s);
                return; // dropped without a word
            }
            (_, Err(code)) => {
                s.refused.push(code.to_string());
                (
                    400,
                    serde_json::json!({ "Code": code, "Message": "refused by the stand-in" }),
                )
            }
            (Behaviour::ServerError, Ok(())) => (500, serde_json::json!({ "Code": "InternalError" })),
            (Behaviour::Throttle, Ok(())) => (
                200,
                serde_json::json!({ "Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控Permits:1" }),
            ),
            (Behaviour::Accept, Ok(())) if form.get("Action").is_some_and(|a| a == "QuerySendDetails") => {
                receipt(&mut s, &form)
            }
            (Behaviour::Accept, Ok(())) => {
                let biz_id = format!("{}^0", 900_000 + s.received.len());
                let china = chrono::Utc::now() + chrono::Duration::hours(8);
                s.received.push(Received {
                    biz_id: biz_id.clone(),
                    send_date: china.format("%Y%m%d").to_string(),
                    out_id: form.get("OutId").cloned().unwrap_or_default(),
                    phone: form.get("PhoneNumbers").cloned().unwrap_or_default(),
                    template_code: form.get("TemplateCode").cloned().unwrap_or_default(),
                    params: serde_json::from_str(
                        form.get("TemplateParam").map(String::as_str).unwrap_or("null"),
                    )
                    .unwrap_or_default(),
                });
                (
                    200,
                    serde_json::json!({ "Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": "stand-in" }),
                )
            }
        }
    };
    let body = answer.to_string();
    let reason = if status == 200 { "OK" } else { "Error" };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = socket.write_all(response.as_bytes()).await;
}

/// The answer to `QuerySendDetails`: the text with that BizId to that number on that day, with
/// its SendStatus (3 delivered, 2 failed), or an empty list when there is none.
fn receipt(s: &mut State, form: &BTreeMap<String, String>) -> (u16, serde_json::Value) {
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let found = s
        .received
        .iter()
        .find(|r| r.biz_id == get("BizId") && r.phone == get("PhoneNumber") && r.send_date == get("SendDate"))
        .cloned();
    let details = match found {
        Some(text) => {
            let failed = s.undeliverable.contains(&text.phone);
            let send_status = if failed {
                2
            } else if s.unanswered.contains(&text.phone) {
                1
            } else {
                3
            };
            s.receipts.push((text.biz_id.clone(), send_status));
            vec![serde_json::json!({
                "SendStatus": send_status,
                "ErrCode": match send_status { 2 => "MK:0001", 3 => "DELIVERED", _ => "" },
                "PhoneNum": text.phone,
                "OutId": text.out_id,
                "TemplateCode": text.template_code,
            })]
        }
        None => Vec::new(),
    };
    (
        200,
        serde_json::json!({ "Code": "OK", "Message": "OK", "RequestId": "stand-in",
            "TotalCount": details.len(), "SmsSendDetailDTOs": { "SmsSendDetailDTO": details } }),
    )
}
