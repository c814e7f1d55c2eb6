//! Cookies read and written with the `cookie` crate, never split by hand: the language and 大字
//! (remembered for the resident), the resident's draft and the staff's sessions (server).

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::Cookie;
pub use cookie::SameSite;

/// The value of the cookie `name` the request carries.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A cookie to set: what it holds, where it is sent, for how long, and how it is guarded.
pub struct SetCookie<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub path: &'a str,
    /// 0 removes it.
    pub max_age_seconds: i64,
    pub same_site: SameSite,
    /// Kept from scripts (a secret): every cookie but the resident's own choices.
    pub http_only: bool,
    /// Sent over TLS only (behind a proxy that says the request came by HTTPS).
    pub secure: bool,
}

impl SetCookie<'_> {
    /// The `Set-Cookie` header's value; None for a value no header can carry (never one the
    /// portal writes: hex secrets and plain words).
    pub fn header(&self) -> Option<HeaderValue> {
        let cookie = Cookie::build((self.name, self.value))
            .path(self.path)
            .max_age(cookie::time::Duration::seconds(self.max_age_seconds))
            .same_site(self.same_site)
            .http_only(self.http_only)
            .secure(self.secure)
            .build();
        HeaderValue::from_str(&cookie.to_string()).ok()
    }
}

/// A resident's choice (the language, 大字), remembered for a year on every page.
pub fn preference(name: &str, value: &str) -> Option<HeaderValue> {
    SetCookie {
        name,
        value,
        path: "/",
        max_age_seconds: 31_536_000,
        same_site: SameSite::Lax,
        http_only: false,
        secure: false,
    }
    .header()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookies: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(cookies).unwrap());
        headers
    }

    #[test]
    fn a_cookie_is_read_by_its_whole_name_only() {
        let h = headers("drafty=1; draft=abc123; lang=en");
        assert_eq!(read(&h, "draft").as_deref(), Some("abc123"));
        assert_eq!(read(&h, "lang").as_deref(), Some("en"));
        assert_eq!(read(&h, "text"), None);
    }

    #[test]
    fn a_preference_is_readable_by_scripts_and_a_secret_is_not() {
        let lang = preference("lang", "en").unwrap();
        assert!(!lang.to_str().unwrap().contains("HttpOnly"));
        let secret = SetCookie {
            name: "draft",
            value: "abc123",
            path: "/apply",
            max_age_seconds: 60,
            same_site: SameSite::Lax,
            http_only: true,
            secure: true,
        }
        .header()
        .unwrap();
        let text = secret.to_str().unwrap();
        for part in [
            "draft=abc123",
            "Path=/apply",
            "Max-Age=60",
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
        ] {
            assert!(text.contains(part), "{text} lacks {part}");
        }
    }
}
