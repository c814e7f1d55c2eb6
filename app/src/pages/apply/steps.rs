//! The steps of the application, one small group of questions each. Every step is a plain
//! form posted to the server, which keeps the answers in the draft and comes back here with
//! the errors, so the journey works without JavaScript and nothing typed is lost.

use crate::components::answers::{AnswerRow, AnswerSummary, Reader, answer_rows};
use crate::components::form::{
    CheckboxInput, ErrorSummary, ProblemFields, RadioGroup, Select, TextArea, TextInput,
};
use crate::context::{SiteContext, StepContext, use_locale};
use crate::domain::document::{MAX_DOCUMENT_BYTES, MAX_DOCUMENTS, MAX_FILES_AT_ONCE};
use crate::domain::{
    AidType, ApplicationAnswers, DocumentInfo, DocumentKind, MemberAnswers, NationalId, Step,
};
use crate::i18n::apply as texts;
use crate::i18n::{Locale, Text, choices, strings as s};
use crate::paths;
use crate::rules::{FieldError, MAX_MEMBERS, SpecialDisease, word_of};
use leptos::prelude::*;
use leptos_meta::Title;

fn step_title(step: Step) -> Text {
    match step {
        Step::Applicant => texts::STEP_APPLICANT,
        Step::Household => texts::STEP_HOUSEHOLD,
        Step::Means => texts::STEP_MEANS,
        Step::Circumstances => texts::STEP_CIRCUMSTANCES,
        Step::Documents => texts::STEP_DOCUMENTS,
        Step::Payment => texts::STEP_PAYMENT,
        Step::Review => texts::STEP_REVIEW,
    }
}

/// Looks up the error of a field, in the page's language.
#[derive(Clone)]
struct Errors {
    locale: Locale,
    list: Vec<FieldError>,
}

impl Errors {
    fn of(&self, field: &str) -> Option<String> {
        self.list
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.locale.pick(e.message.clone(), e.message_en.clone()))
    }

    fn summary(&self) -> Vec<(String, String)> {
        self.list
            .iter()
            .map(|e| {
                (
                    e.field.clone(),
                    self.locale.pick(e.message.clone(), e.message_en.clone()),
                )
            })
            .collect()
    }
}

#[component]
pub fn ApplyStepPage(data: StepContext) -> impl IntoView {
    let locale = use_locale();
    let StepContext {
        step,
        draft,
        documents,
    } = data;
    let errors = Errors {
        locale,
        list: draft.errors.clone(),
    };
    // Steps the check answered are not in this resident's journey: neither counted nor gone
    // back to (they are on check-your-answers, with 修改).
    let (at, of) = draft.position(step);
    let previous = draft.step_before(step);
    let answers = draft.answers;
    let title = locale.t(step_title(step)).to_string();
    let progress = texts::step_of(locale, at, of);
    let back = previous.map(|p| {
        view! {
            <a class="back-link" href=paths::apply_step(p)>{locale.t(texts::BACK)}</a>
        }
    });
    let summary_title = locale.t(texts::THERE_IS_A_PROBLEM).to_string();
    // Provided before the fields are built, read after (components/form.rs).
    let problems = ProblemFields::default();
    provide_context(problems.clone());
    let body = match step {
        Step::Applicant => applicant(locale, &answers, &errors).into_any(),
        Step::Household => household(locale, &answers, &errors).into_any(),
        Step::Means => means(locale, &answers, &errors).into_any(),
        Step::Circumstances => circumstances(locale, &answers, &errors).into_any(),
        Step::Payment => payment(locale, &answers, &errors).into_any(),
        Step::Documents => return documents_step(locale, &answers, &errors, &documents, title, progress),
        Step::Review => return review(locale, &answers, &errors, &documents, title, progress).into_any(),
    };
    view! {
        <Title text=format!("{title} - {}", locale.t(s::APPLY_PAGE_TITLE))/>
        {back}
        <p class="progress">{progress}</p>
        <ErrorSummary title=summary_title errors=problems.summary(locale, errors.summary())/>
        <h1>{title}</h1>
        <p class="panel" data-restored="" hidden>
            {locale.t(texts::WE_PUT_BACK_WHAT_YOU)}
        </p>
        <form method="post" action=paths::apply_step(step) novalidate data-keep="">
            {body}
            <div class="button-group">
                <button type="submit" class="button" name="action" value="next">
                    {locale.t(texts::CONTINUE)}
                </button>
                {previous.map(|_| view! {
                    <button type="submit" class="button secondary" name="action" value="back">
                        {locale.t(texts::SAVE_AND_GO_BACK)}
                    </button>
                })}
            </div>
        </form>
        <script src="/keeper.js" defer></script>
    }
    .into_any()
}

