//! Whom a resident can call (issue 24, item 10): the town office that handles the application,
//! with its telephone, address and hours where an administrator has set them, and the
//! district's 12345 line always.

use crate::domain::town_contact::{DISTRICT_LINE, TownContact};
use crate::i18n::{Locale, shell as texts};
use leptos::prelude::*;

/// The town office's contact, as a short list; the town's name alone (with 12345) when its
/// contact is not set yet.
#[component]
pub fn TownOffice(locale: Locale, town: String, contact: Option<TownContact>) -> impl IntoView {
    let rows = contact.map(|c| {
        let dial = format!("tel:{}", c.phone.chars().filter(char::is_ascii_digit).collect::<String>());
        view! {
            <div><dt>{locale.t(texts::TELEPHONE)}</dt><dd><a class="standalone" href=dial>{c.phone}</a></dd></div>
            <div><dt>{locale.t(texts::ADDRESS)}</dt><dd>{c.address}</dd></div>
            <div><dt>{locale.t(texts::HOURS)}</dt><dd>{c.hours}</dd></div>
        }
    });
    view! {
        <section class="town-office" aria-labelledby="town-office-title" data-town-office=town.clone()>
            <h2 id="town-office-title">{texts::questions_ask_your_town(locale, &town)}</h2>
            <dl>{rows}</dl>
            <p>{texts::or_call_the_district_line(locale)}" "<a class="standalone" href=format!("tel:{DISTRICT_LINE}")>{DISTRICT_LINE}</a></p>
        </section>
    }
}
