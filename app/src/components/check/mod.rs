//! The eligibility check: a form whose result is worked out in the browser as the resident
//! types (an island: the rules run in WASM, no request to the server), and that, without
//! JavaScript, posts to the server which renders this same component with the answers.

pub mod answers;
mod questions;
mod result;

use crate::i18n::{Locale, strings as s};
use crate::rules::{FieldError, Parameters};
use answers::CheckAnswers;
use chrono::NaiveDate;
use leptos::prelude::*;
use questions::{EventQuestions, MemberRows, MoneyQuestions, WhereQuestions};
use result::ResultPanel;

/// What every question needs: the answers, their errors and when to show them.
#[derive(Clone, Copy)]
pub(crate) struct Form {
    pub locale: Locale,
    pub answers: RwSignal<CheckAnswers>,
    pub errors: Memo<Vec<FieldError>>,
    /// Errors for unanswered questions wait until the resident asks for the result.
    pub show_missing: RwSignal<bool>,
    /// False while server-rendered, so that without JavaScript nothing is hidden.
    pub hydrated: RwSignal<bool>,
}

impl Form {
    /// The message for the input `id`, once it should be shown.
    pub fn error_for(&self, id: &str) -> Option<String> {
        let show_missing = self.show_missing.get();
        let locale = self.locale;
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|e| answers::input_id(&e.field) == id)
                .filter(|e| show_missing || !e.is_missing())
                .map(|e| locale.pick(e.message.clone(), e.message_en.clone()))
        })
    }
}

/// The check form's id: the apply button in the result belongs to it (`form=`).
pub(crate) const FORM_ID: &str = "check-form";
/// The button that posts the answers to the application instead.
pub(crate) const APPLY_BUTTON: &str = "apply-from-check";

#[island]
pub fn CheckTool(
    locale: Locale,
    today: NaiveDate,
    parameters: Parameters,
    initial: CheckAnswers,
    /// True when the server renders a form post: every problem is shown at once.
    submitted: bool,
) -> impl IntoView {
    let answers = RwSignal::new(initial);
    let params = StoredValue::new(parameters);
    let outcome = Memo::new(move |_| answers.with(|a| params.with_value(|p| a.evaluate(p, today))));
    let errors = Memo::new(move |_| outcome.with(|o| o.as_ref().err().cloned().unwrap_or_default()));
    let form = Form {
        locale,
        answers,
        errors,
        show_missing: RwSignal::new(submitted),
        hydrated: RwSignal::new(false),
    };

    // Runs only in the browser: from here on the result follows every keystroke, and tests
    // can wait for this mark instead of sleeping.
    Effect::new(move |_| {
        form.hydrated.set(true);
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // "Apply now" takes the answers to the application: let that post go.
        if ev.submitter().is_some_and(|b| b.id() == APPLY_BUTTON) {
            return;
        }
        // With the rules in the page there is nothing to send: show what is missing, if
        // anything, and go to the result.
        ev.prevent_default();
        form.show_missing.set(true);
        let _ = location().set_hash("result");
    };

    view! {
        <form id=FORM_ID method="post" action="/" class="check-form" novalidate on:submit=on_submit>
            <input type="hidden" name="lang" value=locale.code()/>
            <WhereQuestions form=form/>
            <MemberRows form=form/>
            <MoneyQuestions form=form/>
            <EventQuestions form=form today=today/>
            <button type="submit" class="button">{locale.t(s::SEE_RESULT)}</button>
        </form>
        <ResultPanel form=form outcome=outcome/>
    }
}