fn applicant(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    let towns = choices::towns(locale);
    let aid_types = vec![
        (
            "emergency".to_string(),
            locale.t(texts::EMERGENCY_A_FIRE_ACCIDENT_SUDDEN).to_string(),
        ),
        (
            "expense".to_string(),
            locale.t(texts::EXPENSE_BASED_LARGE_MEDICAL_OR).to_string(),
        ),
    ];
    // Who is applying, asked first (issue 24, item 4): a relative applying for someone without
    // a mobile gives their own, which becomes the contact. Nothing is chosen for a new
    // application (the answer is the resident's to give); once step 1 was saved, the answer.
    let for_whom = vec![
        ("false".to_string(), locale.t(texts::FOR_MYSELF).to_string()),
        ("true".to_string(), locale.t(texts::FOR_SOMEONE_ELSE).to_string()),
    ];
    let answered = !a.who.applicant_name.is_empty() || a.who.on_behalf;
    let for_whom_value = if answered {
        a.who.on_behalf.to_string()
    } else {
        String::new()
    };
    view! {
        <RadioGroup name="on_behalf" legend=locale.t(texts::ARE_YOU_APPLYING_FOR_YOURSELF)
            value=for_whom_value options=for_whom/>
        // Shown only while "for someone else" is chosen (style/main.css: no script needed).
        <div class="follow-up helper-fields">
            <p class="hint">{locale.t(texts::IF_YOU_ARE_APPLYING_FOR)}</p>
            <TextInput name="helper_name" label=locale.t(texts::YOUR_NAME)
                value=a.who.helper_name.clone() error=e.of("helper_name")/>
            <TextInput name="helper_relationship" label=locale.t(texts::YOUR_RELATIONSHIP_TO_THE_APPLICANT)
                value=a.who.helper_relationship.clone() error=e.of("helper_relationship")/>
            <TextInput name="helper_phone" label=locale.t(texts::YOUR_MOBILE_NUMBER)
                hint=locale.t(texts::YOUR_PHONE_IS_THE_CONTACT)
                value=a.who.helper_phone.clone() error=e.of("helper_phone") input_type="tel" inputmode="tel"/>
        </div>
        <RadioGroup
            name="aid_type"
            legend=locale.t(texts::WHICH_KIND_OF_AID)
            value=a.who.aid_type.clone()
            options=aid_types
            error=e.of("aid_type")
        />
        <TextInput name="applicant_name" label=locale.t(texts::APPLICANTS_FULL_NAME)
            value=a.who.applicant_name.clone() error=e.of("applicant_name") autocomplete="name"/>
        <TextInput name="applicant_id_number" label=locale.t(texts::APPLICANTS_ID_CARD_NUMBER)
            hint=locale.t(texts::N18_CHARACTERS_THE_LAST_MAY)
            value=a.who.applicant_id_number.clone() error=e.of("applicant_id_number")/>
        <TextInput name="applicant_phone" label=locale.t(texts::APPLICANTS_MOBILE_NUMBER)
            hint=locale.t(texts::USED_TO_TRACK_THE_APPLICATION)
            value=a.who.applicant_phone.clone() error=e.of("applicant_phone")
            input_type="tel" inputmode="tel" autocomplete="tel"/>
        <Select name="town" label=locale.t(texts::APPLICANTS_TOWN)
            value=a.who.town.clone() options=towns error=e.of("town")/>
        <TextInput name="address" label=locale.t(texts::APPLICANTS_ADDRESS)
            value=a.who.address.clone() error=e.of("address") autocomplete="street-address"/>
    }
    .into_any()
}

