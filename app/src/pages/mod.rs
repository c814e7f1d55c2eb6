//! Resident pages, and the staff pages in `staff/`.

mod apply;
mod check;
mod not_found;
mod offline;
mod publicity;
pub mod staff;
mod track;

pub use apply::{ApplyPage, ApplyStepPage, ConfirmationPage};
pub use check::CheckPage;
pub use not_found::NotFound;
pub use offline::OfflinePage;
pub use publicity::PublicityPage;
pub use track::{FamilyPage, TrackPage, TrackRoute};
