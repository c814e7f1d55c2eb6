//! What a storage function runs its statements on, whichever the engine: a connection or a
//! transaction of SQLite or of PostgreSQL, seen as one `Exec`, and the macros that write a
//! statement once for both (PATTERNS.md 1, after vaultwarden's `db_run!`).
//!
//! A statement is written once with `$1, $2 …` placeholders, which both engines read alike
//! (sqlx binds SQLite's `$N` to the N-th value, as PostgreSQL does), and checked against both
//! schemas at compile time: each macro expands to one `query!`-family call per engine. The
//! SQLite arm's text carries a trailing comment, so that the two engines' offline data
//! (`.sqlx/`, `server/.sqlx/`, found by a hash of the text) never collide. Where the engines
//! truly differ, `per_engine!` takes one expression for each, side by side.
//!
//! Each arm exists only when its engine's cargo feature is on, so that `.ci/prepare-queries`
//! can compile one engine alone against its own database.

use super::common::unavailable;
use super::error::BackendError;
use sqlx::pool::PoolConnection;

/// One connection of either engine, borrowed for the statements of one function.
pub(crate) enum Exec<'c> {
    #[cfg(feature = "sqlite")]
    Sqlite(&'c mut sqlx::SqliteConnection),
    #[cfg(feature = "postgres")]
    Postgres(&'c mut sqlx::PgConnection),
}

impl Exec<'_> {
    /// The same connection again, for the next statement of a function handed an `Exec`.
    pub(crate) fn exec(&mut self) -> Exec<'_> {
        match self {
            #[cfg(feature = "sqlite")]
            Exec::Sqlite(c) => Exec::Sqlite(c),
            #[cfg(feature = "postgres")]
            Exec::Postgres(c) => Exec::Postgres(c),
        }
    }
}

/// A connection taken from a pool, for statements that need no transaction.
pub(crate) enum Conn {
    #[cfg(feature = "sqlite")]
    Sqlite(PoolConnection<sqlx::Sqlite>),
    #[cfg(feature = "postgres")]
    Postgres(PoolConnection<sqlx::Postgres>),
}

impl Conn {
    pub(crate) fn exec(&mut self) -> Exec<'_> {
        match self {
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => Exec::Sqlite(c),
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => Exec::Postgres(c),
        }
    }
}

/// A transaction: SQLite's takes the write lock at its start (`BEGIN IMMEDIATE`), so that it
/// never fails halfway for a writer that came first; PostgreSQL's runs at READ COMMITTED and
/// takes the locks its checks depend on, where it says so.
pub(crate) enum Tx {
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    #[cfg(feature = "postgres")]
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    pub(crate) fn exec(&mut self) -> Exec<'_> {
        match self {
            #[cfg(feature = "sqlite")]
            Tx::Sqlite(t) => Exec::Sqlite(t),
            #[cfg(feature = "postgres")]
            Tx::Postgres(t) => Exec::Postgres(t),
        }
    }

    pub(crate) async fn commit(self) -> Result<(), BackendError> {
        match self {
            #[cfg(feature = "sqlite")]
            Tx::Sqlite(t) => t.commit().await,
            #[cfg(feature = "postgres")]
            Tx::Postgres(t) => t.commit().await,
        }
        .map_err(unavailable)
    }
}

/// One statement for both engines that returns no rows: the number of rows it changed.
/// `execute!(tx, "UPDATE … WHERE id = $1", id)`
macro_rules! execute {
    ($on:expr, $query:literal $(, $arg:expr)* $(,)?) => {
        match $on.exec() {
            #[cfg(feature = "sqlite")]
            $crate::db::engine::Exec::Sqlite(c) => sqlx::query!($query + " -- SQLite" $(, $arg)*)
                .execute(&mut *c)
                .await
                .map(|done| done.rows_affected()),
            #[cfg(feature = "postgres")]
            $crate::db::engine::Exec::Postgres(c) => sqlx::query!($query $(, $arg)*)
                .execute(&mut *c)
                .await
                .map(|done| done.rows_affected()),
        }
    };
}

/// One statement for both engines read into `Row` (`query_as!`):
/// `fetch!(conn, fetch_optional, DraftRow, "SELECT … WHERE id = $1", id)`
macro_rules! fetch {
    ($on:expr, $how:ident, $row:path, $query:literal $(, $arg:expr)* $(,)?) => {
        match $on.exec() {
            #[cfg(feature = "sqlite")]
            $crate::db::engine::Exec::Sqlite(c) => {
                sqlx::query_as!($row, $query + " -- SQLite" $(, $arg)*).$how(&mut *c).await
            }
            #[cfg(feature = "postgres")]
            $crate::db::engine::Exec::Postgres(c) => {
                sqlx::query_as!($row, $query $(, $arg)*).$how(&mut *c).await
            }
        }
    };
}

