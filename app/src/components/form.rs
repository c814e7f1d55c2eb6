//! Server-rendered form fields in the GOV.UK manner: label, hint, the error above the input,
//! the input linked to both. Names are the field paths of the answers, so that a post reads
//! back and an error finds its field.

use crate::i18n::Locale;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// An id for a field path: `members[2].name` → `members-2-name`.
pub fn field_id(name: &str) -> String {
    name.replace(['[', '.'], "-").replace(']', "")
}

/// The fields of a page that show an error, with their labels, in the order the page shows
/// them: the error summary names each field and follows the page (GOV.UK's pattern: "申请人姓名：
/// 请填写这一项。", not the bare message five times over). The field components below note
/// themselves as they are built, and a component runs when the view that holds it is made: so
/// a page provides this, builds its fields, and only then its summary.
#[derive(Clone, Default)]
pub struct ProblemFields(Arc<Mutex<Vec<(String, String)>>>);

impl ProblemFields {
    /// Notes the field `id` (labelled `label`) as showing an error, when the page asked.
    fn note(id: &str, label: &str) {
        if let Some(fields) = use_context::<ProblemFields>()
            && let Ok(mut noted) = fields.0.lock()
        {
            noted.push((id.to_string(), label.to_string()));
        }
    }

    /// The summary's entries, (field, text), from the page's errors (field, message): first
    /// the noted fields in page order, each message after its field's label, then any error
    /// no field component showed, as it came.
    pub fn summary(&self, locale: Locale, errors: Vec<(String, String)>) -> Vec<(String, String)> {
        let noted = self.0.lock().map(|n| n.clone()).unwrap_or_default();
        let mut left = errors;
        let mut entries = Vec::with_capacity(left.len());
        for (id, label) in noted {
            if let Some(at) = left.iter().position(|(field, _)| field_id(field) == id) {
                let (field, message) = left.remove(at);
                entries.push((field, problem_at(locale, &label, &message)));
            }
        }
        entries.extend(left);
        entries
    }
}

/// "Label: message", as the error summary says it; a message that already names its field
/// ("请选择申请哪一类救助") is said alone.
fn problem_at(locale: Locale, label: &str, message: &str) -> String {
    if message.contains(label) {
        return message.to_string();
    }
    locale.pick(format!("{label}：{message}"), format!("{label}: {message}"))
}

/// The GOV.UK error summary: every problem of the page, each a link to its field. It takes the
/// focus when the page opens (`autofocus`, so without JavaScript too): after a refused post a
/// screen reader starts here, and so does the eye.
#[component]
pub fn ErrorSummary(#[prop(into)] title: String, errors: Vec<(String, String)>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus=true>
                <h2>{title}</h2>
                <ul>
                    {errors
                        .into_iter()
                        .map(|(field, message)| {
                            view! { <li><a href=format!("#{}", field_id(&field))>{message}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
pub fn TextInput(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let id = field_id(&name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described: Vec<String> = [
        hint.as_ref().map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let has_error = error.is_some();
    if has_error {
        ProblemFields::note(&id, &label);
    }
    let invalid = has_error.then_some("true");
    view! {
        <div class="field" class:field-invalid=has_error>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            <input
                type=input_type
                id=id
                name=name
                value=value
                inputmode=inputmode
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=(!described.is_empty()).then(|| described.join(" "))
            />
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let id = field_id(&name);
    let error_id = format!("{id}-error");
    if error.is_some() {
        ProblemFields::note(&id, &label);
    }
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=id.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <textarea
                id=id
                name=name
                rows="4"
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some(error_id)
            >
                {value}
            </textarea>
        </div>
    }
}

#[component]
pub fn Select(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    options: Vec<(String, String)>,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let id = field_id(&name);
    let error_id = format!("{id}-error");
    if error.is_some() {
        ProblemFields::note(&id, &label);
    }
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=id.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <select
                id=id
                name=name
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some(error_id)
            >
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn CheckboxInput(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    checked: bool,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let id = field_id(&name);
    let error_id = format!("{id}-error");
    if error.is_some() {
        ProblemFields::note(&id, &label);
    }
    view! {
        {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
        <div class="checkbox">
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value="on"
                checked=checked
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some(error_id)
            />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
pub fn RadioGroup(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(into)] value: String,
    options: Vec<(String, String)>,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let base = field_id(&name);
    let error_id = format!("{base}-error");
    if error.is_some() {
        ProblemFields::note(&base, &legend);
    }
    let described = error.is_some().then(|| error_id.clone());
    view! {
        <fieldset class="radios" id=base.clone() aria-describedby=described>
            <legend>{legend}</legend>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            {options
                .into_iter()
                .enumerate()
                .map(|(i, (v, text))| {
                    let id = format!("{base}-{i}");
                    let checked = v == value;
                    view! {
                        <div class="radio">
                            <input type="radio" id=id.clone() name=name.clone() value=v checked=checked/>
                            <label for=id>{text}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
