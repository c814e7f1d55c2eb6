//! Resident pages. Staff pages come with the review queue.

mod apply;
mod check;
mod not_found;
mod track;

pub use apply::{ApplyPage, ApplyStepPage, ConfirmationPage};
pub use check::CheckPage;
pub use not_found::NotFound;
pub use track::{FamilyPage, TrackPage};
