//! The result: for each aid type the outcome, the amount and cap, who decides and every check
//! with its figures and clause; then the referrals and the way to apply.

use super::Form;
use super::answers::input_id;
use crate::i18n::check as texts;
use crate::i18n::{Locale, Text, strings as s};
use crate::paths;
use crate::rules::{AidResult, Assessment, FieldError, Outcome, ParametersUsed, Referral, word_of};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

#[component]
pub fn ResultPanel(form: Form, outcome: Memo<Result<Assessment, Vec<FieldError>>>) -> impl IntoView {
    let locale = form.locale;
    let body = move || {
        outcome.with(|o| match o {
            Ok(a) => EitherOf3::A(view! { <AssessmentView locale=locale assessment=a.clone()/> }),
            Err(_) if !form.show_missing.get() && form.answers.with(|a| a.is_blank()) => {
                EitherOf3::B(view! { <p class="result-blank">{locale.t(s::RESULT_BLANK)}</p> })
            }
            Err(errors) => EitherOf3::C(view! { <MissingList locale=locale errors=errors.clone()/> }),
        })
    };
    view! {
        <section id="result" class="result" aria-labelledby="result-title" aria-live="polite">
            <h2 id="result-title">{locale.t(s::RESULT_TITLE)}</h2>
            <p class="indicative">{locale.t(s::INDICATIVE)}</p>
            {body}
        </section>
    }
}

/// The result in one line, kept at the foot of the screen while the questions scroll past
/// (issue 11, item 11): the full result is four screens down on a phone, and a change there
/// would happen out of sight. Shown once the page is awake and something is answered; not a
/// live region (the result itself is one), so a screen reader hears each change once.
#[component]
pub fn ResultBar(form: Form, outcome: Memo<Result<Assessment, Vec<FieldError>>>) -> impl IntoView {
    let locale = form.locale;
    let shown = move || form.hydrated.get() && !form.answers.with(|a| a.is_blank());
    let line = move || {
        outcome.with(|o| match o {
            Ok(a) => {
                let part = |title: Text, aid: &AidResult| {
                    let word = word_of(&aid.outcome);
                    view! {
                        <span class="result-bar-aid" data-outcome=word>
                            {locale.t(title)}"："<strong>{locale.t(s::outcome(aid.outcome))}</strong>
                        </span>
                    }
                };
                Either::Left(
                    view! { {part(s::EMERGENCY_AID, &a.emergency)}" "{part(s::EXPENSE_AID, &a.expense)} },
                )
            }
            Err(errors) => {
                Either::Right(view! { <span>{texts::questions_left(locale, errors.len())}</span> })
            }
        })
    };
    view! {
        <div class="result-bar" data-result-bar="" hidden=move || !shown()>
            {line}
            " "
            <a href="#result">{locale.t(s::RESULT_TITLE)}</a>
        </div>
    }
}

