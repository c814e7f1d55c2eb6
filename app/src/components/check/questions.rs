//! The check's questions, in four short groups. Every input's id and name is the
//! [`input_id`](super::answers::input_id) of its contract field, so errors land beside it and a
//! no-JS post reads back the same way.

use super::Form;
use crate::i18n::choices;
use crate::i18n::{Text, strings as s};
use crate::rules::MAX_MEMBERS;
use chrono::NaiveDate;
use leptos::prelude::*;

fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// The message under a field, announced to screen readers with the field.
#[component]
fn FieldMessage(form: Form, id: String) -> impl IntoView {
    let eid = error_id(&id);
    move || {
        form.error_for(&id).map(|message| {
            view! { <p class="field-error" id=eid.clone()>{message}</p> }
        })
    }
}

#[component]
fn TextField(
    form: Form,
    id: String,
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "decimal")] inputmode: &'static str,
    #[prop(optional)] max: Option<String>,
) -> impl IntoView {
    let locale = form.locale;
    let value = form.answers.with_untracked(|a| a.text(&id));
    let hint_id = format!("{id}-hint");
    let described = {
        let id = id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if form.error_for(&id).is_some() {
                ids.push(error_id(&id));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = {
        let id = id.clone();
        move || form.error_for(&id).is_some().then_some("true")
    };
    let on_input = {
        let id = id.clone();
        move |ev| form.answers.update(|a| a.set_text(&id, event_target_value(&ev)))
    };
    view! {
        <div class="field">
            <label for=id.clone()>{locale.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{locale.t(h)}</p> })}
            <FieldMessage form=form id=id.clone()/>
            <input
                type=input_type
                id=id.clone()
                name=id.clone()
                inputmode=inputmode
                value=value
                max=max
                autocomplete="off"
                aria-describedby=described
                aria-invalid=invalid
                on:input=on_input
            />
        </div>
    }
}

