//! Pieces of pages. `check` holds the one island of the check page.

pub mod answers;
pub mod chart;
pub mod check;
pub mod contact;
pub mod form;
pub mod scroll;
