//! Messages going out (docs/messages.md): the sender that drains the outbox in every portal
//! process, and the channels it sends through, behind one trait. The outbox itself is written
//! with each event (db/events.rs); this side only claims, sends and records.
//!
//! Channels: Alibaba Cloud's SMS API (`aliyun`), the log (`log`, for development: the text in
//! the log, the number masked), or none (the embedded default: the tracking page is then the
//! only channel, and no text is queued). Tencent Cloud SMS or WeChat subscribe messages would
//! be one more `SmsChannel` and one more `Provider`.

pub mod aliyun;
pub mod commands;
mod log_channel;
pub mod sender;
pub mod settings;

pub use sender::Sender;
pub use settings::{Provider, SmsSettings};

use std::future::Future;
use std::pin::Pin;

/// One text to send.
#[derive(Clone, Debug)]
pub struct Sms<'a> {
    /// Our message id, which the provider keeps with it (`OutId`).
    pub id: i64,
    pub phone: &'a str,
    /// The provider's code of the approved template.
    pub template_code: &'a str,
    /// The template's values, JSON.
    pub params: &'a str,
    /// The text as the reader gets it (for channels that send text, and the log).
    pub text: &'a str,
}

/// What a provider said to one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Taken, with the provider's id of it.
    Accepted { provider_id: Option<String> },
    /// Not now: unreachable, a 5xx, throttling. Worth trying again.
    Temporary(String),
    /// Never: an invalid number, a template refused.
    Permanent(String),
}

pub type Sending<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// A text the provider took, to ask what became of it.
#[derive(Clone, Debug)]
pub struct Sent<'a> {
    pub phone: &'a str,
    /// The provider's id of it (Alibaba Cloud: the BizId `SendSms` answered).
    pub provider_id: &'a str,
    /// When it was handed over.
    pub sent_at: chrono::DateTime<chrono::Utc>,
}

/// The provider's delivery receipt of one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Receipt {
    /// The phone has it.
    Delivered,
    /// The carrier could not deliver it (a number out of service, a phone off for days): the
    /// carrier's code.
    Failed(String),
    /// No receipt yet.
    Pending,
    /// The provider could not be asked now (unreachable, throttling): ask again later.
    Unknown(String),
}

pub type Receiving<'a> = Pin<Box<dyn Future<Output = Receipt> + Send + 'a>>;

/// A way of sending texts, and of learning whether they arrived.
pub trait SmsChannel: Send + Sync {
    fn send<'a>(&'a self, sms: &'a Sms<'a>) -> Sending<'a>;
    fn receipt<'a>(&'a self, sent: &'a Sent<'a>) -> Receiving<'a>;
}

/// 13812345678 → 138****5678: how a number appears in a log or a list.
pub fn masked(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (&chars[..3], &chars[chars.len() - 4..]);
    format!(
        "{}{}{}",
        head.iter().collect::<String>(),
        "*".repeat(chars.len() - 7),
        tail.iter().collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_shows_only_its_first_three_and_last_four_digits() {
        assert_eq!(super::masked("13812345678"), "138****5678");
        assert_eq!(super::masked("123"), "***");
    }
}
