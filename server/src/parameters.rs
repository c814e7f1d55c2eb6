//! The parameter set in force, kept in the database (issue 12). The first start seeds it from
//! the parameter file (or the embedded defaults); from then on a change is a proposal that a
//! second administrator approves, which adds the next revision. Every process keeps the newest
//! revision in memory and asks the database for its number every few seconds, so an approval
//! made on one process is in force on all of them without a restart; the process that approved
//! it reloads at once.

use crate::db::BackendError;
use crate::db::Store;
use crate::db::parameters::{NewSet, Proposal};
use app::domain::message_kind::MessageKind;
use app::rules::{ParameterError, Parameters};
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

/// How often a process asks whether another one approved a change.
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// The set in force and where it comes from. Cheap to clone: every clone shares one set.
#[derive(Clone)]
pub struct ParameterStore {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    current: RwLock<Current>,
    /// The revision and the day the marks of the re-check were last made for.
    rechecked: tokio::sync::Mutex<Option<(i64, NaiveDate)>>,
}

struct Current {
    revision: i64,
    set: Arc<Parameters>,
}

/// Why an approval did not add a revision.
#[derive(Debug)]
pub enum ApprovalError {
    /// Someone decided the proposal first.
    AlreadyDecided,
    /// The change, added to the set in force, makes a set no official could mean.
    Invalid(ParameterError),
    Backend(BackendError),
}

impl From<BackendError> for ApprovalError {
    fn from(e: BackendError) -> ApprovalError {
        ApprovalError::Backend(e)
    }
}

impl ParameterStore {
    /// The newest stored set; on a database that has none, `seed` becomes revision 1. When the
    /// operator named a file (`file_given`) that holds entries the database lacks, the start
    /// stops: those are changes, and a change needs a second person's approval (`server
    /// parameters import`), never a restart.
    pub async fn open(
        store: Store,
        seed: &Parameters,
        file_given: bool,
        now: DateTime<Utc>,
    ) -> Result<ParameterStore, String> {
        let failed = |e: BackendError| format!("cannot read the parameter sets: {e}");
        let stored = match store.latest_parameter_set().await.map_err(failed)? {
            Some(stored) => stored,
            None => {
                let document = seed.to_json();
                let first = NewSet {
                    revision: 1,
                    version: &seed.version,
                    document: &document,
                    at: now,
                    approval: None,
                };
                // Conflict: another process seeded it first; its set is read below.
                match store.add_parameter_set(first).await {
                    Ok(_) | Err(BackendError::Conflict) => {}
                    Err(e) => return Err(failed(e)),
                }
                store
                    .latest_parameter_set()
                    .await
                    .map_err(failed)?
                    .ok_or("the parameter set was not stored")?
            }
        };
        let set = Parameters::from_json(&stored.document)
            .map_err(|e| format!("the stored parameter set {} is unreadable: {e}", stored.revision))?;
        if file_given {
            let new = set.changes_in(seed);
            if !new.is_empty() {
                let keys: Vec<String> = new.iter().map(|c| format!("{} from {}", c.key, c.from)).collect();
                return Err(format!(
                    "the parameter file has {} entries the database does not ({}): a change is \
                     proposed and approved, never made by a restart; propose them with `server \
                     parameters import FILE --by USERNAME`, or start without PORTAL_PARAMETERS",
                    new.len(),
                    keys.join(", ")
                ));
            }
        }
        Ok(ParameterStore {
            inner: Arc::new(Inner {
                store,
                current: RwLock::new(Current {
                    revision: stored.revision,
                    set: Arc::new(set),
                }),
                rechecked: tokio::sync::Mutex::new(None),
            }),
        })
    }

    /// The set in force now (its values for a date are `on(date)`).
    pub fn current(&self) -> Arc<Parameters> {
        self.inner.read().set.clone()
    }

    /// Reads the newest revision if the database has a newer one than this process.
    pub async fn refresh(&self) -> Result<(), BackendError> {
        let newest = self.inner.store.parameter_revision().await?;
        if newest.is_none_or(|n| n <= self.inner.read().revision) {
            return Ok(());
        }
        let Some(stored) = self.inner.store.latest_parameter_set().await? else {
            return Ok(());
        };
        match Parameters::from_json(&stored.document) {
            Ok(set) => {
                let mut current = self.inner.current.write().unwrap_or_else(|e| e.into_inner());
                if stored.revision > current.revision {
                    *current = Current {
                        revision: stored.revision,
                        set: Arc::new(set),
                    };
                    tracing::info!(revision = stored.revision, version = %current.set.version, "parameter set changed");
                }
            }
            // Never stored unchecked (`approve` checks it first): the set in force stays.
            Err(e) => {
                tracing::error!(revision = stored.revision, error = %e, "stored parameter set unreadable")
            }
        }
        Ok(())
    }

    /// Re-checks the running cases (crate::recheck) unless it was done for this revision and
    /// day: a change takes effect on approval, or on the day a dated entry starts.
    pub async fn recheck_if_due(&self, today: NaiveDate) -> Result<(), BackendError> {
        let mut rechecked = self.inner.rechecked.lock().await;
        let (revision, set) = {
            let current = self.inner.read();
            (current.revision, current.set.clone())
        };
        if *rechecked == Some((revision, today)) {
            return Ok(());
        }
        let marked = crate::recheck::run(&self.inner.store, &set, today).await?;
        tracing::info!(revision, %today, marked = marked.len(), "running cases re-checked");
        *rechecked = Some((revision, today));
        Ok(())
    }