/// Who is asked about school and 儿童白血病 (issue 24, item 13): a 68-year-old is not asked
/// whether she is at primary school. Known ages only; a member whose age is not typed yet (or
/// not valid) is asked everything, so nobody loses a question that applies to them.
#[derive(Clone, Copy)]
struct AgeQuestions {
    student_max_age: i64,
    childhood_disease_max_age: i64,
}

impl AgeQuestions {
    fn from_site() -> AgeQuestions {
        let site = expect_context::<SiteContext>();
        let values = site.parameters.on(site.today);
        AgeQuestions {
            student_max_age: values.as_ref().map_or(i64::MAX, |v| v.questions_student_max_age),
            childhood_disease_max_age: values
                .as_ref()
                .map_or(i64::MAX, |v| v.questions_childhood_disease_max_age),
        }
    }

    fn asks_school(self, age: Option<i64>) -> bool {
        age.is_none_or(|age| age <= self.student_max_age)
    }

    fn offers_childhood_disease(self, age: Option<i64>) -> bool {
        age.is_none_or(|age| age <= self.childhood_disease_max_age)
    }
}

/// A member's age as far as it is known on this step: from a valid ID number, else the age typed.
fn known_age(id_number: &str, typed_age: &str) -> Option<i64> {
    let today = expect_context::<SiteContext>().today;
    if !id_number.trim().is_empty() {
        return NationalId::parse_on(id_number, today)
            .ok()
            .map(|id| id.age_on(today));
    }
    crate::rules::half_width_digits(typed_age.trim())
        .parse::<u8>()
        .ok()
        .map(i64::from)
}

fn member_fields(
    locale: Locale,
    prefix: &str,
    m: &MemberAnswers,
    e: &Errors,
    is_applicant: bool,
    age: Option<i64>,
) -> AnyView {
    let f = |name: &str| format!("{prefix}.{name}");
    let asks = AgeQuestions::from_site();
    let students = choices::students(locale);
    let mut diseases = choices::diseases(locale);
    if !asks.offers_childhood_disease(age) {
        let childhood = word_of(&SpecialDisease::ChildhoodLeukemia);
        diseases.retain(|(value, _)| *value != childhood);
    }
    let school = asks.asks_school(age).then(|| {
        view! {
            <Select name=f("student") label=locale.t(s::M_STUDENT) value=m.student.clone() options=students
                error=e.of(&f("student"))/>
        }
    });
    let identity = (!is_applicant).then(|| {
        view! {
            <TextInput name=f("relationship") label=locale.t(texts::RELATIONSHIP_TO_THE_APPLICANT)
                hint=locale.t(texts::FOR_EXAMPLE_SPOUSE_CHILD_PARENT)
                value=m.relationship.clone() error=e.of(&f("relationship"))/>
            <TextInput name=f("name") label=locale.t(texts::NAME)
                value=m.name.clone() error=e.of(&f("name"))/>
            <TextInput name=f("id_number") label=locale.t(texts::ID_CARD_NUMBER_IF_THEY)
                value=m.id_number.clone() error=e.of(&f("id_number"))/>
            <TextInput name=f("age") label=locale.t(texts::AGE_IF_NO_ID_CARD)
                value=m.age.clone() error=e.of(&f("age")) inputmode="numeric"/>
        }
    });
    view! {
        {identity}
        <p class="group-label">{locale.t(s::M_SITUATION)}</p>
        <div class="checkbox-grid">
            <CheckboxInput name=f("disabled") label=locale.t(s::M_DISABLED) checked=m.disabled/>
            <CheckboxInput name=f("serious_illness") label=locale.t(s::M_ILL) checked=m.serious_illness/>
            <CheckboxInput name=f("employed") label=locale.t(s::M_EMPLOYED) checked=m.employed/>
            <CheckboxInput name=f("able_to_work") label=locale.t(s::M_ABLE) checked=m.able_to_work/>
            <CheckboxInput name=f("needs_care") label=locale.t(s::M_CARE) checked=m.needs_care/>
        </div>
        {school}
        <Select name=f("special_disease") label=locale.t(s::M_DISEASE) value=m.special_disease.clone() options=diseases
            error=e.of(&f("special_disease"))/>
    }
    .into_any()
}

