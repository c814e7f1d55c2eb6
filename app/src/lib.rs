#![recursion_limit = "256"]
//! The portal's shared crate: the rules, the domain types and the pages.
//! Built natively with `ssr` inside the server and to WASM with `hydrate` for the browser.

pub mod app;
pub mod components;
pub mod context;
#[cfg(feature = "ssr")]
pub mod cookies;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod rules;

/// The browser's entry point: wakes the islands (only the check form) and nothing else.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // No panic hook (console_error_panic_hook): a panic's message in the console helps no
    // resident, and its formatting code was a kilobyte of every phone's download.
    leptos::mount::hydrate_islands();
}
