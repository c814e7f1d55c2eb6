//! The built site's `/pkg` files (the stylesheet, the check's JS and its WASM), read into memory
//! once at start-up and served under content-hashed names, cached by phones for a year.
//!
//! Why not `tower_http`'s `ServeDir`: for every request it checks the path, looks up the file's
//! metadata, opens the `.br` or `.gz` beside it and reads it in chunks, each step a hop to
//! tokio's blocking pool; and with `no-cache` every visit asked again. That made these few
//! files the slowest thing the server did (issue 11, item 3). They are small (a few hundred KB
//! in all) and never change while the server runs: `.ci/build` swaps in a whole new folder,
//! with new names, for a new release.
//!
//! Why hashed names: a phone that cached yesterday's JS must never pair it with today's WASM.
//! `.ci/build` names the pair after one hash of both (`portal.<hash>.js`,
//! `portal.<hash>_bg.wasm`) and the stylesheet after its own, so a release changes every name
//! whose content changed; the pages (revalidated on every visit) name the current files.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;

/// Where the files are served from.
pub const PREFIX: &str = "/pkg";
/// The names used when no site is built (the server's own tests): the pages still render.
const UNBUILT_BUNDLE: &str = "portal";
const UNBUILT_STYLESHEET: &str = "portal.css";
const UNBUILT_STAFF_STYLESHEET: &str = "staff.css";

/// A year: what "never changes" means to a browser cache (RFC 9111; `immutable`, RFC 8246, also
/// spares the revalidation a reload would otherwise make).
const FOREVER: &str = "public, max-age=31536000, immutable";

#[derive(Clone, Debug)]
pub struct Assets {
    files: Arc<HashMap<String, Asset>>,
    /// The JS and WASM's shared name without extension (`portal.<hash>`): Leptos's hydration
    /// script loads `<bundle>.js` and `<bundle>_bg.wasm`.
    pub bundle: Arc<str>,
    /// The stylesheet's path, as pages link it.
    pub stylesheet: Arc<str>,
    /// The staff pages' own stylesheet (`staff.<hash>.css`), linked after the other on them
    /// only: residents' pages, the check's first load above all, never download it.
    pub staff_stylesheet: Arc<str>,
}

#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    etag: HeaderValue,
}

impl Assets {
    /// Reads every file of `dir` (as `.ci/build` wrote it). No folder at all is a server
    /// without a built site (its own tests), which still renders every page; a folder that
    /// cannot be read, or whose JS has no WASM, stops the start-up with the reason.
    pub fn load(dir: &std::path::Path) -> Result<Assets, String> {
        if !dir.exists() {
            tracing::warn!(folder = %dir.display(), "no built site: pages have no stylesheet and no check script (run .ci/build)");
            return Ok(Assets::unbuilt());
        }
        let unreadable =
            |e: std::io::Error| format!("cannot read the site's files in {}: {e}", dir.display());
        let mut raw: HashMap<String, Bytes> = HashMap::new();
        for entry in std::fs::read_dir(dir).map_err(unreadable)? {
            let entry = entry.map_err(unreadable)?;
            if !entry.file_type().map_err(unreadable)?.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            raw.insert(
                name,
                Bytes::from(std::fs::read(entry.path()).map_err(unreadable)?),
            );
        }
        Assets::from_files(raw).map_err(|e| format!("the site in {} is incomplete: {e}", dir.display()))
    }

    /// The paths of the files a page may load: the stylesheet, the JS and the WASM.
    pub fn served_paths(&self) -> Vec<String> {
        vec![
            self.stylesheet.to_string(),
            format!("{PREFIX}/{}.js", self.bundle),
            format!("{PREFIX}/{}_bg.wasm", self.bundle),
        ]
    }

    /// A name for this release's set of files: it changes whenever one of them does.
    pub fn release(&self) -> String {
        let tag = etag(format!("{}\n{}", self.bundle, self.stylesheet).as_bytes());
        tag.to_str().unwrap_or("").trim_matches('"').to_string()
    }

    /// No site: the names a build would have had without hashes.
    pub fn unbuilt() -> Assets {
        Assets {
            files: Arc::default(),
            bundle: UNBUILT_BUNDLE.into(),
            stylesheet: format!("{PREFIX}/{UNBUILT_STYLESHEET}").into(),
            staff_stylesheet: format!("{PREFIX}/{UNBUILT_STAFF_STYLESHEET}").into(),
        }
    }

    /// The served files from the folder's contents: each file with its `.br` and `.gz`.
    fn from_files(mut raw: HashMap<String, Bytes>) -> Result<Assets, String> {
        let names: Vec<String> = raw
            .keys()
            .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
            .cloned()
            .collect();
        let mut files = HashMap::new();
        for name in names {
            let Some(content_type) = content_type(&name) else {
                continue;
            };
            let identity = raw.remove(&name).unwrap_or_default();
            let asset = Asset {
                content_type,
                etag: etag(&identity),
                identity,
                brotli: raw.remove(&format!("{name}.br")),
                gzip: raw.remove(&format!("{name}.gz")),
            };
            files.insert(name, asset);
        }
        let only = |prefix: &str, extension: &str| -> Result<String, String> {
            let mut found = files
                .keys()
                .filter(|name| name.starts_with(prefix) && name.ends_with(extension));
            match (found.next(), found.next()) {
                (Some(name), None) => Ok(name.clone()),
                (None, _) => Err(format!("no {prefix}…{extension} file")),
                (Some(_), Some(_)) => Err(format!("more than one {prefix}…{extension} file")),
            }
        };
        let js = only("portal.", ".js")?;
        let bundle = js.trim_end_matches(".js").to_string();
        if !files.contains_key(&format!("{bundle}_bg.wasm")) {
            return Err(format!("{js} has no {bundle}_bg.wasm beside it"));
        }
        let stylesheet = format!("{PREFIX}/{}", only("portal.", ".css")?);
        let staff_stylesheet = format!("{PREFIX}/{}", only("staff.", ".css")?);
        Ok(Assets {
            files: Arc::new(files),
            bundle: bundle.into(),
            stylesheet: stylesheet.into(),
            staff_stylesheet: staff_stylesheet.into(),
        })
    }
}

