//! Alibaba Cloud's SMS API (Dysmsapi, version 2017-05-25): `SendSms`, and `QuerySendDetails`
//! for the delivery receipt of a text it took, each request signed as
//! the provider documents its RPC signature (v1, HMAC-SHA1): the parameters sorted by name,
//! each name and value percent-encoded by RFC 3986, joined into the canonical query; the
//! string to sign is `METHOD&%2F&` and the canonical query encoded once more; the signature is
//! the Base64 of its HMAC-SHA1 under the AccessKey secret followed by `&`. The unit tests sign
//! the provider's published example and get its published signature.

use super::{Outcome, Receipt, Receiving, Sending, Sent, Sms, SmsChannel};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::collections::BTreeMap;
use std::time::Duration;

/// The API version every request names.
const VERSION: &str = "2017-05-25";
/// How long one request may take before it counts as a temporary failure.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// An AccessKey and what the provider approved: where to send, as whom.
pub struct Account {
    pub endpoint: String,
    pub access_key_id: String,
    secret: String,
    pub sign_name: String,
}

impl Account {
    pub fn new(endpoint: String, access_key_id: String, secret: String, sign_name: String) -> Account {
        Account {
            endpoint,
            access_key_id,
            secret,
            sign_name,
        }
    }
}

/// Never the secret in a log.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.access_key_id)
            .field("secret", &"***")
            .field("sign_name", &self.sign_name)
            .finish()
    }
}

/// RFC 3986 percent-encoding as the provider signs it: letters, digits and `-_.~` as they
/// are, every other byte of the UTF-8 as `%XY` (upper-case hex), so a space is `%20`, never `+`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The parameters sorted by name, each `name=value` percent-encoded, joined by `&`.
pub fn canonical_query(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `METHOD&%2F&` and the canonical query, encoded once more.
pub fn string_to_sign(method: &str, canonical_query: &str) -> String {
    format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(canonical_query)
    )
}

/// Base64(HMAC-SHA1(secret + "&", string to sign)).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A fresh nonce for each request: the provider refuses one it has seen.
fn nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The error codes that say this text will never go, whatever we do: the number, the
/// template or its values are wrong. Every other refusal (throttling, the account, the
/// provider's own trouble) is tried again, and its code kept on the message for operators.
const PERMANENT: &[&str] = &[
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.MOBILE_COUNT_OVER_LIMIT",
    "isv.SMS_TEMPLATE_ILLEGAL",
    "isv.TEMPLATE_MISSING_PARAMETERS",
    "isv.TEMPLATE_PARAMS_ILLEGAL",
    "isv.INVALID_JSON_PARAM",
    "isv.INVALID_PARAMETERS",
    "isv.PARAM_LENGTH_LIMIT",
    "isv.PARAM_NOT_SUPPORT_URL",
    "isv.BLACK_KEY_CONTROL_LIMIT",
    "isv.DENY_IP_RANGE",
];

/// What an answer of `SendSms` means for the text.
pub fn outcome_of(status: u16, body: &str) -> Outcome {
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "Code")]
        code: Option<String>,
        #[serde(rename = "Message")]
        message: Option<String>,
        #[serde(rename = "BizId")]
        biz_id: Option<String>,
    }
    let Ok(answer) = serde_json::from_str::<Answer>(body) else {
        return Outcome::Temporary(format!("HTTP {status}, not the provider's JSON"));
    };
    let code = answer.code.unwrap_or_default();
    let said = format!("{code}: {}", answer.message.unwrap_or_default());
    if code == "OK" && (200..300).contains(&status) {
        Outcome::Accepted {
            provider_id: answer.biz_id,
        }
    } else if PERMANENT.contains(&code.as_str()) {
        Outcome::Permanent(said)
    } else {
        Outcome::Temporary(format!("HTTP {status} {said}"))
    }
}

pub struct AliyunChannel {
    account: Account,
    http: reqwest::Client,
}