fn household(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    let counts: Vec<(String, String)> = (0..MAX_MEMBERS).map(|n| (n.to_string(), n.to_string())).collect();
    view! {
        <fieldset class="member">
            <legend>{locale.t(texts::THE_APPLICANT)}</legend>
            {member_fields(locale, "applicant", &a.household.applicant, e, true,
                known_age(&a.who.applicant_id_number, ""))}
        </fieldset>
        <Select name="member_count" label=locale.t(texts::HOW_MANY_OTHER_PEOPLE_LIVE)
            value=a.household.members.len().to_string() options=counts error=e.of("members")/>
        <button type="submit" class="button secondary" name="action" value="resize">
            {locale.t(texts::UPDATE_THE_NUMBER)}
        </button>
        {a.household.members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let prefix = format!("members[{i}]");
                view! {
                    <fieldset class="member">
                        <legend>{texts::household_member(locale, i + 1)}</legend>
                        {member_fields(locale, &prefix, m, e, false, known_age(&m.id_number, &m.age))}
                    </fieldset>
                }
            })
            .collect_view()}
    }
    .into_any()
}

fn means(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    let statuses = choices::statuses(locale);
    let status = if a.means.status.is_empty() {
        "none".to_string()
    } else {
        a.means.status.clone()
    };
    // Words for whoever fills the form in: a relative is asked about the applicant's household,
    // not their own (issue 24, item 4).
    let (status_question, homes_question, housing_question) = if a.who.on_behalf {
        (
            texts::Q_STATUS_OF_THE_APPLICANT,
            texts::Q_HOMES_OF_THE_APPLICANT,
            texts::Q_HOUSING_OF_THE_APPLICANT,
        )
    } else {
        (s::Q_STATUS, s::Q_HOMES, s::Q_HOUSING)
    };
    view! {
        <RadioGroup name="status" legend=locale.t(status_question) value=status options=statuses
            error=e.of("status")/>
        <TextInput name="annual_income" label=locale.t(s::Q_INCOME) hint=locale.t(s::Q_INCOME_HINT)
            value=a.means.annual_income.clone() error=e.of("annual_income") inputmode="decimal"/>
        // Per month or per year, as the resident knows it (issue 24, item 5).
        <RadioGroup name="income_period" legend=locale.t(s::Q_INCOME_PERIOD)
            value=if a.means.per_month() { "month".to_string() } else { "year".to_string() }
            options=vec![
                ("year".to_string(), locale.t(s::PER_YEAR).to_string()),
                ("month".to_string(), locale.t(s::PER_MONTH).to_string()),
            ]/>
        {a.means.per_month().then(|| a.means.income_of_the_year()).flatten().map(|year| view! {
            <p class="hint" id="income-of-the-year">{s::income_of_the_year(locale, year)}</p>
        })}
        <TextInput name="financial_assets" label=locale.t(s::Q_ASSETS)
            value=a.means.financial_assets.clone() error=e.of("financial_assets") inputmode="decimal"/>
        <TextInput name="extra_homes" label=locale.t(homes_question)
            value=a.means.extra_homes.clone() error=e.of("extra_homes") inputmode="numeric"/>
        <TextInput name="vehicles" label=locale.t(s::Q_VEHICLES)
            value=a.means.vehicles.clone() error=e.of("vehicles") inputmode="numeric"/>
        <CheckboxInput name="housing_hardship" label=locale.t(housing_question) checked=a.means.housing_hardship/>
    }
    .into_any()
}