/// One statement for both engines whose one column is the answer (`query_scalar!`):
/// `scalar!(conn, fetch_all, "SELECT name FROM towns ORDER BY position")`
macro_rules! scalar {
    ($on:expr, $how:ident, $query:literal $(, $arg:expr)* $(,)?) => {
        match $on.exec() {
            #[cfg(feature = "sqlite")]
            $crate::db::engine::Exec::Sqlite(c) => {
                sqlx::query_scalar!($query + " -- SQLite" $(, $arg)*).$how(&mut *c).await
            }
            #[cfg(feature = "postgres")]
            $crate::db::engine::Exec::Postgres(c) => {
                sqlx::query_scalar!($query $(, $arg)*).$how(&mut *c).await
            }
        }
    };
}

/// Where the engines truly differ: one expression for each, side by side, `c` the connection.
/// `per_engine!(tx, c => sqlite: …, postgres: …)`
macro_rules! per_engine {
    ($on:expr, $c:ident => sqlite: $sqlite:expr, postgres: $postgres:expr $(,)?) => {
        match $on.exec() {
            #[cfg(feature = "sqlite")]
            $crate::db::engine::Exec::Sqlite($c) => $sqlite,
            #[cfg(feature = "postgres")]
            $crate::db::engine::Exec::Postgres($c) => $postgres,
        }
    };
}

pub(crate) use {execute, fetch, per_engine, scalar};

/// A value bound to a statement whose text is built from parts.
pub(crate) enum Value {
    Text(String),
    Int(i64),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

/// The values of a statement whose text is built from parts (the queue's filters, a staff
/// member's scope): `bind` adds one and gives its `$N` placeholder, which both engines read,
/// so the text is built once. Runtime SQL, unchecked: only where the text must be built.
#[derive(Default)]
pub(crate) struct Built {
    values: Vec<Value>,
}

impl Built {
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    /// Binds each of `values`; their placeholders as an SQL list (`$2, $3, $4`) for `IN (…)`.
    pub(crate) fn bind_all<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> String {
        values
            .into_iter()
            .map(|value| self.bind(value))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `query` with the values bound in order.
    pub(crate) fn bound<'q, DB: sqlx::Database, Q: BindValue<'q, DB>>(&'q self, query: Q) -> Q {
        self.values.iter().fold(query, |q, value| match value {
            Value::Text(text) => q.bind_text(text),
            Value::Int(n) => q.bind_int(*n),
        })
    }
}

/// What a built statement's values are bound to: sqlx's `query_as` and `query_scalar`.
pub(crate) trait BindValue<'q, DB: sqlx::Database> {
    fn bind_text(self, text: &'q str) -> Self;
    fn bind_int(self, n: i64) -> Self;
}

impl<'q, DB, O> BindValue<'q, DB> for sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    fn bind_text(self, text: &'q str) -> Self {
        self.bind(text)
    }
    fn bind_int(self, n: i64) -> Self {
        self.bind(n)
    }
}

impl<'q, DB, O> BindValue<'q, DB>
    for sqlx::query::QueryScalar<'q, DB, O, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    fn bind_text(self, text: &'q str) -> Self {
        self.bind(text)
    }
    fn bind_int(self, n: i64) -> Self {
        self.bind(n)
    }
}

/// A built statement on either engine: `built!(conn, fetch_all, query_as, &sql, &values)` (or
/// `query_scalar`).
macro_rules! built {
    ($on:expr, $how:ident, $kind:ident, $sql:expr, $values:expr) => {
        match $on.exec() {
            #[cfg(feature = "sqlite")]
            $crate::db::engine::Exec::Sqlite(c) => {
                $values
                    .bound::<sqlx::Sqlite, _>(sqlx::$kind($sql))
                    .$how(&mut *c)
                    .await
            }
            #[cfg(feature = "postgres")]
            $crate::db::engine::Exec::Postgres(c) => {
                $values
                    .bound::<sqlx::Postgres, _>(sqlx::$kind($sql))
                    .$how(&mut *c)
                    .await
            }
        }
    };
}

pub(crate) use built;
