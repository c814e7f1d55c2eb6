//! The portal's settings as values: `server serve` makes them from its flags and environment
//! (cli.rs), tests and benchmarks build them with `in_directory`.

/// What the portal runs with. `server serve` reads each from its flag or environment variable
/// (cli.rs says which, and its default); tests and benchmarks build them with `in_directory`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub site_addr: std::net::SocketAddr,
    pub site_root: std::path::PathBuf,
    pub parameters: Option<std::path::PathBuf>,
    pub documents_dir: std::path::PathBuf,
    pub data_key_file: std::path::PathBuf,
    pub header_timeout: u64,
    pub body_timeout: u64,
    pub max_connections: usize,
    pub shutdown_deadline: u64,
    pub trusted_proxies: super::client::TrustedProxies,
    pub creations_per_client: usize,
    /// The time the portal acts at: the system's, unless a test moves it.
    pub clock: crate::clock::Clock,
    /// Which SMS provider texts go through, if any (messages/settings.rs).
    pub sms: crate::messages::SmsSettings,
}

impl Settings {
    /// The limits on connections, from these settings.
    pub fn limits(&self) -> super::connections::Limits {
        use std::time::Duration;
        super::connections::Limits {
            header_timeout: Duration::from_secs(self.header_timeout),
            max_connections: self.max_connections,
            shutdown_deadline: Duration::from_secs(self.shutdown_deadline),
        }
    }

    /// A portal kept entirely in `dir` (its database, documents and a fresh data key), on any
    /// free local port: for tests and benchmarks.
    pub fn in_directory(dir: &std::path::Path) -> Settings {
        let data_key_file = dir.join("portal.key");
        if !data_key_file.exists() {
            std::fs::write(&data_key_file, crate::crypto::DataKeys::generate())
                .expect("a data key in the portal's directory");
        }
        Settings {
            data_key_file,
            database_url: format!("sqlite://{}/portal.db", dir.display()),
            site_addr: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: dir.join("site"),
            parameters: None,
            documents_dir: dir.join("documents"),
            header_timeout: 20,
            body_timeout: 30,
            max_connections: 512,
            shutdown_deadline: 20,
            trusted_proxies: Default::default(),
            creations_per_client: 60,
            clock: crate::clock::Clock::system(),
            sms: Default::default(),
        }
    }
}
