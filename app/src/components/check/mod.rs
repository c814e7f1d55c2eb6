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
use result::{ResultBar, ResultPanel};
use std::sync::Arc;

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
/// The `action` of the button that, without JavaScript, lays out a row per person after the
/// household's size changed: the page comes back without naming unanswered questions.
pub const UPDATE_SIZE: &str = "update_size";

/// What the check starts from: the page's language, today, the parameter set in force and
/// the answers the server rendered (none, or a form posted without JavaScript).
#[derive(Clone, Debug)]
pub struct CheckStart {
    pub locale: Locale,
    pub today: NaiveDate,
    /// Shared with the server's context: a page render copies no schedule.
    pub parameters: Arc<Parameters>,
    pub initial: CheckAnswers,
    /// True when the server renders a form post: every problem is shown at once.
    pub submitted: bool,
}

/// The element beside the island that carries its start to the browser (`StartData`).
const START_ID: &str = "check-start";

/// The island takes no props: Leptos would send them as JSON, and the JSON parser with the
/// types' readers was over a third of the WASM a phone downloads (issue 11, item 2). The
/// server renders it from a `CheckStart` in the context (`CheckPage`); the browser reads the
/// same start from the page: the language from `<html lang>`, the answers from the form as the
/// server rendered it (its default values, not what was typed since: that comes after
/// hydration), the rest from `StartData`'s attributes.
#[island]
pub fn CheckTool() -> impl IntoView {
    let CheckStart {
        locale,
        today,
        parameters,
        initial,
        submitted,
    } = start();
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
        // On a slow connection the form shows seconds before this code arrives, and what the
        // resident chose meanwhile is in the fields but not in `answers` (the server's
        // rendering): taken from the form now, read as the server reads a post, so that the
        // result and "查看结果" see what the fields show (issue 11, item 1).
        if let Some(typed) = answers_in_form(FORM_ID)
            && answers.with_untracked(|a| *a != typed)
        {
            answers.set(typed);
        }
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
            // Last in the form: it sticks to the foot of the screen while the form scrolls by.
            <ResultBar form=form outcome=outcome/>
        </form>
        <ResultPanel form=form outcome=outcome/>
    }
}

/// The answers the form `id` holds in the page now, as its post would send them.
#[cfg(feature = "hydrate")]
fn answers_in_form(id: &str) -> Option<CheckAnswers> {
    use wasm_bindgen::JsCast;
    let form = document()
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let mut pairs = Vec::new();
    for entry in js_sys::try_iter(&data).ok()?? {
        let pair = js_sys::Array::from(&entry.ok()?);
        // A file input's entry is no string; the check has none.
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            pairs.push((name, value));
        }
    }
    Some(CheckAnswers::from_pairs(&pairs))
}

/// Rendered by the server, the form holds exactly what the server put there.
#[cfg(not(feature = "hydrate"))]
fn answers_in_form(_id: &str) -> Option<CheckAnswers> {
    None
}

/// The start on the server: what `CheckPage` provided.
#[cfg(not(feature = "hydrate"))]
fn start() -> CheckStart {
    expect_context::<CheckStart>()
}

/// The start in the browser, read from the page the server rendered.
#[cfg(feature = "hydrate")]
fn start() -> CheckStart {
    let html = document().document_element();
    let locale = Locale::from_code(&html.and_then(|h| h.get_attribute("lang")).unwrap_or_default());
    let data = document().get_element_by_id(START_ID);
    let attribute = |name: &str| {
        data.as_ref()
            .and_then(|d| d.get_attribute(name))
            .unwrap_or_default()
    };
    let today = crate::rules::day::parse_ymd(&attribute("data-today"))
        .expect("the check page names today as YYYY-MM-DD");
    let parameters = Parameters::from_compact(
        &attribute("data-set"),
        &attribute("data-version"),
        &attribute("data-parameters"),
    )
    .map(Arc::new)
    .expect("the check page carries its parameter set");
    CheckStart {
        locale,
        today,
        parameters,
        initial: rendered_answers(FORM_ID).unwrap_or_default(),
        submitted: attribute("data-submitted") == "true",
    }
}

/// The hidden element the browser reads the island's start from (see `CheckTool`). Rendered
/// by the server beside the island, never hydrated.
#[component]
pub fn StartData(start: CheckStart) -> impl IntoView {
    view! {
        <div
            id=START_ID
            hidden
            data-today=start.today.to_string()
            data-set=start.parameters.name.to_string()
            data-version=start.parameters.version.to_string()
            data-parameters=start.parameters.to_compact()
            data-submitted=start.submitted.to_string()
        ></div>
    }
}

/// The answers the form `id` was rendered with: each field's default value (its `value`,
/// `checked` and `selected` attributes), read as the server reads a post.
#[cfg(feature = "hydrate")]
fn rendered_answers(id: &str) -> Option<CheckAnswers> {
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlSelectElement};
    let form = document().get_element_by_id(id)?;
    let fields = form.query_selector_all("input[name], select[name]").ok()?;
    let mut pairs = Vec::new();
    for i in 0..fields.length() {
        let Some(field) = fields.item(i) else { continue };
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" | "radio" if input.default_checked() => pairs.push((input.name(), input.value())),
                "checkbox" | "radio" | "submit" | "button" | "file" => {}
                _ => pairs.push((input.name(), input.default_value())),
            }
        } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
            // As a browser does: the option marked `selected`, or else the first.
            let options = select.options();
            let options: Vec<web_sys::HtmlOptionElement> = (0..options.length())
                .filter_map(|i| options.item(i))
                .filter_map(|o| o.dyn_into().ok())
                .collect();
            if let Some(option) = options.iter().find(|o| o.default_selected()).or(options.first()) {
                pairs.push((select.name(), option.value()));
            }
        }
    }
    Some(CheckAnswers::from_pairs(&pairs))
}
