//! Managed parameters (issue 12): the sets in force, kept as whole files, one revision per
//! approved change, and the proposals that make them (four eyes); and the re-check's marks on
//! the cases a change would decide differently.

use super::common::{parse_time, status_words, unavailable};
use super::engine::{execute, fetch, per_engine, scalar};
use super::error::BackendError;
use super::store::Store;
use app::domain::AidType;
pub use app::domain::proposals::{Decided, Decision, Proposal};
use app::domain::review::Status;
use app::rules::Change;
use chrono::{DateTime, NaiveDate, Utc};

/// A revision of the parameter set as stored: the file as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSet {
    pub revision: i64,
    pub document: String,
}

/// A case not yet decided, as the re-check reads it.
#[derive(Clone, Debug)]
pub struct OpenCase {
    pub id: i64,
    pub reference: String,
    pub town: String,
    pub aid_type: AidType,
    /// The household as submitted (`rules::HouseholdInput`, JSON).
    pub household: String,
    /// The assessment stored at submission (JSON).
    pub assessment: String,
}

/// The next revision, and the approval that made it when one did.
pub struct NewSet<'a> {
    pub revision: i64,
    pub version: &'a str,
    pub document: &'a str,
    pub at: DateTime<Utc>,
    /// The proposal approved by this staff member; None for the seed.
    pub approval: Option<(i64, i64)>,
}

/// A proposal as both engines read it.
struct ProposalRow {
    id: i64,
    key: String,
    from_date: String,
    value: String,
    verified: bool,
    source: String,
    proposed_by: i64,
    proposed_by_name: String,
    proposed_at: String,
    decision: Option<String>,
    decided_by: Option<i64>,
    decided_by_name: Option<String>,
    decided_at: Option<String>,
    reason: Option<String>,
}

impl ProposalRow {
    fn proposal(self) -> Proposal {
        let decided = match (
            self.decision.as_deref().and_then(Decision::parse),
            self.decided_by,
        ) {
            (Some(decision), Some(by)) => Some(Decided {
                decision,
                by,
                by_name: self.decided_by_name.unwrap_or_default(),
                at: parse_time(self.decided_at.as_deref().unwrap_or_default()),
                reason: self.reason,
            }),
            _ => None,
        };
        Proposal {
            id: self.id,
            change: Change {
                key: self.key,
                from: app::rules::day::parse_ymd(&self.from_date).unwrap_or_default(),
                value: serde_json::from_str(&self.value).unwrap_or_default(),
                verified: self.verified,
                source: self.source,
            },
            proposed_by: self.proposed_by,
            proposed_by_name: self.proposed_by_name,
            proposed_at: parse_time(&self.proposed_at),
            decided,
        }
    }
}

struct SetRow {
    revision: i64,
    document: String,
}

struct OpenCaseRow {
    id: i64,
    reference: String,
    town: String,
    aid_type: String,
    household: String,
    assessment: String,
}

impl Store {
    /// The newest revision of the set; None before the first start seeded one.
    pub async fn latest_parameter_set(&self) -> Result<Option<StoredSet>, BackendError> {
        let row = fetch!(
            self.read().await?,
            fetch_optional,
            SetRow,
            "SELECT revision, document FROM parameter_sets ORDER BY revision DESC LIMIT 1"
        )
        .map_err(unavailable)?;
        Ok(row.map(|r| StoredSet {
            revision: r.revision,
            document: r.document,
        }))
    }

    /// The newest revision's number alone: what every process polls to notice a change.
    pub async fn parameter_revision(&self) -> Result<Option<i64>, BackendError> {
        scalar!(
            self.read().await?,
            fetch_one,
            r#"SELECT max(revision) AS "revision: i64" FROM parameter_sets"#
        )
        .map_err(unavailable)
    }

    /// Adds a revision, and for an approval marks its proposal approved, in one transaction.
    /// `Conflict` when the revision was taken meanwhile (another approval came first: read
    /// the newest and try again); `Ok(false)` when the proposal was decided meanwhile.
    pub async fn add_parameter_set(&self, set: NewSet<'_>) -> Result<bool, BackendError> {
        let mut tx = self.begin().await?;
        let at = set.at.to_rfc3339();
        let proposal_id = set.approval.map(|(id, _)| id);
        if let Some((id, by)) = set.approval {
            let approved = execute!(
                tx,
                "UPDATE parameter_proposals SET decision = 'approved', decided_by = $1, decided_at = $2
                 WHERE id = $3 AND decision IS NULL",
                by,
                at,
                id
            )
            .map_err(unavailable)?;
            if approved == 0 {
                return Ok(false);
            }
        }
        let inserted = execute!(
            tx,
            "INSERT INTO parameter_sets (revision, version, document, made_at, proposal_id)
             VALUES ($1, $2, $3, $4, $5)",
            set.revision,
            set.version,
            set.document,
            at,
            proposal_id
        );
        match inserted {
            Ok(_) => {}
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(BackendError::Conflict),
            Err(e) => return Err(unavailable(e)),
        }
        tx.commit().await?;
        Ok(true)
    }

