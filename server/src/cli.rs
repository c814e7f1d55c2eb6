//! Command-line interface. Every flag of `serve` can also be set by its environment variable.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "server",
    about = "江津区临时救助服务 — Jiangjin temporary-assistance portal"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web portal (the default).
    Serve(Box<ServeArgs>),
    /// Assess households read as JSON Lines on standard input; one assessment per line out.
    Assess(AssessArgs),
    /// Staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// The parameter sets kept in the database: export the one in force, import a file.
    #[command(subcommand)]
    Parameters(ParametersCommand),
    /// Assess every case not yet decided again with the values in force today, and mark on
    /// the queue those whose outcome, amount, cap or approval tier would differ (the portal
    /// does this itself when the set changes). Prints one line per case marked.
    Recheck(RecheckArgs),
    /// Create the demonstration accounts (one of each role) if they do not exist, and print
    /// how to sign in with them; set demonstration SMS template codes and duty numbers. Never
    /// run this on a production database.
    Demo(DatabaseArgs),
    /// The towns: their duty numbers.
    #[command(subcommand)]
    Towns(TownsCommand),
    /// Text messages: list those that failed, send one again.
    #[command(subcommand)]
    Messages(MessagesCommand),
    /// Delete the applications started and never submitted, past `drafts.retention_days`,
    /// with their documents (the portal also does this at every start).
    PurgeDrafts(PurgeArgs),
    /// Create a new data key file (the key that seals ID, bank card and phone numbers in the
    /// database). Refuses to replace an existing file: losing a key loses the data it sealed.
    Keygen(KeygenArgs),
    /// Copy a portal's data into an empty database (a pilot's SQLite file into PostgreSQL) and
    /// prove the copy by checksums of both sides.
    ///
    /// Applications, members, queues, events, documents with their bytes, family links,
    /// drafts, the access and export logs and staff accounts, ids kept, in one transaction.
    /// Prints each table's row count and SHA-256, read back from both databases, and fails if
    /// they differ. Serve the target with the source's data key file.
    MigrateData(MigrateDataArgs),
    /// Write a consistent copy of a SQLite database into a new file, while the portal runs.
    ///
    /// SQLite's VACUUM INTO. Copy the documents folder after it. PostgreSQL: use pg_dump.
    Backup(BackupArgs),
}

#[derive(Args, Debug, Clone)]
pub struct MigrateDataArgs {
    /// The database to copy (only read): sqlite://… or postgres://…
    #[arg(long)]
    pub from: String,
    /// The empty database to copy into: a new PostgreSQL database, or a SQLite file that is
    /// not there yet (created).
    #[arg(long)]
    pub to: String,
    /// The source's documents folder, if the source is SQLite.
    #[arg(long, env = "PORTAL_DOCUMENTS_DIR", default_value = "data/documents")]
    pub from_documents: PathBuf,
    /// The target's documents folder, if the target is SQLite: empty or not there yet, and not
    /// the source's.
    #[arg(long, env = "PORTAL_DOCUMENTS_DIR", default_value = "data/documents")]
    pub to_documents: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct BackupArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The backup file to write; an existing file is never replaced.
    #[arg(long)]
    pub to: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct PurgeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[arg(long, env = "PORTAL_DOCUMENTS_DIR", default_value = "data/documents")]
    pub documents_dir: PathBuf,
    #[arg(long, env = "PORTAL_PARAMETERS")]
    pub parameters: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct KeygenArgs {
    /// Where to write the key file (readable by its owner only).
    #[arg(long, env = "PORTAL_DATA_KEY_FILE", default_value = "data/portal.key")]
    pub to: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum TownsCommand {
    /// Set a town's (or 区民政局's) duty numbers, which hear of every new emergency at any
    /// hour: `--phones 13900000001,13800000002`; `--phones ''` clears them. Recorded in the
    /// admin log with the operating system's user.
    Duty(DutyArgs),
}

#[derive(Args, Debug, Clone)]
pub struct DutyArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The town or subdistrict (几江街道 or 几江), or 区民政局.
    #[arg(long)]
    pub town: String,
    /// Mobile numbers, comma-separated; empty clears.
    #[arg(long, allow_hyphen_values = true)]
    pub phones: String,
}

#[derive(Subcommand, Debug)]
pub enum MessagesCommand {
    /// The messages in one status, newest first: id, reference, kind, recipient (masked),
    /// status, attempts, when written, the last error.
    List(MessagesListArgs),
    /// Put a failed text back in the queue, to be sent at once.
    Retry(MessagesRetryArgs),
}

#[derive(Args, Debug, Clone)]
pub struct MessagesListArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// queued, sending, sent, delivered, temporary-failure or permanent-failure.
    #[arg(long)]
    pub status: String,
    /// At most this many.
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
}

