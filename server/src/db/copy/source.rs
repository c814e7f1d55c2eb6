//! What a source database must be before it is copied: at this server's schema (so that both
//! sides have the columns `tables` lists), and with every personal number sealed (the target
//! never seals what was written in clear: PostgreSQL never held such rows).

use crate::db::common::sealed;
use crate::db::store::Engine;
use sqlx::AnyPool;
use sqlx::migrate::Migrator;

fn migrator(engine: Engine) -> &'static Migrator {
    match engine {
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => &crate::db::sqlite::MIGRATOR,
        #[cfg(feature = "postgres")]
        Engine::Postgres => &crate::db::postgres::MIGRATOR,
    }
}

/// The remedy for a source that is not ready, said once.
const SERVE_IT_ONCE: &str = "start this version's portal on it once, with its data key (the start \
     brings the schema up to date and seals personal data written before sealing), stop it, \
     then copy";

pub(super) async fn check(pool: &AnyPool, engine: Engine) -> Result<(), String> {
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await
            .map_err(|e| format!("the source is not a portal's database: {e}"))?;
    let ours: Vec<i64> = migrator(engine)
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .collect();
    if applied != ours {
        let last = |versions: &[i64]| versions.last().map_or("none".to_string(), i64::to_string);
        return Err(format!(
            "the source's schema (migrations up to {}) is not this server's (up to {}). If it is \
             older, {SERVE_IT_ONCE}; if it is newer, copy with the version that made it",
            last(&applied),
            last(&ours)
        ));
    }
    for column in sealed::ALL {
        let (table, name) = column
            .split_once('.')
            .ok_or_else(|| format!("a sealed column without its table: {column}"))?;
        let in_clear: i64 = sqlx::query_scalar(&format!(
            "SELECT count(*) FROM {table} WHERE {name} IS NOT NULL AND {name} NOT LIKE 'sealed:%'"
        ))
        .fetch_one(pool)
        .await
        .map_err(|e| format!("reading {column}: {e}"))?;
        if in_clear > 0 {
            return Err(format!(
                "the source holds {in_clear} rows whose {column} is not sealed (written before \
                 personal data was sealed): {SERVE_IT_ONCE}"
            ));
        }
    }
    Ok(())
}