#[component]
fn SelectField(form: Form, id: String, label: Text, options: Vec<(String, String)>) -> impl IntoView {
    let locale = form.locale;
    let current = form.answers.with_untracked(|a| a.text(&id));
    let invalid = {
        let id = id.clone();
        move || form.error_for(&id).is_some().then_some("true")
    };
    let described = {
        let id = id.clone();
        move || form.error_for(&id).map(|_| error_id(&id))
    };
    let on_change = {
        let id = id.clone();
        move |ev| form.answers.update(|a| a.set_text(&id, event_target_value(&ev)))
    };
    view! {
        <div class="field">
            <label for=id.clone()>{locale.t(label)}</label>
            <FieldMessage form=form id=id.clone()/>
            <select id=id.clone() name=id.clone() aria-invalid=invalid aria-describedby=described on:change=on_change>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Checkbox(form: Form, id: String, label: Text) -> impl IntoView {
    let checked = form.answers.with_untracked(|a| a.flag(&id));
    let on_change = {
        let id = id.clone();
        move |ev| {
            form.answers
                .update(|a| a.set_flag(&id, event_target_checked(&ev)))
        }
    };
    view! {
        <div class="checkbox">
            <input type="checkbox" id=id.clone() name=id.clone() value="on" checked=checked on:change=on_change/>
            <label for=id>{form.locale.t(label)}</label>
        </div>
    }
}

/// One question with a few exclusive answers, as large tappable radios.
#[component]
fn Radios(form: Form, name: &'static str, legend: Text, options: Vec<(String, String)>) -> impl IntoView {
    let current = form.answers.with_untracked(|a| a.text(name));
    view! {
        <fieldset class="radios">
            <legend>{form.locale.t(legend)}</legend>
            <FieldMessage form=form id=name.to_string()/>
            {options
                .into_iter()
                .enumerate()
                .map(|(i, (value, text))| {
                    let id = format!("{name}-{i}");
                    let checked = value == current;
                    let v = value.clone();
                    view! {
                        <div class="radio">
                            <input
                                type="radio"
                                id=id.clone()
                                name=name
                                value=value
                                checked=checked
                                on:change=move |_| form.answers.update(|a| a.set_text(name, v.clone()))
                            />
                            <label for=id>{text}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

fn income_periods(locale: crate::i18n::Locale) -> Vec<(String, String)> {
    vec![
        ("year".into(), locale.t(s::PER_YEAR).into()),
        ("month".into(), locale.t(s::PER_MONTH).into()),
    ]
}

fn yes_no(locale: crate::i18n::Locale) -> Vec<(String, String)> {
    vec![
        ("yes".into(), locale.t(s::YES).into()),
        ("no".into(), locale.t(s::NO).into()),
    ]
}

#[component]
pub fn WhereQuestions(form: Form) -> impl IntoView {
    let locale = form.locale;
    let towns = choices::towns(locale);
    view! {
        <section class="question-group" aria-labelledby="q-where">
            <h2 id="q-where">{locale.t(s::Q_WHERE)}</h2>
            <SelectField form=form id="town".into() label=s::Q_TOWN options=towns/>
            <Radios
                form=form
                name="status"
                legend=s::Q_STATUS
                options=choices::statuses(locale)
            />
        </section>
    }
}

#[component]
pub fn MemberRows(form: Form) -> impl IntoView {
    let locale = form.locale;
    let sizes: Vec<(String, String)> = (1..=MAX_MEMBERS)
        .map(|n| (n.to_string(), n.to_string()))
        .collect();
    let size = Memo::new(move |_| form.answers.with(|a| a.size));
    let students = choices::students(locale);
    let diseases = choices::diseases(locale);
    view! {
        <section class="question-group" aria-labelledby="q-who">
            <h2 id="q-who">{locale.t(s::Q_WHO)}</h2>
            <SelectField form=form id="size".into() label=s::Q_SIZE options=sizes/>
            // Without a script the rows cannot follow the size by themselves: a button asks
            // the server for them, and the page comes back at this question.
            <noscript>
                <p class="hint">{locale.t(s::Q_SIZE_HINT)}</p>
                <button type="submit" class="button secondary" name="action" value=super::UPDATE_SIZE
                    formaction="/#q-who">
                    {locale.t(s::UPDATE_SIZE)}
                </button>
            </noscript>
            {move || {
                (0..size.get())
                    .map(|i| {
                        let title = if i == 0 {
                            locale.t(s::MEMBER_SELF).to_string()
                        } else {
                            format!("{} {}", locale.t(s::MEMBER_OTHER), i + 1)
                        };
                        view! {
                            <fieldset class="member">
                                <legend>{title}</legend>
                                <TextField form=form id=format!("m{i}_age") label=s::M_AGE inputmode="numeric"/>
                                <p class="group-label">{locale.t(s::M_SITUATION)}</p>
                                <div class="checkbox-grid">
                                    <Checkbox form=form id=format!("m{i}_disabled") label=s::M_DISABLED/>
                                    <Checkbox form=form id=format!("m{i}_serious_illness") label=s::M_ILL/>
                                    <Checkbox form=form id=format!("m{i}_employed") label=s::M_EMPLOYED/>
                                    <Checkbox form=form id=format!("m{i}_able_to_work") label=s::M_ABLE/>
                                    <Checkbox form=form id=format!("m{i}_needs_care") label=s::M_CARE/>
                                </div>
                                <SelectField form=form id=format!("m{i}_student") label=s::M_STUDENT options=students.clone()/>
                                <SelectField form=form id=format!("m{i}_special_disease") label=s::M_DISEASE options=diseases.clone()/>
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
pub fn MoneyQuestions(form: Form) -> impl IntoView {
    let locale = form.locale;
    view! {
        <section class="question-group" aria-labelledby="q-money">
            <h2 id="q-money">{locale.t(s::Q_MONEY)}</h2>
            <TextField form=form id="annual_income".into() label=s::Q_INCOME hint=s::Q_INCOME_HINT/>
            // Per month or per year, as the resident knows it; the year's total is shown when
            // it was a month's (issue 24, item 5).
            <Radios form=form name="income_period" legend=s::Q_INCOME_PERIOD options=income_periods(locale)/>
            <p class="hint" id="income-of-the-year" aria-live="polite">
                {move || form.answers.with(|a| a.income_of_the_year().map(|year| s::income_of_the_year(locale, year)))}
            </p>
            <TextField form=form id="financial_assets".into() label=s::Q_ASSETS/>
            <TextField form=form id="extra_homes".into() label=s::Q_HOMES inputmode="numeric"/>
            <TextField form=form id="vehicles".into() label=s::Q_VEHICLES inputmode="numeric"/>
            <Checkbox form=form id="housing_hardship".into() label=s::Q_HOUSING/>
        </section>
    }
}

#[component]
pub fn EventQuestions(form: Form, today: NaiveDate) -> impl IntoView {
    let locale = form.locale;
    let events = choices::events(locale);
    let kinds = choices::expense_kinds(locale);
    // Without JavaScript every follow-up question is shown; with it, only those that apply.
    let hide_emergency = move || form.hydrated.get() && form.answers.with(|a| a.has_emergency != "yes");
    let hide_expense = move || form.hydrated.get() && form.answers.with(|a| a.has_expense != "yes");
    view! {
        <section class="question-group" aria-labelledby="q-what">
            <h2 id="q-what">{locale.t(s::Q_WHAT)}</h2>
            <Radios form=form name="has_emergency" legend=s::Q_HAS_EMERGENCY options=yes_no(locale)/>
            <div class="follow-up" hidden=hide_emergency>
                <SelectField form=form id="emergency_event".into() label=s::Q_EVENT options=events/>
                <TextField
                    form=form
                    id="emergency_event_date".into()
                    label=s::Q_EVENT_DATE
                    input_type="date"
                    inputmode="none"
                    max=today.to_string()
                />
                <Checkbox form=form id="emergency_serious_difficulty".into() label=s::Q_SERIOUS/>
            </div>
            <Radios form=form name="has_expense" legend=s::Q_HAS_EXPENSE options=yes_no(locale)/>
            <div class="follow-up" hidden=hide_expense>
                <SelectField form=form id="expense_kind".into() label=s::Q_EXPENSE_KIND options=kinds/>
                <TextField
                    form=form
                    id="expense_out_of_pocket".into()
                    label=s::Q_OUT_OF_POCKET
                    hint=s::Q_OUT_OF_POCKET_HINT
                />
            </div>
        </section>
    }
}
