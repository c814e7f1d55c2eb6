//! The towns (镇街) the database knows, kept in the rules' order (docs/RULES.md §1).

use super::common::unavailable;
use super::engine::{execute, per_engine, scalar};
use super::error::BackendError;
use super::store::Store;
use app::rules::{Town, TownKind};

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
