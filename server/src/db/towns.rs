//! The towns (镇街) the database knows, kept in the rules' order (docs/RULES.md §1).

use super::common::unavailable;
use super::engine::{Tx, execute, fetch, per_engine, scalar};
use super::error::BackendError;
use super::store::Store;
use app::domain::PhoneNumber;
use app::domain::town_contact::TownContact;
use app::rules::{Town, TownKind};
use chrono::{DateTime, Utc};

impl Store {
    /// The towns the database knows, by full name, in the order of RULES.md §1 (a town no
    /// longer listed first: its position is below zero).
    pub async fn towns(&self) -> Result<Vec<String>, BackendError> {
        scalar!(
            self.read().await?,
            fetch_all,
            "SELECT name FROM towns ORDER BY position"
        )
        .map_err(unavailable)
    }

    /// Makes the towns table match `towns` (the rules' `TOWNS`); re-running changes nothing.
    /// A town inserted in the middle of the list moves those after it: every position is first
    /// moved below the lowest one there is (one shift for all, so no two rows ever meet, even
    /// when the constraint is checked row by row), then the listed towns take 0, 1, 2… A town
    /// no longer listed keeps its row (applications refer to it), below zero, and stays there
    /// at every later start.
    pub(crate) async fn write_towns(&self, towns: &[Town]) -> Result<(), String> {
        let failed = |e: sqlx::Error| format!("cannot write the towns: {e}");
        let mut tx = self
            .begin()
            .await
            .map_err(|e| format!("cannot write the towns: {e}"))?;
        // Two portals starting at once on one PostgreSQL database (a rolling restart) would
        // otherwise shuffle the positions into each other: one rewrite at a time, readers not
        // held. SQLite's transaction holds its one write lock already.
        per_engine!(tx, c =>
            sqlite: { let _ = c; Ok(()) },
            postgres: sqlx::query("LOCK TABLE towns IN EXCLUSIVE MODE").execute(c).await.map(|_| ()),
        )
        .map_err(failed)?;
        execute!(
            tx,
            "UPDATE towns SET position = position + (SELECT min(position) - max(position) - 1 FROM towns)"
        )
        .map_err(failed)?;
        for (position, town) in towns.iter().enumerate() {
            let kind = match town.kind {
                TownKind::Subdistrict => "subdistrict",
                TownKind::Town => "town",
            };
            let (name, position) = (town.full_name(), position as i64);
            execute!(
                tx,
                "INSERT INTO towns (name, kind, pinyin, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, pinyin = excluded.pinyin,
                 position = excluded.position",
                name,
                kind,
                town.pinyin,
                position
            )
            .map_err(failed)?;
        }
        tx.commit()
            .await
            .map_err(|e| format!("cannot write the towns: {e}"))
    }
}

/// The office whose duty numbers hear that an emergency waits too long: the district's
/// civil-affairs bureau (its staff have no town).
pub const BUREAU: &str = "区民政局";

impl Store {
    /// The duty numbers of a town (its full name) or of [`BUREAU`].
    pub async fn duty_phones(&self, office: &str) -> Result<Vec<String>, BackendError> {
        scalar!(
            self.read().await?,
            fetch_all,
            "SELECT phone FROM duty_phones WHERE office = $1 ORDER BY phone",
            office
        )
        .map_err(unavailable)
    }

    /// Every office's duty numbers, by office.
    pub async fn all_duty_phones(&self) -> Result<Vec<(String, String)>, BackendError> {
        struct Row {
            office: String,
            phone: String,
        }
        let rows = fetch!(
            self.read().await?,
            fetch_all,
            Row,
            r#"SELECT office AS "office!", phone AS "phone!" FROM duty_phones ORDER BY office, phone"#
        )
        .map_err(unavailable)?;
        Ok(rows.into_iter().map(|r| (r.office, r.phone)).collect())
    }

    /// Replaces an office's duty numbers (none clears them), with a row of the admin log
    /// saying who did it, in one transaction.
    pub async fn set_duty_phones(
        &self,
        office: &str,
        phones: &[PhoneNumber],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let mut tx = self.begin().await?;
        execute!(tx, "DELETE FROM duty_phones WHERE office = $1", office).map_err(unavailable)?;
        for phone in phones {
            let phone = phone.expose();
            execute!(
                tx,
                "INSERT INTO duty_phones (office, phone) VALUES ($1, $2)",
                office,
                phone
            )
            .map_err(unavailable)?;
        }
        let masked: Vec<String> = phones.iter().map(PhoneNumber::masked).collect();
        let detail = serde_json::json!({ "office": office, "phones": masked });
        admin_log(&mut tx, actor, "duty_phones", &detail, now).await?;
        tx.commit().await
    }
}

