//! The steps of the application, one small group of questions each. Every step is a plain
//! form posted to the server, which keeps the answers in the draft and comes back here with
//! the errors, so the journey works without JavaScript and nothing typed is lost.

use crate::components::answers::{AnswerSummary, Reader, answer_rows};
use crate::components::form::{CheckboxInput, ErrorSummary, RadioGroup, Select, TextArea, TextInput};
use crate::context::{SiteContext, StepContext, use_locale};
use crate::domain::document::{MAX_DOCUMENT_BYTES, MAX_DOCUMENTS};
use crate::domain::{AidType, ApplicationAnswers, DocumentInfo, DocumentKind, MemberAnswers, Step};
use crate::i18n::{Locale, choices, strings as s};
use crate::paths;
use crate::rules::{FieldError, MAX_MEMBERS};
use leptos::prelude::*;
use leptos_meta::Title;

fn step_title(step: Step) -> (&'static str, &'static str) {
    match step {
        Step::Applicant => ("申请人", "About the applicant"),
        Step::Household => ("家庭成员", "Who lives with you"),
        Step::Means => ("收入和财产", "Income and property"),
        Step::Circumstances => ("发生了什么", "What happened"),
        Step::Documents => ("材料照片", "Photos of your documents"),
        Step::Payment => ("收款账户", "Where to pay the money"),
        Step::Review => ("核对并提交", "Check your answers and apply"),
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
    let answers = draft.answers;
    let (zh, en) = step_title(step);
    let title = locale.pick(zh, en).to_string();
    let progress = locale.pick(
        format!("第 {} 步，共 {} 步", step.number(), Step::ALL.len()),
        format!("Step {} of {}", step.number(), Step::ALL.len()),
    );
    let back = step.previous().map(|p| {
        view! {
            <a class="back-link" href=paths::apply_step(p)>{locale.pick("返回上一步", "Back")}</a>
        }
    });
    let summary_title = locale.pick("请修改以下内容", "There is a problem").to_string();
    let body = match step {
        Step::Applicant => applicant(locale, &answers, &errors).into_any(),
        Step::Household => household(locale, &answers, &errors).into_any(),
        Step::Means => means(locale, &answers, &errors).into_any(),
        Step::Circumstances => circumstances(locale, &answers, &errors).into_any(),
        Step::Payment => payment(locale, &answers, &errors).into_any(),
        Step::Documents => return documents_step(locale, &answers, &errors, &documents, title, progress),
        Step::Review => return review(locale, &answers, &errors, title, progress).into_any(),
    };
    view! {
        <Title text=format!("{title} - {}", locale.t(s::APPLY_PAGE_TITLE))/>
        {back}
        <p class="progress">{progress}</p>
        <ErrorSummary title=summary_title errors=errors.summary()/>
        <h1>{title}</h1>
        <p class="panel" data-restored="" hidden>
            {locale.pick("已恢复您上次还没提交的内容，请检查后继续。", "We put back what you typed last time but had not sent. Check it, then continue.")}
        </p>
        <form method="post" action=paths::apply_step(step) novalidate data-keep="">
            {body}
            <button type="submit" class="button" name="action" value="next">
                {locale.pick("继续", "Continue")}
            </button>
            {step.previous().map(|_| view! {
                <button type="submit" class="button secondary" name="action" value="back">
                    {locale.pick("保存并返回上一步", "Save and go back")}
                </button>
            })}
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
            locale
                .pick(
                    "急难型：火灾、事故、突发重病等意外",
                    "Emergency: a fire, accident, sudden illness or other event",
                )
                .to_string(),
        ),
        (
            "expense".to_string(),
            locale
                .pick(
                    "支出型：看病或上学的大额支出",
                    "Expense-based: large medical or education costs",
                )
                .to_string(),
        ),
    ];
    view! {
        <RadioGroup
            name="aid_type"
            legend=locale.pick("申请哪一类救助", "Which kind of aid")
            value=a.who.aid_type.clone()
            options=aid_types
            error=e.of("aid_type")
        />
        <TextInput name="applicant_name" label=locale.pick("申请人姓名", "Applicant's full name")
            value=a.who.applicant_name.clone() error=e.of("applicant_name") autocomplete="name"/>
        <TextInput name="applicant_id_number" label=locale.pick("申请人身份证号码", "Applicant's ID card number")
            hint=locale.pick("18 位，最后一位可能是 X。", "18 characters; the last may be X.")
            value=a.who.applicant_id_number.clone() error=e.of("applicant_id_number")/>
        <TextInput name="applicant_phone" label=locale.pick("手机号码", "Mobile number")
            hint=locale.pick("用来查询进度，镇街也会打这个电话联系您。", "Used to track the application; the town will call this number.")
            value=a.who.applicant_phone.clone() error=e.of("applicant_phone")
            input_type="tel" inputmode="tel" autocomplete="tel"/>
        <Select name="town" label=locale.pick("所在镇街", "Town or subdistrict")
            value=a.who.town.clone() options=towns error=e.of("town")/>
        <TextInput name="address" label=locale.pick("现在的住址", "Current address")
            value=a.who.address.clone() error=e.of("address") autocomplete="street-address"/>
        <CheckboxInput name="on_behalf" label=locale.pick("我在替家人或其他人申请", "I am applying for a relative or someone else")
            checked=a.who.on_behalf/>
        <div class="follow-up">
            <p class="hint">{locale.pick("替人申请时请填写您自己的信息：", "If you are applying for someone else, your own details:")}</p>
            <TextInput name="helper_name" label=locale.pick("您的姓名", "Your name")
                value=a.who.helper_name.clone() error=e.of("helper_name")/>
            <TextInput name="helper_relationship" label=locale.pick("您和申请人的关系", "Your relationship to the applicant")
                value=a.who.helper_relationship.clone() error=e.of("helper_relationship")/>
            <TextInput name="helper_phone" label=locale.pick("您的手机号码", "Your mobile number")
                value=a.who.helper_phone.clone() error=e.of("helper_phone") input_type="tel" inputmode="tel"/>
        </div>
    }
    .into_any()
}