#[component]
fn MissingList(locale: Locale, errors: Vec<FieldError>) -> impl IntoView {
    view! {
        <div class="missing">
            <p>{locale.t(s::RESULT_MISSING)}</p>
            <ul>
                {errors
                    .into_iter()
                    .map(|e| {
                        let href = format!("#{}", input_id(&e.field));
                        view! { <li><a href=href>{locale.pick(e.message, e.message_en)}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn AssessmentView(locale: Locale, assessment: Assessment) -> impl IntoView {
    let Assessment {
        parameters,
        emergency,
        expense,
        referrals,
    } = assessment;
    let apply_type = if expense.outcome == Outcome::Likely && emergency.outcome != Outcome::Likely {
        "expense"
    } else {
        "emergency"
    };
    view! {
        <AidCard locale=locale title=s::EMERGENCY_AID slug="emergency" aid=emergency/>
        <AidCard locale=locale title=s::EXPENSE_AID slug="expense" aid=expense/>
        <ParametersNote locale=locale parameters=parameters/>
        <Referrals locale=locale referrals=referrals/>
        <section class="apply" aria-labelledby="apply-title">
            <h3 id="apply-title">{locale.t(s::APPLY_TITLE)}</h3>
            <p>{locale.t(s::APPLY_TEXT)}</p>
            // Posts the check's answers, so the application does not ask them again.
            <button
                type="submit"
                class="button"
                id=super::APPLY_BUTTON
                form=super::FORM_ID
                formaction=paths::APPLY_START
                name="aid_type"
                value=apply_type
            >
                {locale.t(s::APPLY_LINK)}
            </button>
        </section>
    }
}

fn yuan(locale: Locale, amount: crate::rules::Money) -> String {
    format!("{amount} {}", locale.t(s::YUAN))
}

#[component]
fn AidCard(locale: Locale, title: Text, slug: &'static str, aid: AidResult) -> impl IntoView {
    let outcome_word = word_of(&aid.outcome);
    let applicable = aid.outcome != Outcome::NotApplicable;
    let likely = aid.outcome == Outcome::Likely;
    let checks = aid.checks;
    view! {
        <article class=format!("aid aid-{outcome_word}") data-aid=slug data-outcome=outcome_word.clone()>
            <h3>{locale.t(title)}</h3>
            <p class="outcome">
                <strong>{locale.t(s::outcome(aid.outcome))}</strong>
            </p>
            {applicable.then(|| view! {
                <dl class="figures">
                    {likely.then(|| view! {
                        <div>
                            <dt>{locale.t(s::AMOUNT)}</dt>
                            <dd data-figure="amount">{yuan(locale, aid.amount)}</dd>
                        </div>
                    })}
                    <div>
                        <dt>{locale.t(s::CAP)}</dt>
                        <dd data-figure="cap">{yuan(locale, aid.cap)}</dd>
                    </div>
                    {aid.above_cap.then(|| view! {
                        <div>
                            <dt>{locale.t(s::ABOVE_CAP_LIMIT)}</dt>
                            <dd data-figure="above-cap-limit">{yuan(locale, aid.above_cap_limit)}</dd>
                        </div>
                    })}
                    {aid.approver.map(|a| view! {
                        <div>
                            <dt>{locale.t(s::WHO_DECIDES)}</dt>
                            <dd data-figure="approver">{locale.t(s::approver(a))}</dd>
                        </div>
                    })}
                </dl>
                <h4>{locale.t(s::CHECKS)}</h4>
                <ul class="checks">
                    {checks
                        .into_iter()
                        .map(|c| {
                            let mark = locale.t(if c.passed { s::PASSED } else { s::NOT_PASSED });
                            view! {
                                <li class:passed=c.passed data-rule=c.rule>
                                    <span class="mark">{mark}</span>
                                    " "
                                    {locale.pick(c.zh(), c.en())}
                                    " "
                                    // The clause is for whoever asks why, not in the way of the
                                    // answer (issue 24, item 9).
                                    <details class="clause">
                                        <summary>{locale.t(s::WHY)}</summary>
                                        {locale.t(s::THE_NOTICE)}" "{c.clause}
                                    </details>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })}
        </article>
    }
}

#[component]
fn ParametersNote(locale: Locale, parameters: ParametersUsed) -> impl IntoView {
    // The figures that count, in plain words: no set name, version or verification mark, which
    // are the staff's (issue 24, item 9; the administrators' page shows them).
    let text = texts::parameters_used(
        locale,
        parameters.in_force_on,
        parameters.dibao_monthly,
        parameters.per_capita_income_line,
    );
    view! {
        <p class="parameters" data-in-force-on=parameters.in_force_on.to_string()>{text}</p>
    }
}

#[component]
fn Referrals(locale: Locale, referrals: Vec<Referral>) -> impl IntoView {
    let mut referrals = referrals;
    crate::rules::referrals::in_clause_order(&mut referrals);
    let empty = referrals.is_empty();
    view! {
        <section class="referrals" aria-labelledby="referrals-title">
            <h3 id="referrals-title">{locale.t(s::REFERRALS_TITLE)}</h3>
            {empty.then(|| view! { <p>{locale.t(s::REFERRALS_NONE)}</p> })}
            <ul>
                {referrals
                    .into_iter()
                    .map(|r| {
                        let (zh, en) = r.describe();
                        let (dept_zh, dept_en) = r.department();
                        view! {
                            <li data-referral=word_of(&r)>
                                {locale.pick(zh, en)}
                                <br/>
                                <span class="department">
                                    {format!("{}：{}", locale.t(s::DEPARTMENT), locale.pick(dept_zh, dept_en))}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