/// The columns of a town's contact as stored.
pub(super) struct ContactRow {
    pub(super) town: String,
    pub(super) phone: String,
    pub(super) address: String,
    pub(super) hours: String,
}

impl From<ContactRow> for TownContact {
    fn from(r: ContactRow) -> TownContact {
        TownContact {
            town: r.town,
            phone: r.phone,
            address: r.address,
            hours: r.hours,
        }
    }
}

impl Store {
    /// Every town office's contact that is set (issue 24, item 10).
    pub async fn town_contacts(&self) -> Result<Vec<TownContact>, BackendError> {
        let rows = fetch!(
            self.read().await?,
            fetch_all,
            ContactRow,
            "SELECT town, phone, address, hours FROM town_contacts ORDER BY town"
        )
        .map_err(unavailable)?;
        Ok(rows.into_iter().map(TownContact::from).collect())
    }

    /// A town office's contact, if set.
    pub async fn town_contact(&self, town: &str) -> Result<Option<TownContact>, BackendError> {
        let row = fetch!(
            self.read().await?,
            fetch_optional,
            ContactRow,
            "SELECT town, phone, address, hours FROM town_contacts WHERE town = $1",
            town
        )
        .map_err(unavailable)?;
        Ok(row.map(TownContact::from))
    }

    /// Sets a town office's contact (`None` clears it), with a row of the admin log saying who
    /// did it, in one transaction.
    pub async fn set_town_contact(
        &self,
        town: &str,
        contact: Option<&TownContact>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let mut tx = self.begin().await?;
        execute!(tx, "DELETE FROM town_contacts WHERE town = $1", town).map_err(unavailable)?;
        if let Some(c) = contact {
            let at = now.to_rfc3339();
            execute!(
                tx,
                "INSERT INTO town_contacts (town, phone, address, hours, set_by, set_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                town,
                c.phone,
                c.address,
                c.hours,
                actor,
                at
            )
            .map_err(unavailable)?;
        }
        let detail = serde_json::json!({ "town": town, "contact": contact });
        admin_log(&mut tx, actor, "town_contact", &detail, now).await?;
        tx.commit().await
    }
}

/// A row of the admin log, inside the caller's transaction.
pub(super) async fn admin_log(
    tx: &mut Tx,
    actor: &str,
    what: &str,
    detail: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    let (at, detail) = (now.to_rfc3339(), detail.to_string());
    execute!(
        tx,
        "INSERT INTO admin_log (at, actor, what, detail) VALUES ($1, $2, $3, $4)",
        at,
        actor,
        what,
        detail
    )
    .map(|_| ())
    .map_err(unavailable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::rules::TOWNS;

    fn names(towns: &[Town]) -> Vec<String> {
        towns.iter().map(Town::full_name).collect()
    }

    #[tokio::test]
    async fn a_town_inserted_in_the_middle_of_the_list_moves_the_others_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        for store in crate::db::each_engine(dir.path(), None).await {
            let new = Town {
                name: "新城",
                pinyin: "Xincheng",
                kind: TownKind::Subdistrict,
            };
            let mut towns = TOWNS.to_vec();
            towns.insert(3, new);
            store.write_towns(&towns).await.expect("the start goes on");
            assert_eq!(store.towns().await.unwrap(), names(&towns), "{}", store.engine());
        }
    }

    #[tokio::test]
    async fn a_town_taken_off_the_list_keeps_its_row_and_later_starts_go_on() {
        let dir = tempfile::tempdir().unwrap();
        for store in crate::db::each_engine(dir.path(), None).await {
            // 白沙镇 leaves the middle of the list (merged, say): applications still name it.
            let mut towns = TOWNS.to_vec();
            let gone = towns.remove(5);
            for start in 1..=3 {
                store
                    .write_towns(&towns)
                    .await
                    .unwrap_or_else(|e| panic!("start {start} stopped: {e}"));
            }
            // The town no longer listed keeps its row, below zero: first, before the others.
            let mut expected = vec![gone.full_name()];
            expected.extend(names(&towns));
            assert_eq!(store.towns().await.unwrap(), expected, "{}", store.engine());
        }
    }
}