#[derive(Args, Debug, Clone)]
pub struct MessagesRetryArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The message's id (from `server messages list`).
    pub id: i64,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (one line), never from an
    /// argument, which other users of the machine could see in the process list.
    Add(UserAddArgs),
}

#[derive(Subcommand, Debug)]
pub enum ParametersCommand {
    /// Write the set in force (the newest revision in the database) as a parameter file.
    Export(ParametersExportArgs),
    /// Read a parameter file. On a database with no set yet it becomes the first one; on any
    /// other, each entry the database does not hold becomes a proposal by `--by` (an
    /// administrator), which another administrator approves or rejects on /staff/admin.
    /// Nothing is written unless the whole file is valid and every change applies.
    Import(ParametersImportArgs),
}

#[derive(Args, Debug, Clone)]
pub struct RecheckArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Print what would be marked; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The day whose values to use (default: today in Chongqing).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Args, Debug, Clone)]
pub struct ParametersExportArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Where to write the file (default: standard output); an existing file is never replaced.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct ParametersImportArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The parameter file to read.
    pub file: PathBuf,
    /// The administrator proposing the file's new entries (a username).
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct DatabaseArgs {
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/portal.db")]
    pub database_url: String,
}

#[derive(Args, Debug, Clone)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[arg(long)]
    pub username: String,
    /// caseworker (经办人), head (负责人), reviewer (区民政局), approver (区政府) or administrator.
    #[arg(long)]
    pub role: String,
    /// The town or subdistrict, for caseworkers and heads: 几江街道, 白沙镇…
    #[arg(long)]
    pub town: Option<String>,
    /// The name shown to colleagues (default: the username).
    #[arg(long)]
    pub name: Option<String>,
}

/// `server` with no subcommand serves, reading its settings from the environment.
#[derive(Parser, Debug)]
struct ServeOnly {
    #[command(flatten)]
    args: ServeArgs,
}

