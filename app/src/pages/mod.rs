//! Resident pages. Staff pages come with the review queue.

mod apply;
mod check;
mod not_found;

pub use apply::ApplyPage;
pub use check::CheckPage;
pub use not_found::NotFound;
