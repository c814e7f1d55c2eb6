//! Requests per second for what a phone fetches on its first visit: `cargo bench -p server
//! --bench pages` (run by .ci/bench, after `.ci/build --site-only`). The portal runs in this
//! process on the built site (target/site); 32 clients ask for one address at a time.
//!
//! The same files are also served by `tower_http`'s `ServeDir`, as the portal did before
//! issue 11 item 3, on a router of their own: the difference is why `/pkg` was the slowest
//! thing the server did (a metadata call, an open and chunked reads, each on tokio's blocking
//! pool, for every request) and what serving them from memory changed.

use axum::Router;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower_http::services::ServeDir;

const CLIENTS: usize = 32;
const FOR: Duration = Duration::from_secs(3);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site");
        let pkg = site.join("pkg");
        let wasm = std::fs::read_dir(&pkg)
            .expect("a built site: run .ci/build --site-only first")
            .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
            .find(|name| name.ends_with("_bg.wasm"))
            .expect("the check's WASM in target/site/pkg");

        let dir = tempfile::tempdir().unwrap();
        let args = server::http::Settings {
            site_root: site.clone(),
            ..server::http::Settings::in_directory(dir.path())
        };
        let portal = server::http::spawn(&args).await.unwrap();

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let before = listener.local_addr().unwrap();
        let files = Router::new().nest_service(
            "/pkg",
            ServeDir::new(&pkg).precompressed_br().precompressed_gzip(),
        );
        tokio::spawn(async move { axum::serve(listener, files).await.unwrap() });

        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(CLIENTS)
            .build()
            .unwrap();
        for (what, url) in [
            ("/healthz", format!("http://{portal}/healthz")),
            ("the check page (/)", format!("http://{portal}/")),
            (
                "the WASM, brotli, from memory",
                format!("http://{portal}/pkg/{wasm}"),
            ),
            (
                "the WASM, brotli, by ServeDir (before)",
                format!("http://{before}/pkg/{wasm}"),
            ),
        ] {
            let (count, bytes) = load(&client, &url).await;
            let seconds = FOR.as_secs_f64();
            println!(
                "pages: {what}: {:.0} requests per second, {:.0} MB/s ({CLIENTS} clients)",
                count as f64 / seconds,
                bytes as f64 / seconds / 1e6
            );
        }
    });
}

/// Requests answered (and bytes received) in `FOR`, from `CLIENTS` clients asking in turn.
async fn load(client: &reqwest::Client, url: &str) -> (usize, usize) {
    let until = Instant::now() + FOR;
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, url) = (client.clone(), url.to_string());
            tokio::spawn(async move {
                let (mut count, mut bytes) = (0, 0);
                while Instant::now() < until {
                    let response = client
                        .get(&url)
                        .header("accept-encoding", "br")
                        .send()
                        .await
                        .unwrap();
                    assert!(response.status().is_success(), "{url}: {}", response.status());
                    bytes += response.bytes().await.unwrap().len();
                    count += 1;
                }
                (count, bytes)
            })
        })
        .collect();
    let mut total = (0, 0);
    for task in tasks {
        let (count, bytes) = task.await.unwrap();
        total = (total.0 + count, total.1 + bytes);
    }
    total
}
