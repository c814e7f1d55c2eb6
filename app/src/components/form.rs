//! Server-rendered form fields in the GOV.UK manner: label, hint, the error above the input,
//! the input linked to both. Names are the field paths of the answers, so that a post reads
//! back and an error finds its field.

use leptos::prelude::*;

/// An id for a field path: `members[2].name` → `members-2-name`.
pub fn field_id(name: &str) -> String {
    name.replace(['[', '.'], "-").replace(']', "")
}

/// The GOV.UK error summary: every problem of the page, each a link to its field.
#[component]
pub fn ErrorSummary(#[prop(into)] title: String, errors: Vec<(String, String)>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
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