fn circumstances(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    match AidType::parse(&a.who.aid_type) {
        Some(AidType::Emergency) => {
            let events = choices::events(locale);
            view! {
                <Select name="emergency_event" label=locale.t(s::Q_EVENT) value=a.emergency.emergency_event.clone()
                    options=events error=e.of("emergency_event")/>
                <TextInput name="emergency_event_date" label=locale.t(s::Q_EVENT_DATE)
                    value=a.emergency.emergency_event_date.clone() error=e.of("emergency_event_date")
                    input_type="date" inputmode="none"/>
                <TextArea name="emergency_description" label=locale.t(texts::TELL_US_BRIEFLY_WHAT_HAPPENED)
                    value=a.emergency.emergency_description.clone() error=e.of("emergency_description")/>
                <CheckboxInput name="emergency_serious_difficulty" label=locale.t(s::Q_SERIOUS)
                    checked=a.emergency.emergency_serious_difficulty/>
            }
            .into_any()
        }
        Some(AidType::Expense) => {
            let kinds = choices::expense_kinds(locale);
            view! {
                <Select name="expense_kind" label=locale.t(s::Q_EXPENSE_KIND) value=a.expense.expense_kind.clone()
                    options=kinds error=e.of("expense_kind")/>
                <TextInput name="expense_spent" label=locale.t(texts::HOW_MUCH_IT_COST_IN)
                    value=a.expense.expense_spent.clone() error=e.of("expense_spent") inputmode="decimal"/>
                <TextInput name="expense_reimbursed" label=locale.t(texts::HOW_MUCH_OF_IT_WAS)
                    hint=locale.t(texts::MEDICAL_INSURANCE_OTHER_INSURANCE_GRANTS)
                    value=a.expense.expense_reimbursed.clone() error=e.of("expense_reimbursed") inputmode="decimal"/>
                <TextArea name="expense_purpose" label=locale.t(texts::WHAT_THE_MONEY_WAS_SPENT)
                    value=a.expense.expense_purpose.clone() error=e.of("expense_purpose")/>
            }
            .into_any()
        }
        None => view! {
            <p class="field-error">
                {locale.t(texts::FIRST_CHOOSE_THE_KIND_OF)}
                " "
                <a href=paths::apply_step(Step::Applicant)>{locale.t(texts::GO_TO_STEP_1)}</a>
            </p>
        }
        .into_any(),
    }
}

fn payment(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    view! {
        <p class="hint">{locale.t(texts::IF_APPROVED_THE_MONEY_IS)}</p>
        <TextInput name="bank_name" label=locale.t(texts::BANK)
            value=a.payment.bank_name.clone() error=e.of("bank_name")/>
        <TextInput name="bank_card" label=locale.t(texts::CARD_NUMBER)
            value=a.payment.bank_card.clone() error=e.of("bank_card") inputmode="numeric"/>
        // Most often the applicant's own account: their name is there to keep or change, not
        // to type again (issue 24's journey).
        <TextInput name="account_holder" label=locale.t(texts::ACCOUNT_HOLDER)
            value=if a.payment.account_holder.is_empty() { a.who.applicant_name.clone() } else { a.payment.account_holder.clone() }
            error=e.of("account_holder")/>
    }
    .into_any()
}

