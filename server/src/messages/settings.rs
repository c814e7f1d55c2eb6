//! Which SMS provider this portal sends through, as configured, checked at start: an unknown
//! provider or a missing secret stops the server with the setting's name, rather than a
//! portal that silently sends nothing.

use super::SmsChannel;
use super::aliyun::{Account, AliyunChannel};
use super::log_channel::LogChannel;
use std::path::PathBuf;
use std::sync::Arc;

/// Alibaba Cloud's public SMS endpoint.
pub const ALIYUN_ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";

/// The SMS settings as given (environment or command line), before they are checked.
#[derive(Clone, Debug, Default)]
pub struct SmsSettings {
    /// `PORTAL_SMS_PROVIDER`: `aliyun`, `log`, or empty for none.
    pub provider: String,
    /// `PORTAL_SMS_ENDPOINT` (tests point it at a local stand-in).
    pub endpoint: String,
    /// `PORTAL_SMS_ACCESS_KEY_ID`.
    pub access_key_id: String,
    /// `PORTAL_SMS_ACCESS_KEY_SECRET_FILE`: the secret is read from this file, never given
    /// itself in the environment or on a command line.
    pub access_key_secret_file: Option<PathBuf>,
    /// `PORTAL_SMS_SIGN_NAME`: the signature the provider approved (【…】 before each text).
    pub sign_name: String,
}

/// The provider this portal sends through.
pub enum Provider {
    /// None: the tracking page is the only channel.
    None,
    Log,
    Aliyun(Account),
}

impl Provider {
    pub fn from_settings(s: &SmsSettings) -> Result<Provider, String> {
        match s.provider.trim() {
            "" | "none" => Ok(Provider::None),
            "log" => Ok(Provider::Log),
            "aliyun" => {
                let required = |value: &str, name: &str| {
                    if value.trim().is_empty() {
                        Err(format!("{name} is required with PORTAL_SMS_PROVIDER=aliyun"))
                    } else {
                        Ok(value.trim().to_string())
                    }
                };
                let file = s
                    .access_key_secret_file
                    .as_ref()
                    .ok_or("PORTAL_SMS_ACCESS_KEY_SECRET_FILE is required with PORTAL_SMS_PROVIDER=aliyun")?;
                let secret = std::fs::read_to_string(file).map_err(|e| {
                    format!(
                        "PORTAL_SMS_ACCESS_KEY_SECRET_FILE: cannot read {}: {e}",
                        file.display()
                    )
                })?;
                let secret = required(&secret, "PORTAL_SMS_ACCESS_KEY_SECRET_FILE's secret")?;
                let endpoint = if s.endpoint.trim().is_empty() {
                    ALIYUN_ENDPOINT.to_string()
                } else {
                    s.endpoint.trim().to_string()
                };
                if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
                    return Err(format!("PORTAL_SMS_ENDPOINT: not an http(s) URL: {endpoint}"));
                }
                Ok(Provider::Aliyun(Account::new(
                    endpoint,
                    required(&s.access_key_id, "PORTAL_SMS_ACCESS_KEY_ID")?,
                    secret,
                    required(&s.sign_name, "PORTAL_SMS_SIGN_NAME")?,
                )))
            }
            other => Err(format!(
                "PORTAL_SMS_PROVIDER: unknown provider '{other}' (aliyun, log, or empty for none)"
            )),
        }
    }

    /// Whether texts are sent at all: without a provider none is queued.
    pub fn sends(&self) -> bool {
        !matches!(self, Provider::None)
    }

    pub fn name(&self) -> &'static str {
        match self {
            Provider::None => "none",
            Provider::Log => "log",
            Provider::Aliyun(_) => "aliyun",
        }
    }

    /// The channel to send through; None without a provider.
    pub fn channel(self) -> Result<Option<Arc<dyn SmsChannel>>, String> {
        Ok(match self {
            Provider::None => None,
            Provider::Log => Some(Arc::new(LogChannel)),
            Provider::Aliyun(account) => Some(Arc::new(AliyunChannel::new(account)?)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aliyun() -> SmsSettings {
        SmsSettings {
            provider: "aliyun".into(),
            access_key_id: "LTAI-test".into(),
            sign_name: "江津民政".into(),
            ..SmsSettings::default()
        }
    }

    fn refusal(s: &SmsSettings) -> String {
        match Provider::from_settings(s) {
            Err(e) => e,
            Ok(p) => panic!("accepted, as {}", p.name()),
        }
    }

    #[test]
    fn an_unknown_provider_is_refused_naming_the_setting() {
        let s = SmsSettings {
            provider: "twilio".into(),
            ..SmsSettings::default()
        };
        assert!(refusal(&s).starts_with("PORTAL_SMS_PROVIDER"));
    }

    #[test]
    fn aliyun_without_its_secret_file_is_refused_naming_the_setting() {
        assert!(refusal(&aliyun()).starts_with("PORTAL_SMS_ACCESS_KEY_SECRET_FILE"));
        let s = SmsSettings {
            access_key_secret_file: Some("/nonexistent/secret".into()),
            ..aliyun()
        };
        assert!(refusal(&s).starts_with("PORTAL_SMS_ACCESS_KEY_SECRET_FILE: cannot read"));
    }

    #[test]
    fn aliyun_with_its_settings_sends_to_the_public_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret");
        std::fs::write(&file, "s3cret\n").unwrap();
        let s = SmsSettings {
            access_key_secret_file: Some(file),
            ..aliyun()
        };
        match Provider::from_settings(&s).unwrap() {
            Provider::Aliyun(account) => assert_eq!(account.endpoint, ALIYUN_ENDPOINT),
            other => panic!("{}", other.name()),
        }
        let none = Provider::from_settings(&SmsSettings::default()).unwrap();
        assert!(!none.sends());
    }
}
