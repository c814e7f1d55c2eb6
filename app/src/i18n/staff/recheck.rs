//! The words of the re-check mark (issue 12): what the figures in force today would change.

use super::yuan;
use crate::domain::recheck::{Difference, approver_of, outcome_of};
use crate::i18n::strings::{approver, outcome};
use crate::i18n::{Locale, Text};

pub const NEW_FIGURES: Text = Text("按新标准", "New figures");
pub const NO_TIER: Text = Text("无", "none");

/// "按新标准：可能符合，原为可能不符合；救助金额 1,600 元，原为 1,092 元": each figure that
/// differs, as it would be now and as it was assessed.
pub fn mark(locale: Locale, d: &Difference) -> String {
    let tier = |word: &str| {
        approver_of(word)
            .map(|a| locale.t(approver(a)))
            .unwrap_or(locale.t(NO_TIER))
    };
    let mut parts = Vec::new();
    if let Some(o) = &d.outcome {
        let (now, was) = (
            locale.t(outcome(outcome_of(&o.now))),
            locale.t(outcome(outcome_of(&o.was))),
        );
        parts.push(locale.pick(format!("{now}，原为{was}"), format!("{now} (was {was})")));
    }
    if let Some(a) = &d.amount {
        let (now, was) = (yuan(locale, a.now), yuan(locale, a.was));
        parts.push(locale.pick(
            format!("救助金额 {now}，原为 {was}"),
            format!("amount {now} (was {was})"),
        ));
    }
    if let Some(c) = &d.cap {
        let (now, was) = (yuan(locale, c.now), yuan(locale, c.was));
        parts.push(locale.pick(
            format!("封顶线 {now}，原为 {was}"),
            format!("cap {now} (was {was})"),
        ));
    }
    if let Some(t) = &d.approver {
        let (now, was) = (tier(&t.now), tier(&t.was));
        parts.push(locale.pick(
            format!("审批层级 {now}，原为 {was}"),
            format!("approval by {now} (was {was})"),
        ));
    }
    locale.pick(
        format!("按新标准：{}", parts.join("；")),
        format!("Under the new figures: {}", parts.join("; ")),
    )
}
