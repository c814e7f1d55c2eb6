//! The sender: in every portal process, a task that claims due texts from the outbox, sends
//! each through the channel and records what became of it, then asks the provider for the
//! delivery receipts of the texts it took (delivered, or failed for good). Several processes on one
//! PostgreSQL database share the work; a message is claimed by one at a time (db/outbox.rs).
//!
//! Temporary failures are tried again after 5 s, 10 s, 20 s … and then every minute, so that
//! a text goes out within about a minute of the provider's return; after a day of failing the
//! sender gives up on it (a permanent failure, for the town to phone instead).

use super::{Outcome, Receipt, Sent, Sms, SmsChannel, masked};
use crate::clock::Clock;
use crate::db::Store;
use crate::db::outbox::{Attempt, Claimed, ReceiptAnswer};
use crate::parameters::ParameterStore;
use app::domain::messages::{MessageKind, NumberLimits, next_receipt_look};
use app::rules::Parameters;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// How long a claim holds a message: longer than any one request may take.
const LEASE: Duration = Duration::minutes(2);
/// Texts claimed at once.
const BATCH: i64 = 20;
/// How often an idle sender looks for due texts.
const IDLE: std::time::Duration = std::time::Duration::from_secs(1);
/// How often, by the portal's clock, the emergencies waiting too long are looked for and the
/// backlog is reported while texts wait.
const EVERY_MINUTE: Duration = Duration::minutes(1);
/// How long a text is tried before the sender gives up on it.
const GIVE_UP_AFTER: Duration = Duration::hours(24);

/// The wait before the next attempt, after `attempts` failed ones: doubling from 5 s, never
/// more than a minute.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 5) - 1).unwrap_or(4);
    Duration::seconds((5 * 2i64.pow(exponent)).min(60))
}

pub struct Sender {
    store: Store,
    channel: Arc<dyn SmsChannel>,
    clock: Clock,
    /// Where the per-number limits are read, at every batch (a change approved on
    /// /staff/admin is in force within seconds). None: the embedded defaults, for tests and
    /// benchmarks that hand the sender a store of their own.
    parameters: Option<ParameterStore>,
    /// The embedded defaults, read once.
    defaults: Arc<Parameters>,
}

impl Sender {
    pub fn new(store: Store, channel: Arc<dyn SmsChannel>, clock: Clock) -> Sender {
        Sender {
            store,
            channel,
            clock,
            parameters: None,
            defaults: Arc::new(Parameters::defaults()),
        }
    }

    /// Reads the per-number limits from the portal's managed parameters.
    pub fn with_parameters(self, parameters: ParameterStore) -> Sender {
        Sender {
            parameters: Some(parameters),
            ..self
        }
    }

    fn number_limits(&self) -> NumberLimits {
        let set = self
            .parameters
            .as_ref()
            .map_or_else(|| self.defaults.clone(), ParameterStore::current);
        let today = self.clock.today();
        // A set that starts after today cannot be in force; the defaults' limits hold then.
        let values = set
            .on(today)
            .or_else(|_| self.defaults.on(today))
            .expect("the embedded defaults start in 2019");
        NumberLimits::in_force(&values)
    }

    /// The working days as the parameters in force know them today.
    fn working_days(&self) -> app::rules::WorkingDays {
        let set = self
            .parameters
            .as_ref()
            .map_or_else(|| self.defaults.clone(), ParameterStore::current);
        set.calendar.as_of(self.clock.today())
    }

