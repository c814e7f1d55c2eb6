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
    Serve(ServeArgs),
    /// Assess households read as JSON Lines on standard input; one assessment per line out.
    Assess(AssessArgs),
    /// Staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Create the demonstration accounts (one of each role) if they do not exist, and print
    /// how to sign in with them. Never run this on a production database.
    Demo(DatabaseArgs),
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (one line), never from an
    /// argument, which other users of the machine could see in the process list.
    Add(UserAddArgs),
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
        Command::Serve(ServeOnly::parse_from(["server"]).args)
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Database URL; a SQLite file under ./data/ is created on first start.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/portal.db")]
    pub database_url: String,
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: std::net::SocketAddr,
    /// Folder of the built site (pkg/ with the WASM, JS and CSS, and the public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// A parameter file replacing the embedded defaults (see README, "Changing a parameter").
    #[arg(long, env = "PORTAL_PARAMETERS")]
    pub parameters: Option<PathBuf>,
    /// Where documents' bytes are kept (never a folder the web server serves).
    #[arg(long, env = "PORTAL_DOCUMENTS_DIR", default_value = "data/documents")]
    pub documents_dir: PathBuf,
    /// Log format: `json` (one object per line) or `text`.
    #[arg(long, env = "LOG_FORMAT", default_value = "text")]
    pub log_format: String,
    /// Drafts and applications one client may create in ten minutes (then 429).
    #[arg(long, env = "PORTAL_CREATIONS_PER_CLIENT", default_value_t = 60)]
    pub creations_per_client: usize,
}

impl ServeArgs {
    /// A portal kept entirely in `dir` (its database and documents), on any free local port:
    /// for tests and benchmarks.
    pub fn in_directory(dir: &std::path::Path) -> ServeArgs {
        ServeArgs {
            database_url: format!("sqlite://{}/portal.db", dir.display()),
            site_addr: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: dir.join("site"),
            parameters: None,
            documents_dir: dir.join("documents"),
            log_format: "text".into(),
            creations_per_client: 60,
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct AssessArgs {
    /// A parameter file replacing the embedded defaults.
    #[arg(long, env = "PORTAL_PARAMETERS")]
    pub parameters: Option<PathBuf>,
    /// The date to use for households without one (default: today in Chongqing).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}
