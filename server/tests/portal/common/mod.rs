//! A fresh portal on a random port with its own database, for each test: a SQLite file in its
//! folder, or, when PORTAL_TEST_POSTGRES names a PostgreSQL server (a URL to its `postgres`
//! database, as `.ci/postgres start` prints), a database of its own on that server. Raw SQL in
//! the tests is written to run on both engines (`$1` placeholders, which SQLite takes too).

pub mod sms_stand_in;
pub mod staff;

use reqwest::{Client, Response, multipart};
use serde_json::Value;
use server::http::Settings;

pub struct Portal {
    pub base: String,
    pub client: reqwest::Client,
    pub database_url: String,
    /// The portal's own clock: a test moves it forward instead of rewriting stored dates.
    pub clock: server::clock::Clock,
    /// Where it keeps its data; dropped with the portal.
    storage: Storage,
}

/// Where a portal keeps its data: a folder (its SQLite file, documents and data key) and, on
/// a PostgreSQL run, a database of its own on that server, dropped with it.
pub struct Storage {
    dir: tempfile::TempDir,
    postgres: Option<PostgresDatabase>,
}

impl Storage {
    /// Empty storage on the run's engine.
    pub async fn fresh() -> Storage {
        let postgres = match postgres_server() {
            Some(server) => Some(PostgresDatabase::create(server).await),
            None => None,
        };
        Storage {
            dir: tempfile::tempdir().expect("a temporary directory"),
            postgres,
        }
    }

    /// An empty folder for a SQLite portal, whatever the run's engine: for what concerns
    /// SQLite alone (its backup, a pilot's file).
    pub fn sqlite() -> Storage {
        Storage {
            dir: tempfile::tempdir().expect("a temporary directory"),
            postgres: None,
        }
    }

    pub fn engine(&self) -> Engine {
        match self.postgres {
            Some(_) => Engine::Postgres,
            None => Engine::Sqlite,
        }
    }

    /// The folder: the SQLite file (`portal.db`), `documents/` and the data key (`portal.key`)
    /// of a portal started on this storage.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// The database a portal started on this storage uses.
    pub fn database_url(&self) -> String {
        match &self.postgres {
            Some(database) => database.url.clone(),
            None => Settings::in_directory(self.dir()).database_url,
        }
    }

    /// The folder of documents' bytes a portal started on this storage uses (with SQLite).
    pub fn documents_dir(&self) -> std::path::PathBuf {
        self.dir().join("documents")
    }

    /// How many documents' bytes the document store holds (finished or not): files in the
    /// portal's folder on SQLite, rows of `document_bytes` on PostgreSQL (storage.rs).
    pub async fn stored_documents(&self) -> usize {
        match self.engine() {
            Engine::Sqlite => std::fs::read_dir(self.documents_dir())
                .map(|dir| dir.count())
                .unwrap_or_default(),
            Engine::Postgres => {
                let count: i64 = sqlx::query_scalar("SELECT count(*) FROM document_bytes")
                    .fetch_one(&server::db::inspect(&self.database_url()).await.unwrap())
                    .await
                    .unwrap();
                count as usize
            }
        }
    }

    /// The portal's tables and nothing in them, as a new database is after `server
    /// migrate-data` prepared it (a portal's start would also seed the parameters).
    pub async fn migrated(self) -> Storage {
        let database = server::db::connect(&self.database_url(), None).await.unwrap();
        database.store.close().await;
        self
    }

    /// Makes every `operation` (INSERT, UPDATE or DELETE) on a table fail inside the database,
    /// as a full disk or a broken constraint would, until [`Storage::allow_writes_to`]: a
    /// trigger that raises an error, written in each engine's own language.
    pub async fn fail_writes_to(&self, table: &str, operation: &str) {
        let db = server::db::inspect(&self.database_url()).await.unwrap();
        let statements = match self.engine() {
            Engine::Sqlite => vec![format!(
                "CREATE TRIGGER fail_{table} BEFORE {operation} ON {table}
                 BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )],
            Engine::Postgres => vec![
                "CREATE OR REPLACE FUNCTION fail_write() RETURNS trigger LANGUAGE plpgsql AS
                 $$ BEGIN RAISE EXCEPTION 'boom'; END; $$"
                    .to_string(),
                format!(
                    "CREATE TRIGGER fail_{table} BEFORE {operation} ON {table}
                     FOR EACH ROW EXECUTE FUNCTION fail_write()"
                ),
            ],
        };
        for statement in statements {
            sqlx::query(&statement).execute(&db).await.unwrap();
        }
    }