    /// Refreshes every `REFRESH_EVERY`, and re-checks when the set or the day changed, for as
    /// long as the store is in use.
    pub fn keep_fresh(&self, clock: crate::clock::Clock) {
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(REFRESH_EVERY).await;
                let Some(inner) = weak.upgrade() else { return };
                let store = ParameterStore { inner };
                if let Err(e) = store.refresh().await {
                    tracing::warn!(error = %e, "parameter set not refreshed; the one in force stays");
                    continue;
                }
                if let Err(e) = store.recheck_if_due(clock.today()).await {
                    tracing::warn!(error = %e, "running cases not re-checked; tried again shortly");
                }
            }
        });
    }

    /// Approves `proposal` by staff member `by`: the newest set with its change becomes the
    /// next revision, version `<today>.<revision>`, in force on this process at once. A
    /// template code's proposal sets the code instead (the set stays as it is), in force at
    /// every sender's next batch.
    pub async fn approve(
        &self,
        proposal: &Proposal,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<Arc<Parameters>, ApprovalError> {
        if let Some(kind) = MessageKind::of_template_key(&proposal.change.key) {
            let code = proposal.change.value.as_str().unwrap_or_default();
            let approved = self
                .inner
                .store
                .approve_template_code(proposal.id, kind, code, by, now)
                .await?;
            return match approved {
                true => Ok(self.current()),
                false => Err(ApprovalError::AlreadyDecided),
            };
        }
        let today = app::domain::clock::date_in_chongqing(now);
        // Another approval may take the next revision between the read and the write: then
        // the newest is read again and the change added to it.
        for _ in 0..5 {
            let stored = self
                .inner
                .store
                .latest_parameter_set()
                .await?
                .ok_or(ApprovalError::Backend(BackendError::Unavailable))?;
            let set = Parameters::from_json(&stored.document).map_err(ApprovalError::Invalid)?;
            let revision = stored.revision + 1;
            let version = format!("{today}.{revision}");
            let changed = set
                .with_change(&proposal.change, &version)
                .map_err(ApprovalError::Invalid)?;
            let document = changed.to_json();
            let next = NewSet {
                revision,
                version: &version,
                document: &document,
                at: now,
                approval: Some((proposal.id, by)),
            };
            match self.inner.store.add_parameter_set(next).await {
                Ok(true) => {
                    self.refresh().await?;
                    self.recheck_if_due(today).await?;
                    return Ok(Arc::new(changed));
                }
                Ok(false) => return Err(ApprovalError::AlreadyDecided),
                Err(BackendError::Conflict) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(ApprovalError::Backend(BackendError::Conflict))
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }
}

impl Inner {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        self.current.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// `server parameters export`: the newest revision, as a parameter file.
pub async fn export(url: &str, out: Option<std::path::PathBuf>) -> Result<(), String> {
    let set = crate::config::stored_set(url)
        .await?
        .ok_or("the database holds no parameter set yet: the portal's first start seeds it")?;
    let text = set.to_json() + "\n";
    match out {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(path) => {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            file.write_all(text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {} ({} {})", path.display(), set.name, set.version);
            Ok(())
        }
    }
}

/// `server parameters import FILE [--by USERNAME]`: the first set of an empty database, or the
/// file's new entries as proposals by an administrator. All or nothing: every change is first
/// added, in the file's order, to the set in force, and the first that does not apply stops
/// the import with its reason.
pub async fn import(url: &str, file: &std::path::Path, by: Option<&str>) -> Result<(), String> {
    let file = crate::config::load_parameters(Some(file))?;
    let database = crate::db::connect(url, None).await?;
    let result = import_into(&database, &file, by).await;
    database.store.close().await;
    for line in result? {
        println!("{line}");
    }
    Ok(())
}

async fn import_into(
    database: &crate::db::Database,
    file: &Parameters,
    by: Option<&str>,
) -> Result<Vec<String>, String> {
    let failed = |e: BackendError| format!("the database failed: {e}");
    let now = Utc::now();
    let Some(stored) = database.store.latest_parameter_set().await.map_err(failed)? else {
        ParameterStore::open(database.store.clone(), file, false, now).await?;
        return Ok(vec![format!(
            "the database's first parameter set: {} {}",
            file.name, file.version
        )]);
    };
    let set = Parameters::from_json(&stored.document).map_err(|e| e.to_string())?;
    let changes = set.changes_in(file);
    if changes.is_empty() {
        return Ok(vec![
            "nothing new: every entry of the file is in the set in force".into(),
        ]);
    }
    let by = by.ok_or(
        "the database has a parameter set: name the administrator proposing the changes with --by USERNAME",
    )?;
    let staff = database.store.all_staff().await.map_err(failed)?;
    let proposer = staff
        .iter()
        .find(|s| s.username == by && s.role == app::domain::review::Role::Administrator)
        .ok_or_else(|| format!("{by} is not an administrator's username"))?;
    let mut trial = set;
    for change in &changes {
        trial = trial
            .with_change(change, "import")
            .map_err(|e| format!("{} from {}: {e}; nothing was imported", change.key, change.from))?;
    }
    let mut said = Vec::new();
    for change in &changes {
        let id = database
            .store
            .propose_parameter(change, proposer.id, now)
            .await
            .map_err(failed)?;
        said.push(format!(
            "proposal {id}: {} = {} from {} (for another administrator to approve on /staff/admin)",
            change.key, change.value, change.from
        ));
    }
    Ok(said)
}