fn member_fields(locale: Locale, prefix: &str, m: &MemberAnswers, e: &Errors, is_applicant: bool) -> AnyView {
    let f = |name: &str| format!("{prefix}.{name}");
    let students = choices::students(locale);
    let diseases = choices::diseases(locale);
    let identity = (!is_applicant).then(|| {
        view! {
            <TextInput name=f("relationship") label=locale.pick("和申请人的关系", "Relationship to the applicant")
                hint=locale.pick("例如：配偶、子女、父母", "For example: spouse, child, parent")
                value=m.relationship.clone() error=e.of(&f("relationship"))/>
            <TextInput name=f("name") label=locale.pick("姓名", "Name")
                value=m.name.clone() error=e.of(&f("name"))/>
            <TextInput name=f("id_number") label=locale.pick("身份证号码（没有可以不填）", "ID card number (if they have one)")
                value=m.id_number.clone() error=e.of(&f("id_number"))/>
            <TextInput name=f("age") label=locale.pick("年龄（没填身份证号码时填写）", "Age (if no ID card number)")
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
        <Select name=f("student") label=locale.t(s::M_STUDENT) value=m.student.clone() options=students
            error=e.of(&f("student"))/>
        <Select name=f("special_disease") label=locale.t(s::M_DISEASE) value=m.special_disease.clone() options=diseases
            error=e.of(&f("special_disease"))/>
    }
    .into_any()
}

fn household(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    let counts: Vec<(String, String)> = (0..MAX_MEMBERS).map(|n| (n.to_string(), n.to_string())).collect();
    view! {
        <fieldset class="member">
            <legend>{locale.pick("申请人本人", "The applicant")}</legend>
            {member_fields(locale, "applicant", &a.household.applicant, e, true)}
        </fieldset>
        <Select name="member_count" label=locale.pick("除申请人外，还有几人一起生活", "How many other people live with the applicant")
            value=a.household.members.len().to_string() options=counts error=e.of("members")/>
        <button type="submit" class="button secondary" name="action" value="resize">
            {locale.pick("更新人数", "Update the number")}
        </button>
        {a.household.members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let prefix = format!("members[{i}]");
                view! {
                    <fieldset class="member">
                        <legend>{locale.pick(format!("家庭成员 {}", i + 1), format!("Household member {}", i + 1))}</legend>
                        {member_fields(locale, &prefix, m, e, false)}
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
    view! {
        <RadioGroup name="status" legend=locale.t(s::Q_STATUS) value=status options=statuses
            error=e.of("status")/>
        <TextInput name="annual_income" label=locale.t(s::Q_INCOME) hint=locale.t(s::Q_INCOME_HINT)
            value=a.means.annual_income.clone() error=e.of("annual_income") inputmode="decimal"/>
        <TextInput name="financial_assets" label=locale.t(s::Q_ASSETS)
            value=a.means.financial_assets.clone() error=e.of("financial_assets") inputmode="decimal"/>
        <TextInput name="extra_homes" label=locale.t(s::Q_HOMES)
            value=a.means.extra_homes.clone() error=e.of("extra_homes") inputmode="numeric"/>
        <TextInput name="vehicles" label=locale.t(s::Q_VEHICLES)
            value=a.means.vehicles.clone() error=e.of("vehicles") inputmode="numeric"/>
        <CheckboxInput name="housing_hardship" label=locale.t(s::Q_HOUSING) checked=a.means.housing_hardship/>
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
                <TextArea name="emergency_description" label=locale.pick("请简单说说发生了什么、现在有什么困难", "Tell us briefly what happened and what you are struggling with now")
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
                <TextInput name="expense_spent" label=locale.pick("过去 12 个月一共花了多少（元）", "How much it cost in the last 12 months (yuan)")
                    value=a.expense.expense_spent.clone() error=e.of("expense_spent") inputmode="decimal"/>
                <TextInput name="expense_reimbursed" label=locale.pick("其中报销或赔付了多少（元）", "How much of it was reimbursed or paid by insurance (yuan)")
                    hint=locale.pick("医保报销、商业保险、奖助学金等；没有就填 0。", "Medical insurance, other insurance, grants; write 0 if none.")
                    value=a.expense.expense_reimbursed.clone() error=e.of("expense_reimbursed") inputmode="decimal"/>
                <TextArea name="expense_purpose" label=locale.pick("这笔钱花在什么上", "What the money was spent on")
                    value=a.expense.expense_purpose.clone() error=e.of("expense_purpose")/>
            }
            .into_any()
        }
        None => view! {
            <p class="field-error">
                {locale.pick("请先在第 1 步选择申请哪一类救助。", "First choose the kind of aid in step 1.")}
                " "
                <a href=paths::apply_step(Step::Applicant)>{locale.pick("去第 1 步", "Go to step 1")}</a>
            </p>
        }
        .into_any(),
    }
}

fn payment(locale: Locale, a: &ApplicationAnswers, e: &Errors) -> AnyView {
    view! {
        <p class="hint">{locale.pick("批准后，救助金打到这个账户。", "If approved, the money is paid into this account.")}</p>
        <TextInput name="bank_name" label=locale.pick("开户银行", "Bank")
            value=a.payment.bank_name.clone() error=e.of("bank_name")/>
        <TextInput name="bank_card" label=locale.pick("银行卡号", "Card number")
            value=a.payment.bank_card.clone() error=e.of("bank_card") inputmode="numeric"/>
        <TextInput name="account_holder" label=locale.pick("户名", "Account holder")
            value=a.payment.account_holder.clone() error=e.of("account_holder")/>
    }
    .into_any()
}

/// "Check your answers": every answer with a change link, then the declaration and consent.
fn review(locale: Locale, a: &ApplicationAnswers, e: &Errors, title: String, progress: String) -> AnyView {
    let today = expect_context::<SiteContext>().today;
    let rows = answer_rows(locale, a, today, Reader::Resident);
    let summary_title = locale.pick("请修改以下内容", "There is a problem").to_string();
    view! {
        <Title text=format!("{title} - {}", locale.t(s::APPLY_PAGE_TITLE))/>
        <a class="back-link" href=paths::apply_step(Step::Payment)>{locale.pick("返回上一步", "Back")}</a>
        <p class="progress">{progress}</p>
        <ErrorSummary title=summary_title errors=e.summary()/>
        <h1>{title}</h1>
        <AnswerSummary locale=locale rows=rows change=true/>
        <h2>{locale.pick("声明和授权", "Declaration and consent")}</h2>
        <p>{locale.pick(
            "我保证所填内容真实、完整。如有隐瞒或虚报，愿意退回救助金并承担相应责任。我同意民政部门对我家庭的收入、财产等经济状况进行核对（家庭经济状况核对授权）。",
            "I declare that these answers are true and complete; if anything was hidden or false I will repay the aid and accept the consequences. I agree that the civil-affairs department may check my household's income and property (家庭经济状况核对授权).",
        )}</p>
        <p class="panel" data-restored="" hidden>
            {locale.pick("已恢复您上次还没提交的内容，请检查后继续。", "We put back what you typed last time but had not sent. Check it, then continue.")}
        </p>
        <form method="post" action=paths::apply_step(Step::Review) novalidate data-keep="">
            <TextInput name="declaration_name" label=locale.pick("请输入申请人姓名作为签名", "Type the applicant's name as a signature")
                value=a.declaration.declaration_name.clone() error=e.of("declaration_name") autocomplete="name"/>
            <CheckboxInput name="consent" label=locale.pick("我同意以上声明和家庭经济状况核对", "I agree to the declaration and the household means check")
                checked=a.declaration.consent error=e.of("consent")/>
            <button type="submit" class="button" name="action" value="submit">{locale.pick("提交申请", "Submit the application")}</button>
        </form>
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
        .map(|k| {
            (
                k.word().to_string(),
                locale.pick(k.label().0, k.label().1).to_string(),
            )
        })
        .collect();
    let sent = documents
        .iter()
        .map(|d| {
            let label = DocumentKind::parse(&d.kind)
                .map(|k| locale.pick(k.label().0, k.label().1))
                .unwrap_or("");
            let size = format!("{} KB", (d.byte_size + 1023) / 1024);
            view! {
                <li data-document=d.kind.clone()>
                    {label} " (" {size} ") "
                    <form method="post" action=paths::APPLY_DOCUMENTS_REMOVE class="inline">
                        <input type="hidden" name="id" value=d.id.to_string()/>
                        <button type="submit" class="link-button">
                            {locale.pick("删除", "Remove")}
                            <span class="visually-hidden">{format!(" {label}")}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let full = documents.len() >= MAX_DOCUMENTS;
    let summary_title = locale.pick("请修改以下内容", "There is a problem");
    view! {
        <Title text=format!("{title} - {}", locale.t(s::APPLY_PAGE_TITLE))/>
        <a class="back-link" href=paths::apply_step(Step::Circumstances)>{locale.pick("返回上一步", "Back")}</a>
        <p class="progress">{progress}</p>
        <ErrorSummary title=summary_title errors=e.summary()/>
        <h1>{title}</h1>
        <p>{locale.pick("请拍照上传这些材料。现在拍不了也可以先提交，镇街受理时再补交。", "Take photos of these papers. If you cannot now, you can still apply and give them to your town later.")}</p>
        <ul class="list">
            {needed.into_iter().map(|k| view! { <li>{locale.pick(k.label().0, k.label().1)}</li> }).collect_view()}
        </ul>
        <h2>{locale.pick("已上传", "Sent so far")}</h2>
        {if documents.is_empty() {
            view! { <p class="hint">{locale.pick("还没有上传材料。", "Nothing yet.")}</p> }.into_any()
        } else {
            view! { <ul class="list documents">{sent}</ul> }.into_any()
        }}
        {(!full).then(|| view! {
            <form method="post" action=paths::APPLY_DOCUMENTS enctype="multipart/form-data" class="upload">
                <Select name="kind" label=locale.pick("这是什么材料", "What is it") value=String::new() options=kinds.clone()/>
                <div class="field" class:field-invalid=e.of("document").is_some()>
                    <label for="document">{locale.pick("拍照或选择照片", "Take or choose a photo")}</label>
                    <p class="hint" id="document-hint">{locale.pick(
                        format!("照片或 PDF，每个不超过 {} MB。", MAX_DOCUMENT_BYTES / 1024 / 1024),
                        format!("A photo or a PDF, up to {} MB each.", MAX_DOCUMENT_BYTES / 1024 / 1024),
                    )}</p>
                    {e.of("document").map(|m| view! { <p class="field-error" id="document-error">{m}</p> })}
                    <input type="file" id="document" name="file" accept="image/*,application/pdf" data-shrink=""
                        aria-describedby=if e.of("document").is_some() { "document-hint document-error" } else { "document-hint" }/>
                </div>
                <button type="submit" class="button secondary">{locale.pick("上传", "Upload")}</button>
            </form>
        })}
        <form method="post" action=paths::apply_step(Step::Documents) novalidate>
            <button type="submit" class="button" name="action" value="next">{locale.pick("继续", "Continue")}</button>
            <button type="submit" class="button secondary" name="action" value="back">{locale.pick("返回上一步", "Go back")}</button>
        </form>
        // Shrinks a photo to a long side of 2000 px before it is sent (public/shrink.js).
        <script src="/shrink.js" defer></script>
    }
    .into_any()
}