/// "Check your answers": every answer with a change link, then the declaration and consent.
fn review(
    locale: Locale,
    a: &ApplicationAnswers,
    e: &Errors,
    documents: &[DocumentInfo],
    title: String,
    progress: String,
) -> AnyView {
    let today = expect_context::<SiteContext>().today;
    let mut rows = answer_rows(locale, a, today, Reader::Resident);
    // The documents sent, in the place of their step (issue 11, item 12), so that a missing
    // photo is seen before submitting, with a link back to send it.
    let sent: Vec<String> = documents
        .iter()
        .map(|d| DocumentKind::name_of_word(&d.kind, locale))
        .collect();
    let at = rows
        .iter()
        .position(|r| r.step.number() > Step::Documents.number())
        .unwrap_or(rows.len());
    rows.insert(
        at,
        AnswerRow {
            step: Step::Documents,
            label: locale.t(texts::DOCUMENTS_SENT),
            value: if sent.is_empty() {
                locale.t(texts::NOTHING_YET).to_string()
            } else {
                sent.join(locale.t(s::LIST_SEPARATOR))
            },
        },
    );
    let summary_title = locale.t(texts::THERE_IS_A_PROBLEM).to_string();
    // The declaration's fields first, so that the summary above them can name them.
    let problems = ProblemFields::default();
    provide_context(problems.clone());
    let declaration = view! {
        <form method="post" action=paths::apply_step(Step::Review) novalidate data-keep="">
            <TextInput name="declaration_name" label=locale.t(texts::TYPE_THE_APPLICANTS_NAME_AS)
                value=a.declaration.declaration_name.clone() error=e.of("declaration_name") autocomplete="name"/>
            <CheckboxInput name="consent" label=locale.t(texts::I_AGREE_TO_THE_DECLARATION)
                checked=a.declaration.consent error=e.of("consent")/>
            <CheckboxInput name="sms_consent" label=locale.t(texts::SEND_ME_TEXT_MESSAGES)
                checked=a.declaration.sms_consent/>
            <p class="hint">{locale.t(texts::TEXT_MESSAGES_HINT)}</p>
            <button type="submit" class="button" name="action" value="submit">{locale.t(texts::SUBMIT_THE_APPLICATION)}</button>
        </form>
    };
    view! {
        <Title text=format!("{title} - {}", locale.t(s::APPLY_PAGE_TITLE))/>
        <a class="back-link" href=paths::apply_step(Step::Payment)>{locale.t(texts::BACK)}</a>
        <p class="progress">{progress}</p>
        <ErrorSummary title=summary_title errors=problems.summary(locale, e.summary())/>
        <h1>{title}</h1>
        <AnswerSummary locale=locale rows=rows change=true/>
        <h2>{locale.t(texts::DECLARATION_AND_CONSENT)}</h2>
        <p>{locale.t(texts::I_DECLARE_THAT_THESE_ANSWERS)}</p>
        <p class="panel" data-restored="" hidden>
            {locale.t(texts::WE_PUT_BACK_WHAT_YOU)}
        </p>
        {declaration}
        <script src="/keeper.js" defer></script>
    }
    .into_any()
}

