//! The tables `server migrate-data` copies, their columns as both engines' migrations define
//! them, and their values as read from one engine and written to the other.

use sqlx::Row;
use sqlx::any::{AnyArguments, AnyRow};

/// How a column's values are read, written and hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Integer,
    /// A tick box: INTEGER 0/1 on SQLite, BOOLEAN on PostgreSQL; read as the same value.
    Flag,
}
use Kind::{Flag, Integer, Text};

pub(super) struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    /// The column that PostgreSQL numbers from an identity sequence (the copy keeps the
    /// source's numbers, so the sequence must be moved past them); None for tables keyed
    /// otherwise.
    pub identity: Option<&'static str>,
}

/// Every table the copy takes, parents first: each row's references exist when it is written.
/// Not taken as rows: `towns` (written by the target's start from the rules; the copy adds only
/// those the source has and the rules no longer list), `staff_sessions` (staff sign in again),
/// `readiness` (the probe's row), `budget_entries` (guessing and creation limits that expire
/// within minutes), `document_bytes` (documents' bytes, copied store to store), `recheck_marks`
/// (derived: the target's first start re-checks the running cases) and sqlx's own
/// `_sqlx_migrations`.
pub(super) const TABLES: &[Table] = &[
    Table {
        name: "staff",
        columns: &[
            ("id", Integer),
            ("username", Text),
            ("display_name", Text),
            ("role", Text),
            ("town", Text),
            ("password_hash", Text),
            ("failed_logins", Integer),
            ("locked_until", Text),
            ("created_at", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "drafts",
        columns: &[
            ("id", Text),
            ("answers", Text),
            ("errors", Text),
            ("created_at", Text),
            ("updated_at", Text),
            ("submitted_reference", Text),
            ("carried", Text),
        ],
        identity: None,
    },
    Table {
        name: "applications",
        columns: &[
            ("id", Integer),
            ("reference", Text),
            ("idempotency_key", Text),
            ("request_hash", Text),
            ("aid_type", Text),
            ("town", Text),
            ("status", Text),
            ("applicant_name", Text),
            ("id_number", Text),
            ("id_number_hash", Text),
            ("phone", Text),
            ("phone_last4", Text),
            ("answers", Text),
            ("household", Text),
            ("assessment", Text),
            ("rules_version", Text),
            ("parameter_set", Text),
            ("submitted_at", Text),
            ("status_changed_at", Text),
            ("level", Text),
            ("cause", Text),
            ("recommended_fen", Integer),
            ("recommended_by", Text),
            ("advance_fen", Integer),
            ("advance_paperwork_due", Text),
            ("approved_fen", Integer),
            ("decided_at", Text),
            ("assigned_to", Integer),
            ("version", Integer),
            ("locale", Text),
            ("sms_phone", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "members",
        columns: &[
            ("application_id", Integer),
            ("position", Integer),
            ("relationship", Text),
            ("name", Text),
            ("id_number", Text),
            ("id_number_hash", Text),
            ("age", Integer),
        ],
        identity: None,
    },
    Table {
        name: "queue_entries",
        columns: &[
            ("application_id", Integer),
            ("town", Text),
            ("urgent", Flag),
            ("due_on", Text),
            ("paused_on", Text),
            ("documents_due_on", Text),
        ],
        identity: None,
    },
    Table {
        name: "documents",
        columns: &[
            ("id", Integer),
            ("draft_id", Text),
            ("application_id", Integer),
            ("kind", Text),
            ("content_type", Text),
            ("byte_size", Integer),
            ("storage_key", Text),
            ("uploaded_at", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "document_request_items",
        columns: &[
            ("id", Integer),
            ("application_id", Integer),
            ("kind", Text),
            ("what", Text),
            ("requested_at", Text),
            ("due_on", Text),
            ("document_id", Integer),
            ("received_at", Text),
            ("satisfied_at", Text),
            ("satisfied_by", Text),
            ("closed_at", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "family_links",
        columns: &[
            ("token_hash", Text),
            ("application_id", Integer),
            ("created_at", Text),
        ],
        identity: None,
    },
    Table {
        name: "events",
        columns: &[
            ("id", Integer),
            ("application_id", Integer),
            ("at", Text),
            ("actor", Text),
            ("kind", Text),
            ("detail", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "messages",
        columns: &[
            ("id", Integer),
            ("application_id", Integer),
            ("event_id", Integer),
            ("once_key", Text),
            ("kind", Text),
            ("recipient", Text),
            ("channel", Text),
            ("params", Text),
            ("text", Text),
            ("status", Text),
            ("created_at", Text),
            ("not_before", Text),
            ("attempts", Integer),
            ("lease_until", Text),
            ("sending_at", Text),
            ("sent_at", Text),
            ("delivered_at", Text),
            ("failed_at", Text),
            ("provider_id", Text),
            ("error", Text),
            ("number_hash", Text),
            ("receipt_at", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "duty_phones",
        columns: &[("office", Text), ("phone", Text)],
        identity: None,
    },
    Table {
        name: "town_contacts",
        columns: &[
            ("town", Text),
            ("phone", Text),
            ("address", Text),
            ("hours", Text),
            ("set_by", Text),
            ("set_at", Text),
        ],
        identity: None,
    },
    Table {
        name: "admin_log",
        columns: &[
            ("id", Integer),
            ("at", Text),
            ("actor", Text),
            ("what", Text),
            ("detail", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "sms_templates",
        columns: &[("kind", Text), ("code", Text), ("set_by", Text), ("set_at", Text)],
        identity: None,
    },
    Table {
        name: "access_log",
        columns: &[
            ("id", Integer),
            ("staff_id", Integer),
            ("application_id", Integer),
            ("at", Text),
            ("what", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "export_log",
        columns: &[
            ("id", Integer),
            ("staff_id", Integer),
            ("at", Text),
            ("what", Text),
            ("row_count", Integer),
        ],
        identity: Some("id"),
    },
    Table {
        name: "parameter_proposals",
        columns: &[
            ("id", Integer),
            ("key", Text),
            ("from_date", Text),
            ("value", Text),
            ("verified", Flag),
            ("source", Text),
            ("proposed_by", Integer),
            ("proposed_at", Text),
            ("decision", Text),
            ("decided_by", Integer),
            ("decided_at", Text),
            ("reason", Text),
        ],
        identity: Some("id"),
    },
    Table {
        name: "parameter_sets",
        columns: &[
            ("revision", Integer),
            ("version", Text),
            ("document", Text),
            ("made_at", Text),
            ("proposal_id", Integer),
        ],
        identity: None,
    },
];

/// One value of a row, as copied and hashed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Value {
    /// NULL, of the column's kind: PostgreSQL refuses a NULL typed as text in a BIGINT column.
    Null(Kind),
    Text(String),
    Integer(i64),
    Flag(bool),
}

impl Value {
    fn read(row: &AnyRow, index: usize, kind: Kind) -> Result<Value, sqlx::Error> {
        let value = match kind {
            Text => row.try_get::<Option<String>, _>(index)?.map(Value::Text),
            Integer => row.try_get::<Option<i64>, _>(index)?.map(Value::Integer),
            // PostgreSQL answers a boolean; SQLite, which has none, the integer it stored.
            Flag => match row.try_get::<Option<bool>, _>(index) {
                Ok(flag) => flag.map(Value::Flag),
                Err(_) => row.try_get::<Option<i64>, _>(index)?.map(|n| Value::Flag(n != 0)),
            },
        };
        Ok(value.unwrap_or(Value::Null(kind)))
    }

    /// Adds the value to a statement's arguments, typed as its column is.
    fn bind(self, args: &mut AnyArguments<'static>) -> Result<(), sqlx::error::BoxDynError> {
        use sqlx::Arguments;
        match self {
            Value::Null(Text) => args.add(None::<String>),
            Value::Null(Integer) => args.add(None::<i64>),
            Value::Null(Flag) => args.add(None::<bool>),
            Value::Text(text) => args.add(text),
            Value::Integer(n) => args.add(n),
            Value::Flag(flag) => args.add(flag),
        }
    }

    /// The value as bytes that mean the same whatever engine it was read from, each one
    /// self-delimiting (a tag, and a length before text), so that no two rows share a text.
    pub(super) fn canonical(&self, out: &mut Vec<u8>) {
        match self {
            Value::Null(_) => out.push(b'N'),
            Value::Text(text) => {
                out.extend_from_slice(format!("T{}:", text.len()).as_bytes());
                out.extend_from_slice(text.as_bytes());
            }
            Value::Integer(n) => out.extend_from_slice(format!("I{n};").as_bytes()),
            Value::Flag(flag) => out.extend_from_slice(if *flag { b"F1" } else { b"F0" }),
        }
    }
}

impl Table {
    fn column_list(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
        names.join(", ")
    }

    /// Every row, every column. The order is for the writing only (parents' ids rise with
    /// them); the checksums do not depend on it.
    pub(super) fn select(&self) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.column_list(),
            self.name,
            self.columns[0].0
        )
    }

    /// `$n` placeholders, which SQLite takes too.
    pub(super) fn insert(&self) -> String {
        let places: Vec<String> = (1..=self.columns.len()).map(|i| format!("${i}")).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.name,
            self.column_list(),
            places.join(", ")
        )
    }

    pub(super) fn read(&self, row: &AnyRow) -> Result<Vec<Value>, String> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, (column, kind))| {
                Value::read(row, i, *kind).map_err(|e| format!("reading {}.{column}: {e}", self.name))
            })
            .collect()
    }

    /// The arguments of `insert` for a row read by `read`.
    pub(super) fn arguments(&self, values: Vec<Value>) -> Result<AnyArguments<'static>, String> {
        let mut args = AnyArguments::default();
        for value in values {
            value
                .bind(&mut args)
                .map_err(|e| format!("a value for {} could not be bound: {e}", self.name))?;
        }
        Ok(args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_different_rows_have_the_same_canonical_bytes() {
        let canonical = |values: &[Value]| {
            let mut out = Vec::new();
            values.iter().for_each(|v| v.canonical(&mut out));
            out
        };
        let pairs = [
            (
                vec![Value::Text("ab".into()), Value::Text("c".into())],
                vec![Value::Text("a".into()), Value::Text("bc".into())],
            ),
            (vec![Value::Null(Text)], vec![Value::Text(String::new())]),
            (vec![Value::Integer(1)], vec![Value::Flag(true)]),
            (vec![Value::Text("I1;".into())], vec![Value::Integer(1)]),
        ];
        for (one, other) in pairs {
            assert_ne!(canonical(&one), canonical(&other), "{one:?} and {other:?}");
        }
    }

    /// The tables TABLES' comment says are not copied as rows.
    const NOT_COPIED: &[&str] = &[
        "towns",
        "staff_sessions",
        "readiness",
        "budget_entries",
        "document_bytes",
        "recheck_marks",
        "_sqlx_migrations",
    ];

    /// The tables and columns of a database with the portal's schema, as sorted names.
    async fn schema(url: &str, tables_sql: &str, columns_sql: &str) -> Vec<(String, Vec<String>)> {
        let db = crate::db::inspect(url).await.unwrap();
        let mut tables: Vec<String> = sqlx::query_scalar(tables_sql).fetch_all(&db).await.unwrap();
        tables.sort();
        let mut schema = Vec::new();
        for table in tables {
            let mut columns: Vec<String> = sqlx::query_scalar(columns_sql)
                .bind(&table)
                .fetch_all(&db)
                .await
                .unwrap();
            columns.sort();
            schema.push((table, columns));
        }
        db.close().await;
        schema
    }

    /// Every table of the schema is copied or named as not copied, and a copied table's every
    /// column is copied: a migration that adds one fails here until the copy takes it.
    fn assert_copies_everything(schema: &[(String, Vec<String>)]) {
        for (table, columns) in schema {
            if NOT_COPIED.contains(&table.as_str()) {
                continue;
            }
            let copied = TABLES
                .iter()
                .find(|t| t.name == table)
                .unwrap_or_else(|| panic!("the copy neither takes nor names the table {table}"));
            let mut listed: Vec<&str> = copied.columns.iter().map(|(name, _)| *name).collect();
            listed.sort();
            assert_eq!(listed, *columns, "the columns of {table}");
        }
        for table in TABLES {
            assert!(
                schema.iter().any(|(name, _)| name == table.name),
                "{} is not in the schema",
                table.name
            );
        }
    }

    #[cfg(feature = "sqlite")]
    #[tokio::test]
    async fn the_copy_takes_every_table_and_column_of_the_sqlite_schema() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        crate::db::connect(&url, None).await.unwrap().store.close().await;
        let schema = schema(
            &url,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            "SELECT name FROM pragma_table_info($1)",
        )
        .await;
        assert_copies_everything(&schema);
    }

    #[cfg(feature = "postgres")]
    #[tokio::test]
    async fn the_copy_takes_every_table_and_column_of_the_postgresql_schema() {
        let Some(url) = crate::db::fresh_postgres_database().await else {
            return;
        };
        crate::db::connect(&url, None).await.unwrap().store.close().await;
        let schema = schema(
            &url,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = $1",
        )
        .await;
        assert_copies_everything(&schema);
    }

    #[test]
    fn every_table_is_inserted_with_a_placeholder_per_column() {
        let events = TABLES.iter().find(|t| t.name == "events").unwrap();
        assert_eq!(
            events.insert(),
            "INSERT INTO events (id, application_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5, $6)"
        );
    }
}