impl Default for Command {
    fn default() -> Self {
        Command::Serve(Box::new(ServeOnly::parse_from(["server"]).args))
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Database URL: sqlite://… (a SQLite file under ./data/ by default, created on first
    /// start) or postgres://… (an existing PostgreSQL database; the tables are created).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/portal.db")]
    pub database_url: String,
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: std::net::SocketAddr,
    /// Folder of the built site (pkg/ with the WASM, JS and CSS, and the public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// A parameter file replacing the embedded defaults (see docs/parameters.md).
    #[arg(long, env = "PORTAL_PARAMETERS")]
    pub parameters: Option<PathBuf>,
    /// Where documents' bytes are kept (never a folder the web server serves).
    #[arg(long, env = "PORTAL_DOCUMENTS_DIR", default_value = "data/documents")]
    pub documents_dir: PathBuf,
    /// Log format: `json` (one object per line) or `text`.
    #[arg(long, env = "LOG_FORMAT", default_value = "text")]
    pub log_format: String,
    /// The data key file (`server keygen` makes one): it seals ID, bank card and phone numbers
    /// in the database. Without it the portal does not start.
    #[arg(long, env = "PORTAL_DATA_KEY_FILE", default_value = "data/portal.key")]
    pub data_key_file: PathBuf,
    /// Seconds a client has to send a request's headers; a slower one is cut off.
    #[arg(long, env = "PORTAL_HEADER_TIMEOUT", default_value_t = 20)]
    pub header_timeout: u64,
    /// Seconds a request body may stall between two parts; a photo on a slow network keeps
    /// sending, so this bounds a silence, not the upload.
    #[arg(long, env = "PORTAL_BODY_TIMEOUT", default_value_t = 30)]
    pub body_timeout: u64,
    /// Connections served at once; past it a client gets 503 at once (keep it under the
    /// process's open-file limit, with room for the database and the documents).
    #[arg(long, env = "PORTAL_MAX_CONNECTIONS", default_value_t = 512)]
    pub max_connections: usize,
    /// Seconds the requests in flight may take after SIGTERM before the process exits anyway.
    #[arg(long, env = "PORTAL_SHUTDOWN_DEADLINE", default_value_t = 20)]
    pub shutdown_deadline: u64,
    /// Our own reverse proxies, comma-separated addresses or CIDR ranges (`10.0.0.1,10.1.0.0/16`):
    /// only from these is `X-Forwarded-For` read, to tell clients apart for the guessing
    /// limits. Empty (the default): the socket's address is the client.
    #[arg(
        long,
        env = "PORTAL_TRUSTED_PROXIES",
        default_value = "",
        hide_default_value = true
    )]
    pub trusted_proxies: crate::http::TrustedProxies,
    /// Drafts and applications one client may create in ten minutes (then 429).
    #[arg(long, env = "PORTAL_CREATIONS_PER_CLIENT", default_value_t = 60)]
    pub creations_per_client: usize,
    /// The SMS provider: `aliyun` (Alibaba Cloud), `log` (development: texts in the log), or
    /// empty (the default): no texts, the tracking page is the only channel.
    #[arg(
        long,
        env = "PORTAL_SMS_PROVIDER",
        default_value = "",
        hide_default_value = true
    )]
    pub sms_provider: String,
    /// The provider's API address (default: its public endpoint).
    #[arg(
        long,
        env = "PORTAL_SMS_ENDPOINT",
        default_value = "",
        hide_default_value = true
    )]
    pub sms_endpoint: String,
    /// The provider's AccessKey ID.
    #[arg(
        long,
        env = "PORTAL_SMS_ACCESS_KEY_ID",
        default_value = "",
        hide_default_value = true
    )]
    pub sms_access_key_id: String,
    /// A file holding the AccessKey secret (never the secret itself here).
    #[arg(long, env = "PORTAL_SMS_ACCESS_KEY_SECRET_FILE")]
    pub sms_access_key_secret_file: Option<PathBuf>,
    /// The signature the provider approved for our texts.
    #[arg(
        long,
        env = "PORTAL_SMS_SIGN_NAME",
        default_value = "",
        hide_default_value = true
    )]
    pub sms_sign_name: String,
}

impl From<ServeArgs> for crate::http::Settings {
    fn from(a: ServeArgs) -> crate::http::Settings {
        crate::http::Settings {
            database_url: a.database_url,
            site_addr: a.site_addr,
            site_root: a.site_root,
            parameters: a.parameters,
            documents_dir: a.documents_dir,
            data_key_file: a.data_key_file,
            header_timeout: a.header_timeout,
            body_timeout: a.body_timeout,
            max_connections: a.max_connections,
            shutdown_deadline: a.shutdown_deadline,
            trusted_proxies: a.trusted_proxies,
            creations_per_client: a.creations_per_client,
            clock: crate::clock::Clock::system(),
            sms: crate::messages::SmsSettings {
                provider: a.sms_provider,
                endpoint: a.sms_endpoint,
                access_key_id: a.sms_access_key_id,
                access_key_secret_file: a.sms_access_key_secret_file,
                sign_name: a.sms_sign_name,
            },
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct AssessArgs {
    /// A parameter file to assess with (an official trying a draft of a change).
    #[arg(long, env = "PORTAL_PARAMETERS")]
    pub parameters: Option<PathBuf>,
    /// Without `--parameters`: the portal's database, whose set in force is used (as the
    /// portal uses it). Without either: the embedded defaults.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// The date to use for households without one (default: today in Chongqing).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_are_a_comma_separated_list_of_addresses_and_ranges() {
        let args = ServeOnly::try_parse_from(["server", "--trusted-proxies", "10.0.0.1, 10.1.0.0/16,::1"])
            .unwrap()
            .args;
        assert_eq!(args.trusted_proxies.0.len(), 3);
        assert!(ServeOnly::try_parse_from(["server", "--trusted-proxies", "proxy.local"]).is_err());
        assert!(
            ServeOnly::try_parse_from(["server"])
                .unwrap()
                .args
                .trusted_proxies
                .0
                .is_empty()
        );
    }
}
