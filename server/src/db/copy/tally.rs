//! The proof of a copy: each table's rows, and the documents' bytes, counted and hashed on
//! both sides after the copy, in a form that depends neither on the engine nor on the order
//! the rows come back in.

use super::bytes::Store;
use super::tables::{Table, Value};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use std::fmt;

/// How many rows, and the SHA-256 of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub rows: u64,
    pub sha256: String,
}

/// Each row's canonical bytes (tables::Value::canonical) are hashed; the tally is the SHA-256
/// of those hashes in sorted order. The same rows give the same tally whatever order an engine
/// returns them in: PostgreSQL orders text by the database's collation, SQLite by its bytes.
#[derive(Default)]
struct Rows(Vec<[u8; 32]>);

impl Rows {
    fn add(&mut self, values: &[Value]) {
        let mut canonical = Vec::new();
        for value in values {
            value.canonical(&mut canonical);
        }
        self.0.push(Sha256::digest(&canonical).into());
    }

    fn finish(mut self) -> Tally {
        self.0.sort_unstable();
        let mut all = Sha256::new();
        for row in &self.0 {
            all.update(row);
        }
        Tally {
            rows: self.0.len() as u64,
            sha256: hex(&all.finalize()),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every row of a table as the copy reads it.
pub(super) async fn table(connection: &mut AnyConnection, table: &Table) -> Result<Tally, String> {
    let mut tally = Rows::default();
    let select = table.select();
    let mut rows = sqlx::query(&select).fetch(connection);
    while let Some(row) = rows
        .try_next()
        .await
        .map_err(|e| format!("reading {}: {e}", table.name))?
    {
        tally.add(&table.read(&row)?);
    }
    Ok(tally.finish())
}

/// The documents' bytes: for each document, its id, its key and the SHA-256 of its bytes.
pub(super) async fn bytes(connection: &mut AnyConnection, store: &Store) -> Result<Tally, String> {
    let documents: Vec<(i64, String)> = sqlx::query_as("SELECT id, storage_key FROM documents")
        .fetch_all(&mut *connection)
        .await
        .map_err(|e| format!("reading documents: {e}"))?;
    let mut tally = Rows::default();
    for (id, key) in documents {
        let bytes = store
            .get(connection, &key)
            .await
            .map_err(|e| format!("document {id}: {e}"))?;
        tally.add(&[
            Value::Integer(id),
            Value::Text(key),
            Value::Text(hex(&Sha256::digest(&bytes))),
        ]);
    }
    Ok(tally.finish())
}

/// One table (or the bytes) on both sides.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub name: &'static str,
    pub source: Tally,
    pub target: Tally,
}

impl Comparison {
    pub fn matches(&self) -> bool {
        self.source == self.target
    }
}

/// What `server migrate-data` did and found, as it prints it.
#[derive(Debug, Clone)]
pub struct Report {
    pub from: &'static str,
    pub to: &'static str,
    pub comparisons: Vec<Comparison>,
    /// Towns the source names that the target's rules do not list.
    pub towns_added: u64,
}

impl Report {
    pub fn matches(&self) -> bool {
        self.comparisons.iter().all(Comparison::matches)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Copied a {} database into a {} one. Each table, read back from both after the copy:",
            self.from, self.to
        )?;
        // The name column as wide as the longest name (the migration test reads these lines).
        let width = self
            .comparisons
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0)
            .max(16);
        writeln!(
            f,
            "{:<width$}{:>8}  {:<64}  target",
            "table", "rows", "sha-256 of the rows"
        )?;
        for c in &self.comparisons {
            write!(f, "{:<width$}{:>8}  {}  ", c.name, c.source.rows, c.source.sha256)?;
            if c.matches() {
                writeln!(f, "match")?;
            } else {
                writeln!(
                    f,
                    "DIFFERS: the target has {} rows, sha-256 {}",
                    c.target.rows, c.target.sha256
                )?;
            }
        }
        writeln!(
            f,
            "towns: {} named by the source and no longer listed by the rules, added to the target",
            self.towns_added
        )?;
        writeln!(
            f,
            "not copied: staff sessions (staff sign in again), the readiness probe's row, the \
             guessing and creation budgets, the re-check's marks (the target's first start makes \
             them again)"
        )?;
        let differ = self.comparisons.iter().filter(|c| !c.matches()).count();
        if differ == 0 {
            writeln!(
                f,
                "every table matches ({} of {})",
                self.comparisons.len(),
                self.comparisons.len()
            )
        } else {
            writeln!(f, "{differ} of {} differ", self.comparisons.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::copy::tables::Kind;

    #[test]
    fn the_same_rows_in_another_order_give_the_same_tally_and_other_rows_another() {
        let row = |n: i64, text: &str| {
            vec![
                Value::Integer(n),
                Value::Text(text.into()),
                Value::Null(Kind::Text),
            ]
        };
        let tally = |rows: &[Vec<Value>]| {
            let mut tally = Rows::default();
            rows.iter().for_each(|r| tally.add(r));
            tally.finish()
        };
        let one = tally(&[row(1, "a"), row(2, "b")]);
        assert_eq!(one, tally(&[row(2, "b"), row(1, "a")]));
        assert_eq!(one.rows, 2);
        assert_ne!(one, tally(&[row(1, "a"), row(2, "c")]));
        assert_ne!(one, tally(&[row(1, "a")]));
    }
}
