//! `server migrate-data`: copies a portal's data from one database into an empty one, of
//! either engine (the real case: a pilot's SQLite file into the district's PostgreSQL), with
//! the documents' bytes, and proves the copy by counting and hashing every table on both sides
//! afterwards.
//!
//! Rows are read and written through sqlx's `Any` driver with the same statements on both
//! engines (`$n` placeholders, which SQLite takes too): the two schemas hold the same values in
//! the same columns (server/migrations/postgres's header), so a value is copied as it is, ids
//! included. Sealed personal data is copied as ciphertext: it opens on the target with the same
//! data key, because a seal is bound to its column's name, which is the same on both.
//!
//! The source is only read (a SQLite file is opened read-only), in one snapshot; the target is
//! written in one transaction, so it has every row or none.

// A build with one engine (.ci/prepare-queries records each engine's queries alone) compiles
// the other engine's side of a copy without ever reaching it.
#![cfg_attr(
    not(all(feature = "sqlite", feature = "postgres")),
    allow(dead_code, unused_variables)
)]

mod bytes;
mod source;
mod tables;
mod tally;

pub use tally::{Comparison, Report, Tally};

use super::store::Engine;
use bytes::Store;
use futures_util::TryStreamExt;
use sqlx::{Any, AnyPool, Transaction};
use std::path::Path;
use tables::TABLES;

/// One side of a copy: its database and, for SQLite, the folder of its documents' bytes.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub url: &'a str,
    pub documents: &'a Path,
}

/// Copies everything from `from` into `to` and reads both back: the report says whether they
/// match. Refused, with nothing written, when the target is in use or the source is not ready
/// (source.rs).
pub async fn copy(from: Side<'_>, to: Side<'_>) -> Result<Report, String> {
    let (from_engine, to_engine) = (Engine::of(from.url)?, Engine::of(to.url)?);
    if from.url == to.url {
        return Err("--from and --to name the same database".into());
    }
    let source = open(&read_only(from_engine, from.url), "the source").await?;
    source::check(&source, from_engine).await?;
    let source_store = Store::source(from_engine, from.documents)?;
    let target_store = Store::target(to_engine, to.documents, &source_store)?;

    // The target's schema and towns, as its first start would make them.
    let prepared = super::open::connect(to.url, None).await?;
    prepared.store.close().await;
    let target = open(to.url, "the target").await?;

    let towns_added = write(
        &source,
        from_engine,
        &source_store,
        &target,
        to_engine,
        &target_store,
    )
    .await?;
    let mut comparisons = Vec::new();
    let (mut from_connection, mut to_connection) = (
        source.acquire().await.map_err(|e| format!("the source: {e}"))?,
        target.acquire().await.map_err(|e| format!("the target: {e}"))?,
    );
    for table in TABLES {
        comparisons.push(Comparison {
            name: table.name,
            source: tally::table(&mut from_connection, table).await?,
            target: tally::table(&mut to_connection, table).await?,
        });
    }
    comparisons.push(Comparison {
        name: "document bytes",
        source: tally::bytes(&mut from_connection, &source_store).await?,
        target: tally::bytes(&mut to_connection, &target_store).await?,
    });
    drop((from_connection, to_connection));
    source.close().await;
    target.close().await;
    Ok(Report {
        from: from_engine.name(),
        to: to_engine.name(),
        comparisons,
        towns_added,
    })
}

/// A pool on one side. Its URL is not repeated in errors: it may carry a password.
async fn open(url: &str, side: &str) -> Result<AnyPool, String> {
    sqlx::any::install_default_drivers();
    AnyPool::connect(url)
        .await
        .map_err(|e| format!("cannot open {side} database: {e}"))
}

/// A SQLite source is opened read-only: the copy can never change the pilot it falls back to.
fn read_only(engine: Engine, url: &str) -> String {
    match engine {
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}mode=ro")
        }
        #[cfg(feature = "postgres")]
        Engine::Postgres => url.to_string(),
    }
}

/// A read transaction on the source that sees one moment of it throughout, so that every row's
/// references are in the copy even if a portal still writes there (it should be stopped: the
/// checksums, read again afterwards, would then differ).
async fn snapshot(pool: &AnyPool, engine: Engine) -> Result<Transaction<'static, Any>, String> {
    let begun = match engine {
        // A read transaction reads the database as its first read found it (WAL), or keeps
        // writers out until it ends (a rollback journal).
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => pool.begin().await,
        #[cfg(feature = "postgres")]
        Engine::Postgres => {
            pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await
        }
    };
    begun.map_err(|e| format!("cannot begin reading the source: {e}"))
}

/// The copy itself, in the target's one transaction: committed whole, or rolled back with the
/// files it wrote into a target folder removed. The towns it added.
async fn write(
    source: &AnyPool,
    from_engine: Engine,
    source_store: &Store,
    target: &AnyPool,
    to_engine: Engine,
    target_store: &Store,
) -> Result<u64, String> {
    let mut from = snapshot(source, from_engine).await?;
    let mut into = target
        .begin()
        .await
        .map_err(|e| format!("cannot begin writing the target: {e}"))?;
    let mut written = Vec::new();
    let copied = copy_into(
        &mut from,
        source_store,
        &mut into,
        to_engine,
        target_store,
        &mut written,
    )
    .await;
    let done = match copied {
        Ok(towns) => into
            .commit()
            .await
            .map(|()| towns)
            .map_err(|e| format!("the target did not commit the copy: {e}")),
        Err(e) => match into.rollback().await {
            Ok(()) => Err(e),
            Err(rollback) => Err(format!("{e}; and the target's rollback failed: {rollback}")),
        },
    };
    match done {
        Ok(towns) => Ok(towns),
        Err(e) => match target_store.remove(&written).await {
            Ok(()) => Err(format!("{e}. Nothing was copied.")),
            Err(left) => Err(format!("{e}. No row was copied, but {left}")),
        },
    }
}