/// The documents step: what is usually needed, what was sent, and a form to send a photo.
/// Its forms are separate (upload, remove, continue), so it is laid out on its own.
fn documents_step(
    locale: Locale,
    a: &ApplicationAnswers,
    e: &Errors,
    documents: &[DocumentInfo],
    title: String,
    progress: String,
) -> AnyView {
    let needed: Vec<DocumentKind> = match AidType::parse(&a.who.aid_type) {
        Some(AidType::Expense) => vec![
            DocumentKind::IdCard,
            DocumentKind::HouseholdRegister,
            DocumentKind::HospitalBill,
        ],
        _ => vec![
            DocumentKind::IdCard,
            DocumentKind::HouseholdRegister,
            DocumentKind::Certificate,
        ],
    };
    let kinds: Vec<(String, String)> = DocumentKind::ALL
        .iter()
        .map(|k| (k.word().to_string(), k.name(locale).to_string()))
        .collect();
    let sent = documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let label = DocumentKind::name_of_word(&d.kind, locale);
            let number = i + 1;
            let select_id = format!("document-{}-kind", d.id);
            // Its kind, never its size in KB: words a resident reads (issue 24, item 9). Several
            // photos sent at once took one kind: each can be named after (item 1).
            view! {
                <li data-document=d.kind.clone() data-document-id=d.id.to_string()>
                    <form method="post" action=paths::APPLY_DOCUMENTS_KIND class="document-kind">
                        <input type="hidden" name="id" value=d.id.to_string()/>
                        <label for=select_id.clone()>{texts::photo_number(locale, number)}</label>
                        <select id=select_id name="kind">
                            {DocumentKind::ALL.iter().map(|k| {
                                let selected = k.word() == d.kind;
                                view! { <option value=k.word() selected=selected>{k.name(locale)}</option> }
                            }).collect_view()}
                        </select>
                        <div class="button-group">
                            <button type="submit" class="button secondary small">
                                {locale.t(texts::SAVE_WHAT_IT_IS)}
                                <span class="visually-hidden">{format!(" {}", texts::photo_number(locale, number))}</span>
                            </button>
                        </div>
                    </form>
                    <form method="post" action=paths::APPLY_DOCUMENTS_REMOVE class="inline">
                        <input type="hidden" name="id" value=d.id.to_string()/>
                        <button type="submit" class="button secondary small">
                            {locale.t(texts::REMOVE)}
                            <span class="visually-hidden">{format!(" {}（{label}）", texts::photo_number(locale, number))}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let full = documents.len() >= MAX_DOCUMENTS;
    let summary_title = locale.t(texts::THERE_IS_A_PROBLEM);
    view! {
        <Title text=format!("{title} - {}", locale.t(s::APPLY_PAGE_TITLE))/>
        <a class="back-link" href=paths::apply_step(Step::Circumstances)>{locale.t(texts::BACK)}</a>
        <p class="progress">{progress}</p>
        <ErrorSummary title=summary_title errors=e.summary()/>
        <h1>{title}</h1>
        <p>{locale.t(texts::TAKE_PHOTOS_OF_THESE_PAPERS)}</p>
        <ul class="list">
            {needed.into_iter().map(|k| view! { <li>{k.name(locale)}</li> }).collect_view()}
        </ul>
        <h2>{locale.t(texts::SENT_SO_FAR)}</h2>
        {if documents.is_empty() {
            view! { <p class="hint">{locale.t(texts::NOTHING_YET)}</p> }.into_any()
        } else {
            view! { <ul class="list documents">{sent}</ul> }.into_any()
        }}
        // One form: the photos chosen go with whichever button is pressed, so that pressing
        // 继续 after choosing a photo never drops it (issue 24, item 1).
        <form method="post" action=paths::APPLY_DOCUMENTS enctype="multipart/form-data" class="upload" novalidate>
            {(!full).then(|| view! {
                <Select name="kind" label=locale.t(texts::WHAT_IS_IT) value=String::new() options=kinds.clone()/>
                <div class="field" class:field-invalid=e.of("document").is_some()>
                    <label for="document" class="file-label">{locale.t(texts::TAKE_OR_CHOOSE_PHOTOS)}</label>
                    <p class="hint" id="document-hint">{texts::documents_size_limit(locale, MAX_DOCUMENT_BYTES / 1024 / 1024, MAX_FILES_AT_ONCE)}</p>
                    {e.of("document").map(|m| view! { <p class="field-error" id="document-error">{m}</p> })}
                    <input type="file" id="document" name="file" accept="image/*,application/pdf" data-shrink="" multiple
                        aria-describedby=if e.of("document").is_some() { "document-hint document-error" } else { "document-hint" }/>
                </div>
            })}
            <div class="button-group">
                <button type="submit" class="button" name="action" value="next">{locale.t(texts::CONTINUE)}</button>
                {(!full).then(|| view! {
                    <button type="submit" class="button secondary" name="action" value="upload">{locale.t(texts::UPLOAD_AND_ADD_MORE)}</button>
                })}
                <button type="submit" class="button secondary" name="action" value="back">{locale.t(texts::GO_BACK)}</button>
            </div>
        </form>
        // Shrinks a photo to a long side of 2000 px before it is sent (public/shrink.js).
        <script src="/shrink.js" defer></script>
    }
    .into_any()
}
