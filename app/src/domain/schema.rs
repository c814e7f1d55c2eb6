//! What the OpenAPI document says of the application's answers where a Rust type alone does
//! not say it: the choices a field offers (the same lists the pages offer), and the fields a
//! form sends as text that the API may send as a number. Used by the `ToSchema` derives of
//! domain/application.rs; the server serves the document derived from them.

use crate::i18n::{Locale, choices};
use crate::rules::MAX_MEMBERS;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};

/// One of the words of a choice list (its values, not its labels).
fn words(list: choices::Choices, with_empty: bool) -> RefOr<Schema> {
    let words: Vec<String> = list
        .into_iter()
        .map(|(word, _)| word)
        .filter(|w| with_empty || !w.is_empty())
        .collect();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(words))
        .into()
}

/// One of the district's 30 towns, by its full name.
pub fn town() -> RefOr<Schema> {
    words(choices::towns(Locale::Zh), false)
}

/// `none`, `dibao` (城市低保), `rural_dibao` (农村低保) or `tekun` (特困供养) (empty: none).
pub fn status() -> RefOr<Schema> {
    words(choices::statuses(Locale::Zh), true)
}

/// What happened, for emergency aid (empty for expense-based aid).
pub fn event() -> RefOr<Schema> {
    words(choices::events(Locale::Zh), true)
}

/// What the money went on, for expense-based aid (empty for emergency aid).
pub fn expense_kind() -> RefOr<Schema> {
    words(choices::expense_kinds(Locale::Zh), true)
}

/// A special disease of the notice (empty: none).
pub fn special_disease() -> RefOr<Schema> {
    words(choices::diseases(Locale::Zh), true)
}

/// The school a member attends (empty: none).
pub fn student() -> RefOr<Schema> {
    words(choices::students(Locale::Zh), true)
}

/// Text as a form sends it, or a number as the API may.
fn text_or_number(text: ObjectBuilder, number: ObjectBuilder) -> RefOr<Schema> {
    OneOfBuilder::new()
        .item(text.schema_type(Type::String))
        .item(number)
        .into()
}

/// An amount in yuan: `12,000`, `12000元`, `９６００` (full-width digits), `0.96万` (万 is ten
/// thousand), `0`, or a number with at most two decimals (issue 24, item 5).
pub fn amount() -> RefOr<Schema> {
    text_or_number(
        ObjectBuilder::new()
            .pattern(Some(
                r"^\s*[¥￥]?\s*[0-9０-９][0-9０-９,，]*(([.．][0-9０-９]{1,2})?|([.．][0-9０-９]{1,6})?\s*万)\s*元?\s*$",
            ))
            .max_length(Some(20)),
        ObjectBuilder::new()
            .schema_type(Type::Number)
            .minimum(Some(0.0))
            .maximum(Some(1e9))
            .multiple_of(Some(0.01)),
    )
}

/// A count of homes or vehicles (blank: none).
pub fn count() -> RefOr<Schema> {
    text_or_number(
        ObjectBuilder::new().pattern(Some(r"^\s*[0-9]{0,4}\s*$")),
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0.0))
            .maximum(Some(9999.0)),
    )
}

/// An age in whole years, when the member has no ID number.
pub fn age() -> RefOr<Schema> {
    text_or_number(
        ObjectBuilder::new().pattern(Some(r"^\s*[0-9]{0,3}\s*$")),
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0.0))
            .maximum(Some(130.0)),
    )
}

/// The other members of the household (the applicant is counted apart).
pub fn members() -> RefOr<Schema> {
    ArrayBuilder::new()
        .items(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
            "MemberAnswers",
        )))
        .max_items(Some(MAX_MEMBERS - 1))
        .into()
}
