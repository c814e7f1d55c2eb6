//! A box that scrolls by itself when its content (a wide table, a long log) does not fit.
//!
//! With Chinese glyphs a table that fits in Latin text often overflows a phone's width. A box
//! that scrolls must then be reachable from the keyboard, or a keyboard user cannot see what is
//! hidden (WCAG 2.1.1; axe's `scrollable-region-focusable`): so it takes focus (`tabindex=0`)
//! and, being focusable, is a named region for screen readers.

use leptos::prelude::*;

#[component]
pub fn ScrollRegion(
    /// What the box holds, read out when it takes focus.
    #[prop(into)]
    label: String,
    /// `table-scroll` (sideways, for tables) or `access-log` (a short list that scrolls down).
    #[prop(default = "table-scroll")]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=class tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