    /// Lets the writes that [`Storage::fail_writes_to`] made fail succeed again.
    pub async fn allow_writes_to(&self, table: &str) {
        let statement = match self.engine() {
            Engine::Sqlite => format!("DROP TRIGGER fail_{table}"),
            Engine::Postgres => format!("DROP TRIGGER fail_{table} ON {table}"),
        };
        sqlx::query(&statement)
            .execute(&server::db::inspect(&self.database_url()).await.unwrap())
            .await
            .unwrap();
    }
}

/// The engines the tests can run on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server to run on, if any.
pub fn postgres_server() -> Option<String> {
    std::env::var("PORTAL_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// A database created for one portal on the PostgreSQL server, dropped with it.
struct PostgresDatabase {
    /// The server's `postgres` database, where databases are created and dropped.
    admin_url: String,
    name: String,
    url: String,
}

impl PostgresDatabase {
    /// A new empty database with a random name on the server.
    async fn create(admin_url: String) -> PostgresDatabase {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).expect("the operating system's random source");
        let name = format!(
            "portal_test_{}",
            random.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        let admin = server::db::inspect(&admin_url)
            .await
            .expect("the PostgreSQL server answers");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("a database for the test");
        admin.close().await;
        // The same server and parameters, this database.
        let address = admin_url.split('?').next().unwrap_or_default();
        let parameters = &admin_url[address.len()..];
        let (root, _) = address.rsplit_once('/').expect("a URL with a database name");
        let url = format!("{root}/{name}{parameters}");
        PostgresDatabase { admin_url, name, url }
    }
}

impl Drop for PostgresDatabase {
    /// Dropped on a thread of its own: the test's runtime is being torn down around it. FORCE
    /// ends the connections the test's portals still hold.
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let admin = server::db::inspect(&admin_url).await?;
                let done = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string());
                admin.close().await;
                done
            })
        })
        .join();
        // A database left behind takes room on a throwaway server; it fails no test.
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("the test database {} was not dropped: {dropped:?}", self.name);
        }
    }
}

impl Portal {
    /// A client that keeps cookies, as a browser does (the application's draft).
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// The settings of another portal process on this one's folder and clock (its database,
    /// documents and data key), as after a restart.
    pub fn restart_args(&self) -> Settings {
        let mut args = Settings::in_directory(self.dir());
        args.database_url = self.database_url.clone();
        args.clock = self.clock.clone();
        args
    }

    /// The engine this portal stores in.
    pub fn engine(&self) -> Engine {
        self.storage.engine()
    }

    /// The folder that holds the portal's database and documents.
    pub fn dir(&self) -> &std::path::Path {
        self.storage.dir()
    }

    /// [`Storage::stored_documents`] of this portal.
    pub async fn stored_documents(&self) -> usize {
        self.storage.stored_documents().await
    }

    /// Makes the document store unable to take or give a document, as a full or unmounted
    /// disk, or a failing database, would.
    pub async fn break_document_store(&self) {
        match self.engine() {
            Engine::Sqlite => {
                let dir = self.dir().join("documents");
                std::fs::remove_dir_all(&dir).unwrap();
                std::fs::write(&dir, b"not a directory").unwrap();
            }
            Engine::Postgres => self.break_table("document_bytes").await,
        }
    }

    /// Undoes `break_document_store`, as an operator freeing the disk would.
    pub async fn repair_document_store(&self) {
        match self.engine() {
            Engine::Sqlite => {
                let dir = self.dir().join("documents");
                std::fs::remove_file(&dir).unwrap();
                std::fs::create_dir(&dir).unwrap();
            }
            Engine::Postgres => {
                sqlx::query("ALTER TABLE document_bytes_away RENAME TO document_bytes")
                    .execute(&self.db().await)
                    .await
                    .unwrap();
            }
        }
    }