impl AliyunChannel {
    pub fn new(account: Account) -> Result<AliyunChannel, String> {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| format!("cannot make the SMS provider's HTTP client: {e}"))?;
        Ok(AliyunChannel { account, http })
    }

    /// The signed form body of a `SendSms` request, at `timestamp` with `nonce`.
    pub fn send_sms_body(&self, sms: &Sms<'_>, timestamp: &str, nonce: &str) -> String {
        let out_id = sms.id.to_string();
        self.signed_body(
            &[
                ("Action", "SendSms"),
                ("OutId", &out_id),
                ("PhoneNumbers", sms.phone),
                ("SignName", self.account.sign_name.as_str()),
                ("TemplateCode", sms.template_code),
                ("TemplateParam", sms.params),
            ],
            timestamp,
            nonce,
        )
    }

    /// The signed form body of a `QuerySendDetails` request for one text: its number, its
    /// BizId and the day it was sent (in China's time, as the provider files it).
    pub fn query_send_details_body(&self, sent: &Sent<'_>, timestamp: &str, nonce: &str) -> String {
        let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
        let send_date = sent.sent_at.with_timezone(&china).format("%Y%m%d").to_string();
        self.signed_body(
            &[
                ("Action", "QuerySendDetails"),
                ("BizId", sent.provider_id),
                ("CurrentPage", "1"),
                ("PageSize", "10"),
                ("PhoneNumber", sent.phone),
                ("SendDate", &send_date),
            ],
            timestamp,
            nonce,
        )
    }

    /// An action's own parameters with the common ones, signed.
    fn signed_body(&self, action: &[(&str, &str)], timestamp: &str, nonce: &str) -> String {
        let common = [
            ("AccessKeyId", self.account.access_key_id.as_str()),
            ("Format", "JSON"),
            ("RegionId", "cn-hangzhou"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", nonce),
            ("SignatureVersion", "1.0"),
            ("Timestamp", timestamp),
            ("Version", VERSION),
        ];
        let params: BTreeMap<String, String> = common
            .iter()
            .chain(action)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let query = canonical_query(&params);
        let signed = signature(&self.account.secret, &string_to_sign("POST", &query));
        format!("Signature={}&{query}", percent_encode(&signed))
    }

    /// Posts a signed body; the answer's status and text, or why there was none.
    async fn post(&self, body: String) -> Result<(u16, String), String> {
        let response = self
            .http
            .post(&self.account.endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            // Unreachable, refused, cut off, too slow.
            .map_err(|e| format!("the provider did not answer: {e}"))?;
        let status = response.status().as_u16();
        match response.text().await {
            Ok(text) => Ok((status, text)),
            Err(e) => Err(format!("HTTP {status}, the answer was cut off: {e}")),
        }
    }
}

/// What an answer of `QuerySendDetails` says of the text: `SendStatus` 3 delivered, 2 failed
/// (with the carrier's `ErrCode`), 1 waiting for the carrier's receipt. A text the provider
/// does not list yet is waiting too.
pub fn receipt_of(status: u16, body: &str) -> Receipt {
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(body) else {
        return Receipt::Unknown(format!("HTTP {status}, not the provider's JSON"));
    };
    let code = answer["Code"].as_str().unwrap_or_default();
    if code != "OK" || !(200..300).contains(&status) {
        let message = answer["Message"].as_str().unwrap_or_default();
        return Receipt::Unknown(format!("HTTP {status} {code}: {message}"));
    }
    let detail = &answer["SmsSendDetailDTOs"]["SmsSendDetailDTO"][0];
    match detail["SendStatus"].as_i64() {
        Some(3) => Receipt::Delivered,
        Some(2) => Receipt::Failed(format!(
            "the carrier could not deliver it: {}",
            detail["ErrCode"].as_str().unwrap_or("no code")
        )),
        _ => Receipt::Pending,
    }
}

impl SmsChannel for AliyunChannel {
    fn send<'a>(&'a self, sms: &'a Sms<'a>) -> Sending<'a> {
        Box::pin(async move {
            let body = self.send_sms_body(sms, &timestamp(), &nonce());
            match self.post(body).await {
                Ok((status, text)) => outcome_of(status, &text),
                // Unreachable, refused, cut off, too slow: try again.
                Err(why) => Outcome::Temporary(why),
            }
        })
    }

    fn receipt<'a>(&'a self, sent: &'a Sent<'a>) -> Receiving<'a> {
        Box::pin(async move {
            let body = self.query_send_details_body(sent, &timestamp(), &nonce());
            match self.post(body).await {
                Ok((status, text)) => receipt_of(status, &text),
                Err(why) => Receipt::Unknown(why),
            }
        })
    }
}