    /// Sends until `stop` resolves; a batch being sent then is finished first.
    pub async fn run(self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        // The first look at once, then every minute.
        let mut looked: Option<DateTime<Utc>> = None;
        loop {
            let sent = match self.drain_once().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = ?e, "the sender cannot reach the outbox; it tries again");
                    0
                }
            };
            let asked = match self.ask_receipts_once().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = ?e, "the sender cannot record receipts; it tries again");
                    0
                }
            };
            let now = self.clock.now();
            if looked.is_none_or(|at| now - at >= EVERY_MINUTE) {
                looked = Some(now);
                self.every_minute().await;
            }
            let pause = if sent + asked == 0 {
                IDLE
            } else {
                std::time::Duration::ZERO
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = &mut stop => return,
            }
        }
    }

    /// What is looked at once a minute: the emergencies still not accepted half-way to their
    /// deadline (an alert to 区民政局's duty numbers), the document requests due on the next
    /// working day with something missing (a reminder to the applicant), and the backlog,
    /// logged while texts wait.
    async fn every_minute(&self) {
        match self.store.escalate_waiting_emergencies(self.clock.now()).await {
            Ok(0) => {}
            Ok(alerts) => tracing::warn!(
                alerts,
                "emergencies not accepted half-way to their deadline: 区民政局 alerted"
            ),
            Err(e) => tracing::warn!(error = ?e, "cannot look for the emergencies waiting too long"),
        }
        match self
            .store
            .remind_documents_due(self.clock.now(), &self.working_days())
            .await
        {
            Ok(0) => {}
            Ok(reminders) => tracing::info!(reminders, "applicants reminded of documents due"),
            Err(e) => tracing::warn!(error = ?e, "cannot look for the document requests due"),
        }
        match self.store.message_backlog().await {
            Ok(0) => {}
            Ok(waiting) => tracing::warn!(waiting, "texts waiting to be sent"),
            Err(e) => tracing::warn!(error = ?e, "cannot count the texts waiting"),
        }
    }

    /// Asks the provider for the receipts due now; how many were asked for.
    pub async fn ask_receipts_once(&self) -> Result<usize, crate::db::BackendError> {
        let asked_at = self.clock.now();
        let due = self.store.claim_receipts(asked_at, LEASE, BATCH).await?;
        for text in &due {
            let sent = Sent {
                phone: &text.phone,
                provider_id: &text.provider_id,
                sent_at: text.sent_at,
            };
            let now = self.clock.now();
            let answer = match self.channel.receipt(&sent).await {
                Receipt::Delivered => ReceiptAnswer::Delivered,
                Receipt::Failed(error) => {
                    tracing::error!(message = text.id, error, "a text was not delivered");
                    ReceiptAnswer::Failed(format!("{error} (to {})", masked(&text.phone)))
                }
                Receipt::Pending => ReceiptAnswer::AskAgain {
                    at: next_receipt_look(text.sent_at, now),
                    error: None,
                },
                Receipt::Unknown(why) => ReceiptAnswer::AskAgain {
                    at: next_receipt_look(text.sent_at, now),
                    error: Some(format!("no receipt yet: {why}")),
                },
            };
            self.store.record_receipt(text, &answer, now).await?;
        }
        Ok(due.len())
    }

    /// Claims one batch of due texts and sends them; how many were claimed.
    pub async fn drain_once(&self) -> Result<usize, crate::db::BackendError> {
        let claimed_at = self.clock.now();
        let batch = self
            .store
            .claim_messages(claimed_at, LEASE, BATCH, self.number_limits())
            .await?;
        if batch.is_empty() {
            return Ok(0);
        }
        // Read at each batch: a code changed on /staff/admin is in force within seconds.
        let templates: HashMap<MessageKind, String> =
            self.store.template_codes().await?.into_iter().collect();
        for message in &batch {
            let attempt = self
                .attempt(message, templates.get(&message.kind), claimed_at)
                .await;
            match &attempt {
                Attempt::Sent { .. } => {
                    tracing::info!(message = message.id, kind = message.kind.word(), "text sent")
                }
                Attempt::TemporaryFailure { error, .. } => tracing::warn!(
                    message = message.id,
                    attempts = message.attempts,
                    error,
                    "a text could not be sent now; it is tried again"
                ),
                Attempt::PermanentFailure { error } => {
                    tracing::error!(message = message.id, error, "a text cannot be sent")
                }
                Attempt::PageOnly => {}
            }
            let recorded = self
                .store
                .record_attempt(message.id, claimed_at, &attempt, self.clock.now())
                .await?;
            if !recorded {
                tracing::warn!(
                    message = message.id,
                    "a text's claim ended before its outcome was recorded"
                );
            }
        }
        Ok(batch.len())
    }

    async fn attempt(
        &self,
        message: &Claimed,
        template: Option<&String>,
        claimed_at: DateTime<Utc>,
    ) -> Attempt {
        let Some(phone) = message.phone.as_deref() else {
            return Attempt::PageOnly;
        };
        let outcome = match template {
            Some(code) => {
                let sms = Sms {
                    id: message.id,
                    phone,
                    template_code: code,
                    params: &message.params,
                    text: &message.text,
                };
                self.channel.send(&sms).await
            }
            None => Outcome::Temporary(format!(
                "no template code is set for '{}' (set it on /staff/admin)",
                message.kind.word()
            )),
        };
        let now = self.clock.now();
        match outcome {
            Outcome::Accepted { provider_id } => Attempt::Sent { provider_id },
            Outcome::Permanent(error) => Attempt::PermanentFailure {
                error: format!("{error} (to {})", masked(phone)),
            },
            Outcome::Temporary(error) if now - message.created_at > GIVE_UP_AFTER => {
                Attempt::PermanentFailure {
                    error: format!("gave up after {} attempts: {error}", message.attempts),
                }
            }
            Outcome::Temporary(error) => Attempt::TemporaryFailure {
                error,
                retry_at: claimed_at.max(now) + backoff(message.attempts),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_from_five_seconds_and_never_wait_more_than_a_minute() {
        let waits: Vec<i64> = (1..=8).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60, 60]);
    }
}