    /// A direct connection to the portal's database, to check what was stored.
    pub async fn db(&self) -> sqlx::AnyPool {
        server::db::inspect(&self.database_url).await.unwrap()
    }

    /// A statement run on the portal's database with this reference as its one parameter: a
    /// state the portal would reach only later, or never, written directly.
    pub async fn write_for(&self, sql: &str, reference: &str) {
        sqlx::query(sql)
            .bind(reference)
            .execute(&self.db().await)
            .await
            .unwrap();
    }

    /// [`Storage::fail_writes_to`] on this portal's storage.
    pub async fn fail_writes_to(&self, table: &str, operation: &str) {
        self.storage.fail_writes_to(table, operation).await
    }

    pub async fn allow_writes_to(&self, table: &str) {
        self.storage.allow_writes_to(table).await
    }

    /// Makes a table unusable, as a failing database would be for what reads or writes it
    /// (renamed away: the same statement on either engine).
    pub async fn break_table(&self, table: &str) {
        sqlx::query(&format!("ALTER TABLE {table} RENAME TO {table}_away"))
            .execute(&self.db().await)
            .await
            .unwrap();
    }

    /// A GET of a path of the portal by this client (a browser or the plain client).
    pub async fn get_by(&self, client: &Client, path: &str) -> Response {
        client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    /// A GET of a path of the portal by the plain client.
    pub async fn get(&self, path: &str) -> Response {
        self.get_by(&self.client, path).await
    }

    /// The page at a path of the portal, as this client sees it.
    pub async fn page(&self, client: &Client, path: &str) -> String {
        self.get_by(client, path).await.text().await.unwrap()
    }

    /// A new emergency draft in this browser (`POST /apply/start`).
    pub async fn start_draft(&self, browser: &Client) -> Response {
        self.start_draft_of(browser, "emergency").await
    }

    /// A new draft of this aid type in this browser.
    pub async fn start_draft_of(&self, browser: &Client, aid_type: &str) -> Response {
        browser
            .post(format!("{}/apply/start", self.base))
            .form(&[("aid_type", aid_type)])
            .send()
            .await
            .unwrap()
    }

    /// A document for the draft of this browser (`POST /apply/documents`).
    pub async fn draft_upload(&self, browser: &Client, form: multipart::Form) -> Response {
        browser
            .post(format!("{}/apply/documents", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// An application through the JSON API, with an idempotency key when given; the status,
    /// the body and the `location` header.
    pub async fn create(&self, key: Option<&str>, body: &Value) -> (u16, Value, Option<String>) {
        let mut request = self
            .client
            .post(format!("{}/api/v1/applications", self.base))
            .json(body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let location = header(&response, "location");
        (status, response.json().await.unwrap_or(Value::Null), location)
    }

    /// An application's tracking through the API, with the phone ending when given.
    /// The application as the API's tracking answers it, JSON.
    pub async fn tracked(&self, reference: &str, last4: &str) -> Value {
        self.api_track(reference, Some(last4)).await.json().await.unwrap()
    }

    pub async fn api_track(&self, reference: &str, last4: Option<&str>) -> Response {
        let mut request = self
            .client
            .get(format!("{}/api/v1/applications/{reference}", self.base));
        if let Some(last4) = last4 {
            request = request.header("x-phone-last4", last4);
        }
        request.send().await.unwrap()
    }

    /// A document sent through the API for an application, with its phone ending.
    pub async fn api_upload(&self, reference: &str, last4: &str, form: multipart::Form) -> Response {
        self.client
            .post(format!("{}/api/v1/applications/{reference}/documents", self.base))
            .header("x-phone-last4", last4)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// A tracking form (track, withdraw, family link, revoke) posted, through a proxy that
    /// forwards for `forwarded` when given; the status and the page.
    pub async fn tracking_form(
        &self,
        path: &str,
        reference: &str,
        last4: &str,
        forwarded: Option<&str>,
    ) -> (u16, String) {
        self.tracking_form_with(path, &[("reference", reference), ("last4", last4)], forwarded)
            .await
    }

    /// The withdrawal as the confirmation page's form posts it (`confirm=yes`): the tracking
    /// page's button only asks for that confirmation.
    pub async fn confirmed_withdrawal(
        &self,
        reference: &str,
        last4: &str,
        forwarded: Option<&str>,
    ) -> (u16, String) {
        let fields = [("reference", reference), ("last4", last4), ("confirm", "yes")];
        self.tracking_form_with("/track/withdraw", &fields, forwarded)
            .await
    }

    async fn tracking_form_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        forwarded: Option<&str>,
    ) -> (u16, String) {
        let mut request = self.client.post(format!("{}{path}", self.base)).form(fields);
        if let Some(address) = forwarded {
            request = request.header("x-forwarded-for", address);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// A document sent on the tracking page (the form names the reference and phone ending);
    /// the page answered.
    pub async fn track_upload(&self, form: multipart::Form) -> String {
        self.client
            .post(format!("{}/track/documents", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
}

/// The value of a response header, if it has one.
pub fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

/// The `key` of each item of the list `list` in a JSON body (the fields of `errors`, the kinds
/// of `events`).
pub fn listed<'a>(body: &'a Value, list: &str, key: &str) -> Vec<&'a str> {
    body[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap())
        .collect()
}

/// The bytes of a JPEG photo as the portal checks them (its signature), `len` bytes long.
pub fn jpeg(len: usize) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.resize(len, 7);
    bytes
}

/// An upload form with one document of this kind.
pub fn document_form(kind: &str, bytes: Vec<u8>, file_name: &str) -> multipart::Form {
    multipart::Form::new().text("kind", kind.to_string()).part(
        "file",
        multipart::Part::bytes(bytes).file_name(file_name.to_string()),
    )
}

pub async fn start() -> Portal {
    start_with(|_| {}).await
}

/// A fresh portal with some settings changed (trusted proxies, …).
pub async fn start_with(configure: impl FnOnce(&mut Settings)) -> Portal {
    start_on(Storage::fresh().await, configure).await
}

/// A portal on this storage (empty, or holding what another portal, a copy or a restore left),
/// with some settings changed.
pub async fn start_on(storage: Storage, configure: impl FnOnce(&mut Settings)) -> Portal {
    let mut args = Settings::in_directory(storage.dir());
    args.database_url = storage.database_url();
    configure(&mut args);
    let database_url = args.database_url.clone();
    let clock = args.clock.clone();
    let addr = server::http::spawn(&args).await.expect("the portal starts");
    Portal {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        database_url,
        clock,
        storage,
    }
}

/// The server binary run with these arguments, none of its settings taken from this
/// process's environment; its output. Run on a blocking thread, so that the portals of the
/// test go on answering meanwhile.
pub async fn server_command<I, S>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("PORTAL_DOCUMENTS_DIR")
            .env_remove("PORTAL_DATA_KEY_FILE")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("the server binary runs")
    })
    .await
    .expect("the command's thread finishes")
}

/// A command's standard output and error, for its assertions' messages.
pub fn said(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Copies the files of a folder (documents' bytes: one level, no subfolders) into another.
pub fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// The check form as a browser without JavaScript posts it: one person of 44, in work, after a
/// fire on `event_date` that left the household in serious difficulty; no expense.
pub fn fire_check_form(event_date: &str) -> Vec<(&'static str, String)> {
    [
        ("lang", "zh"),
        ("town", "几江街道"),
        ("status", "none"),
        ("size", "1"),
        ("m0_age", "44"),
        ("m0_employed", "on"),
        ("annual_income", "30000"),
        ("financial_assets", "5000"),
        ("extra_homes", "0"),
        ("vehicles", "0"),
        ("has_emergency", "yes"),
        ("emergency_event", "fire"),
        ("emergency_event_date", event_date),
        ("emergency_serious_difficulty", "on"),
        ("has_expense", "no"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}
