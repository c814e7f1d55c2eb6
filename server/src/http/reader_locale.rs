//! The reader's language as an extractor: `?lang=`, else the `lang` cookie, else Chinese
//! (app::context::locale_of), for a handler that stores it (an application's messages are
//! written in the language it was made in).

use app::i18n::Locale;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;

pub struct ReaderLocale(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for ReaderLocale {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReaderLocale(app::context::locale_of(&parts.uri, &parts.headers)))
    }
}