fn content_type(name: &str) -> Option<&'static str> {
    let extension = name.rsplit_once('.')?.1;
    Some(match extension {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        // `application/wasm` lets the browser compile while it downloads.
        "wasm" => "application/wasm",
        _ => return None,
    })
}

/// A strong validator from the content, for a browser that asks again anyway.
fn etag(content: &[u8]) -> HeaderValue {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(content);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or(HeaderValue::from_static("\"\""))
}

/// `GET /pkg/{name}`: the file, brotli or gzip if the browser takes it, from memory.
pub async fn serve(State(assets): State<Assets>, Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = assets.files.get(&name) else {
        // An old page naming a file of a past release: not found, and not cached, so that
        // a later release at that name (never, with hashes) would not be hidden.
        return (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, "no-store")]).into_response();
    };
    let mut response = Response::builder()
        .header(header::CONTENT_TYPE, asset.content_type)
        .header(header::CACHE_CONTROL, FOREVER)
        .header(header::ETAG, asset.etag.clone())
        .header(header::VARY, "accept-encoding");
    if headers.get(header::IF_NONE_MATCH) == Some(&asset.etag) {
        return response
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    let accepts = |coding: &str| {
        headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|c| {
                let mut parts = c.split(';');
                let name = parts.next().unwrap_or("").trim();
                let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                name.eq_ignore_ascii_case(coding) && !refused
            })
    };
    let body = match (&asset.brotli, &asset.gzip) {
        (Some(br), _) if accepts("br") => {
            response = response.header(header::CONTENT_ENCODING, "br");
            br.clone()
        }
        (_, Some(gz)) if accepts("gzip") => {
            response = response.header(header::CONTENT_ENCODING, "gzip");
            gz.clone()
        }
        _ => asset.identity.clone(),
    };
    response.body(Body::from(body)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;

    fn site() -> Assets {
        let files = [
            ("portal.abc.js", "js"),
            ("portal.abc.js.br", "js-br"),
            ("portal.abc_bg.wasm", "wasm"),
            ("portal.abc_bg.wasm.br", "wasm-br"),
            ("portal.abc_bg.wasm.gz", "wasm-gz"),
            ("portal.def.css", "css"),
            ("staff.fed.css", "staff-css"),
        ];
        Assets::from_files(
            files
                .iter()
                .map(|(n, c)| (n.to_string(), Bytes::from(*c)))
                .collect(),
        )
        .unwrap()
    }

    async fn get(name: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, Bytes) {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.insert(
                header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        let response = serve(State(site()), Path(name.to_string()), map).await;
        let (parts, body) = response.into_parts();
        (
            parts.status,
            parts.headers,
            to_bytes(body, usize::MAX).await.unwrap(),
        )
    }

    #[test]
    fn the_bundle_and_stylesheet_are_named_after_the_built_files() {
        let assets = site();
        assert_eq!(&*assets.bundle, "portal.abc");
        assert_eq!(&*assets.stylesheet, "/pkg/portal.def.css");
        assert_eq!(&*assets.staff_stylesheet, "/pkg/staff.fed.css");
    }

    #[test]
    fn the_files_a_page_may_load_are_this_releases_three() {
        let files = Assets::unbuilt().served_paths();
        assert!(files.contains(&"/pkg/portal.js".to_string()), "{files:?}");
        assert!(files.contains(&"/pkg/portal_bg.wasm".to_string()), "{files:?}");
        assert!(files.contains(&"/pkg/portal.css".to_string()), "{files:?}");
    }

    #[test]
    fn a_script_without_its_wasm_is_refused_at_start_up() {
        let files = [("portal.abc.js", "js"), ("portal.def.css", "css")];
        let refused = Assets::from_files(
            files
                .iter()
                .map(|(n, c)| (n.to_string(), Bytes::from(*c)))
                .collect(),
        );
        assert!(refused.unwrap_err().contains("portal.abc_bg.wasm"));
    }

    #[tokio::test]
    async fn files_are_cached_for_a_year_and_compressed_as_the_browser_accepts() {
        let (status, headers, body) =
            get("portal.abc_bg.wasm", &[("accept-encoding", "gzip, deflate, br")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(&body[..], b"wasm-br");
        assert_eq!(headers[header::CONTENT_ENCODING], "br");
        assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(headers[header::CACHE_CONTROL], FOREVER);
        assert_eq!(headers[header::VARY], "accept-encoding");

        let (_, headers, body) = get("portal.abc_bg.wasm", &[("accept-encoding", "gzip, br;q=0")]).await;
        assert_eq!(&body[..], b"wasm-gz");
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip");

        let (_, headers, body) = get("portal.abc_bg.wasm", &[]).await;
        assert_eq!(&body[..], b"wasm");
        assert!(headers.get(header::CONTENT_ENCODING).is_none());
    }

    #[tokio::test]
    async fn a_file_the_browser_has_is_not_sent_again() {
        let (_, headers, _) = get("portal.def.css", &[]).await;
        let etag = headers[header::ETAG].to_str().unwrap().to_string();
        let (status, _, body) = get("portal.def.css", &[("if-none-match", &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
    }

    #[tokio::test]
    async fn a_past_releases_file_is_not_found_and_not_cached() {
        let (status, headers, _) = get("portal.old.js", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    }
}
