//! The portal's own types, shared by both halves: validated on construction, so that the rest
//! of the code trusts them. A bare `String` never carries an ID or phone number.

pub mod application;
pub mod bank_card;
pub mod casefile;
pub mod checks;
pub mod clock;
pub mod document;
pub mod document_request;
pub mod form;
pub mod message_kind;
pub mod messages;
pub mod national_id;
pub mod phone;
pub mod proposals;
pub mod recheck;
pub mod reference;
pub mod reports;
pub mod review;
#[cfg(feature = "ssr")]
pub mod schema;
pub mod town_contact;
pub mod tracking;
pub mod words;

pub use application::{AidType, ApplicationAnswers, MemberAnswers, Step, ValidApplication};
pub use bank_card::BankCard;
pub use document::{DocumentInfo, DocumentKind};
pub use national_id::{NationalId, NationalIdError};
pub use phone::PhoneNumber;
pub use reference::ReferenceNumber;
pub use tracking::{Draft, TimelineEvent, Tracked};