async fn copy_into(
    from: &mut Transaction<'static, Any>,
    source_store: &Store,
    into: &mut Transaction<'static, Any>,
    to_engine: Engine,
    target_store: &Store,
    written: &mut Vec<String>,
) -> Result<u64, String> {
    refuse_in_use(into).await?;
    let towns = copy_towns(from, into).await?;
    copy_bytes(from, source_store, into, target_store, written).await?;
    for table in TABLES {
        let insert = table.insert();
        let select = table.select();
        let mut rows = sqlx::query(&select).fetch(&mut **from);
        while let Some(row) = rows
            .try_next()
            .await
            .map_err(|e| format!("reading {}: {e}", table.name))?
        {
            let arguments = table.arguments(table.read(&row)?)?;
            sqlx::query_with(&insert, arguments)
                .execute(&mut **into)
                .await
                .map_err(|e| format!("writing {}: {e}", table.name))?;
        }
    }
    match to_engine {
        // An INTEGER PRIMARY KEY takes the highest id there is, plus one, by itself.
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => {}
        #[cfg(feature = "postgres")]
        Engine::Postgres => advance_identities(into).await?,
    }
    Ok(towns)
}

/// A target with any row in a table the copy writes is refused: the copy keeps the source's
/// ids, and a portal already in use would mix two portals' cases.
async fn refuse_in_use(into: &mut Transaction<'static, Any>) -> Result<(), String> {
    for table in TABLES {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", table.name))
            .fetch_one(&mut **into)
            .await
            .map_err(|e| format!("reading the target's {}: {e}", table.name))?;
        if rows > 0 {
            return Err(format!(
                "the target database is not empty ({rows} rows in {}): copy into an empty one \
                 (a new PostgreSQL database, or a SQLite file that is not there yet)",
                table.name
            ));
        }
    }
    Ok(())
}

/// The towns the source holds that the target's rules do not list (taken off the list since:
/// applications still name them), added below the target's lowest position, where its starts
/// keep towns no longer listed (db::*::write_towns).
async fn copy_towns(
    from: &mut Transaction<'static, Any>,
    into: &mut Transaction<'static, Any>,
) -> Result<u64, String> {
    let failed = |e: sqlx::Error| format!("copying the towns: {e}");
    let listed: Vec<String> = sqlx::query_scalar("SELECT name FROM towns")
        .fetch_all(&mut **into)
        .await
        .map_err(failed)?;
    let lowest: i64 = sqlx::query_scalar("SELECT coalesce(min(position), 0) FROM towns")
        .fetch_one(&mut **into)
        .await
        .map_err(failed)?;
    let theirs: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name, kind, pinyin FROM towns ORDER BY position")
            .fetch_all(&mut **from)
            .await
            .map_err(failed)?;
    let missing: Vec<_> = theirs
        .into_iter()
        .filter(|(name, _, _)| !listed.contains(name))
        .collect();
    let first = lowest.min(0) - missing.len() as i64;
    for (n, (name, kind, pinyin)) in missing.iter().enumerate() {
        sqlx::query("INSERT INTO towns (name, kind, pinyin, position) VALUES ($1, $2, $3, $4)")
            .bind(name)
            .bind(kind)
            .bind(pinyin)
            .bind(first + n as i64)
            .execute(&mut **into)
            .await
            .map_err(failed)?;
    }
    Ok(missing.len() as u64)
}

/// Every document's bytes (of drafts and of applications), from the source's store into the
/// target's; the keys written into a folder are added to `written`.
async fn copy_bytes(
    from: &mut Transaction<'static, Any>,
    source_store: &Store,
    into: &mut Transaction<'static, Any>,
    target_store: &Store,
    written: &mut Vec<String>,
) -> Result<(), String> {
    let documents: Vec<(i64, String)> = sqlx::query_as("SELECT id, storage_key FROM documents ORDER BY id")
        .fetch_all(&mut **from)
        .await
        .map_err(|e| format!("reading documents: {e}"))?;
    for (id, key) in documents {
        let bytes = source_store
            .get(from, &key)
            .await
            .map_err(|e| format!("the source's document {id}: {e}"))?;
        target_store
            .put(into, &key, bytes)
            .await
            .map_err(|e| format!("the target's document {id}: {e}"))?;
        if target_store.is_folder() {
            written.push(key);
        }
    }
    Ok(())
}

/// PostgreSQL numbers new rows from each identity's sequence, which the copied rows (their ids
/// given) did not move: each is set past the highest id copied. `setval` is not undone by a
/// rollback; it runs after every row is in, so a later failure (of the commit) leaves only a
/// gap in the numbers of an empty database.
#[cfg(feature = "postgres")]
async fn advance_identities(into: &mut Transaction<'static, Any>) -> Result<(), String> {
    for table in TABLES {
        let Some(column) = table.identity else {
            continue;
        };
        let name = table.name;
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{name}', '{column}'), coalesce(max({column}), 0) + 1, false) FROM {name}"
        ))
        .execute(&mut **into)
        .await
        .map_err(|e| format!("moving the numbering of {name} past the copied rows: {e}"))?;
    }
    Ok(())
}