/// The provider checks the time against its own: the real time, whatever a test's clock says.
fn timestamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The provider's published example of a signed `SendSms` (its "签名机制" document: the
    /// AccessKey `testId` / `testSecret`, GET), and the signature it publishes.
    #[test]
    fn the_providers_published_example_gets_its_published_signature() {
        let example = params(&[
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", r#"{"customer":"test"}"#),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]);
        let query = canonical_query(&example);
        assert!(query.starts_with(
            "AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C"
        ));
        assert!(query.ends_with("TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25"));
        let to_sign = string_to_sign("GET", &query);
        assert!(to_sign.starts_with("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26"));
        let signed = signature("testSecret", &to_sign);
        assert_eq!(signed, "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        assert_eq!(percent_encode(&signed), "zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D");
    }

    /// The provider's second published example (its voice API, same signature): a comma in
    /// the JSON.
    #[test]
    fn the_providers_voice_example_gets_its_published_signature_too() {
        let example = params(&[
            ("AccessKeyId", "testId"),
            ("Action", "SingleCallByTts"),
            ("CalledNumber", "13000000000"),
            ("CalledShowNumber", "057112345678"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("RegionId", "cn-hangzhou"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "f7d2d4ef-6d5f-4da4-86ed-88e001a66abb"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2017-09-28T14:31:56Z"),
            ("TtsCode", "TTS_0000000"),
            ("TtsParam", r#"{"code":"1234","product":"test"}"#),
            ("Version", "2017-05-25"),
        ]);
        let to_sign = string_to_sign("GET", &canonical_query(&example));
        assert_eq!(signature("testSecret", &to_sign), "aMfgrx8DLS7vLfpeR1c2rrKLr0Q=");
    }

    #[test]
    fn spaces_stars_and_tildes_are_encoded_as_the_provider_signs_them() {
        assert_eq!(percent_encode("a b*c~d+e/"), "a%20b%2Ac~d%2Be%2F");
    }

    #[test]
    fn receipts_say_delivered_failed_or_waiting_by_the_send_status() {
        let answer = |send_status: u8, err: &str| {
            serde_json::json!({ "Code": "OK", "Message": "OK", "RequestId": "x", "TotalCount": 1,
                "SmsSendDetailDTOs": { "SmsSendDetailDTO": [{ "SendStatus": send_status,
                "ErrCode": err, "PhoneNum": "13900005678", "OutId": "7",
                "ReceiveDate": "2026-12-07 10:00:03", "SendDate": "2026-12-07 10:00:00" }] } })
            .to_string()
        };
        assert_eq!(receipt_of(200, &answer(3, "DELIVERED")), Receipt::Delivered);
        assert_eq!(
            receipt_of(200, &answer(2, "MK:0001")),
            Receipt::Failed("the carrier could not deliver it: MK:0001".into())
        );
        assert_eq!(receipt_of(200, &answer(1, "")), Receipt::Pending);
        let none_yet = r#"{"Code":"OK","TotalCount":0,"SmsSendDetailDTOs":{"SmsSendDetailDTO":[]}}"#;
        assert_eq!(receipt_of(200, none_yet), Receipt::Pending);
        let throttled =
            r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#;
        assert!(matches!(receipt_of(400, throttled), Receipt::Unknown(_)));
        assert!(matches!(receipt_of(502, "<html>"), Receipt::Unknown(_)));
    }

    #[test]
    fn a_receipt_query_names_the_day_the_text_was_sent_in_chinas_time() {
        let channel = AliyunChannel::new(Account::new(
            "http://127.0.0.1:9/".into(),
            "testId".into(),
            "testSecret".into(),
            "签名".into(),
        ))
        .unwrap();
        // 23:30 UTC on the 6th is 07:30 on the 7th in China.
        let sent = Sent {
            phone: "13900005678",
            provider_id: "900000^0",
            sent_at: "2026-12-06T23:30:00Z".parse().unwrap(),
        };
        let body = channel.query_send_details_body(&sent, "2026-12-07T00:00:00Z", "n");
        assert!(body.contains("&SendDate=20261207&"), "{body}");
        assert!(body.contains("&BizId=900000%5E0&"), "{body}");
        assert!(body.contains("Action=QuerySendDetails"), "{body}");
    }

    #[test]
    fn answers_are_sent_retried_or_given_up_by_their_code() {
        assert_eq!(
            outcome_of(
                200,
                r#"{"Code":"OK","Message":"OK","BizId":"9006197469364984^0","RequestId":"x"}"#
            ),
            Outcome::Accepted {
                provider_id: Some("9006197469364984^0".into())
            }
        );
        let throttled = r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控Permits:1"}"#;
        assert!(matches!(outcome_of(200, throttled), Outcome::Temporary(_)));
        let bad_number = r#"{"Code":"isv.MOBILE_NUMBER_ILLEGAL","Message":"非法手机号"}"#;
        assert!(matches!(outcome_of(200, bad_number), Outcome::Permanent(_)));
        assert!(matches!(outcome_of(500, "<html>"), Outcome::Temporary(_)));
        assert!(matches!(
            outcome_of(503, r#"{"Code":"ServiceUnavailable"}"#),
            Outcome::Temporary(_)
        ));
    }
}
