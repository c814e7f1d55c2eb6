//! The application journey: before you start, the steps, the confirmation.

mod confirmation;
mod start;
mod steps;

pub use confirmation::ConfirmationPage;
pub use start::ApplyPage;
pub use steps::ApplyStepPage;