    pub async fn propose_parameter(
        &self,
        change: &Change,
        by: i64,
        at: DateTime<Utc>,
    ) -> Result<i64, BackendError> {
        let (from, value, at) = (change.from.to_string(), change.value.to_string(), at.to_rfc3339());
        scalar!(
            self.write().await?,
            fetch_one,
            r#"INSERT INTO parameter_proposals (key, from_date, value, verified, source, proposed_by, proposed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id AS "id!""#,
            change.key,
            from,
            value,
            change.verified,
            change.source,
            by,
            at
        )
        .map_err(unavailable)
    }

    /// Rejects a pending proposal; false when it was decided already. Never by its proposer
    /// (the database refuses it too).
    pub async fn reject_proposal(
        &self,
        id: i64,
        by: i64,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let at = at.to_rfc3339();
        let rejected = execute!(
            self.write().await?,
            "UPDATE parameter_proposals SET decision = 'rejected', decided_by = $1, decided_at = $2, reason = $3
             WHERE id = $4 AND decision IS NULL AND proposed_by <> $1",
            by,
            at,
            reason,
            id
        )
        .map_err(unavailable)?;
        Ok(rejected == 1)
    }

    /// The pending proposals, then the newest decided ones, at most `limit` in all.
    pub async fn proposals(&self, limit: i64) -> Result<Vec<Proposal>, BackendError> {
        self.proposals_where(limit, None).await
    }

    pub async fn proposal(&self, id: i64) -> Result<Option<Proposal>, BackendError> {
        Ok(self.proposals_where(1, Some(id)).await?.pop())
    }

    async fn proposals_where(&self, limit: i64, only: Option<i64>) -> Result<Vec<Proposal>, BackendError> {
        let rows = fetch!(
            self.read().await?,
            fetch_all,
            ProposalRow,
            r#"SELECT p.id AS "id!", p.key, p.from_date, p.value, p.verified AS "verified: bool", p.source,
                      p.proposed_by, s.display_name AS proposed_by_name, p.proposed_at,
                      p.decision, p.decided_by, d.display_name AS "decided_by_name?", p.decided_at, p.reason
               FROM parameter_proposals p
               JOIN staff s ON s.id = p.proposed_by
               LEFT JOIN staff d ON d.id = p.decided_by
               WHERE CAST($1 AS BIGINT) IS NULL OR p.id = $1
               ORDER BY p.decision IS NOT NULL, coalesce(p.decided_at, p.proposed_at) DESC, p.id DESC
               LIMIT $2"#,
            only,
            limit
        )
        .map_err(unavailable)?;
        Ok(rows.into_iter().map(ProposalRow::proposal).collect())
    }

    /// Every case not yet decided, in every town: what a re-check reads (no personal data). A
    /// row whose aid type does not read is left out of the re-check (it marks nothing), never
    /// guessed. The statuses come from the state machine, as one bound value.
    pub async fn open_cases(&self) -> Result<Vec<OpenCase>, BackendError> {
        let undecided = status_words(Status::is_undecided);
        let rows = per_engine!(self.read().await?, c =>
            sqlite: {
                let undecided = serde_json::to_string(&undecided).map_err(|_| BackendError::Unavailable)?;
                sqlx::query_as!(
                    OpenCaseRow,
                    r#"SELECT id AS "id!", reference, town, aid_type, household, assessment FROM applications
                     WHERE status IN (SELECT value FROM json_each(?1)) ORDER BY id"#,
                    undecided
                )
                .fetch_all(c)
                .await
            },
            postgres: sqlx::query_as!(
                OpenCaseRow,
                "SELECT id, reference, town, aid_type, household, assessment FROM applications
                 WHERE status = ANY($1) ORDER BY id",
                &undecided
            )
            .fetch_all(c)
            .await,
        )
        .map_err(unavailable)?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                Some(OpenCase {
                    id: row.id,
                    aid_type: AidType::parse(&row.aid_type)?,
                    reference: row.reference,
                    town: row.town,
                    household: row.household,
                    assessment: row.assessment,
                })
            })
            .collect())
    }

    /// Replaces every re-check mark with these (application id, difference as JSON), in one
    /// transaction: a case no longer listed is no longer marked. Every process re-checks when
    /// the day changes, so two may replace the marks at once: a mark the other wrote meanwhile
    /// is overwritten (the same case, the same figures), never a failure.
    pub async fn replace_recheck_marks(
        &self,
        marks: &[(i64, String)],
        checked_on: NaiveDate,
    ) -> Result<(), BackendError> {
        let mut tx = self.begin().await?;
        execute!(tx, "DELETE FROM recheck_marks WHERE application_id IS NOT NULL").map_err(unavailable)?;
        let on = checked_on.to_string();
        for (id, difference) in marks {
            execute!(
                tx,
                "INSERT INTO recheck_marks (application_id, difference, checked_on) VALUES ($1, $2, $3)
                 ON CONFLICT (application_id) DO UPDATE
                 SET difference = excluded.difference, checked_on = excluded.checked_on",
                id,
                difference,
                on
            )
            .map_err(unavailable)?;
        }
        tx.commit().await
    }
}
