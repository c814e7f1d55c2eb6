//! The check page is served in Chinese by default, in English on request, and answers a form
//! post without JavaScript with the same result the browser computes.

use crate::common;

#[tokio::test]
async fn the_check_page_is_chinese_by_default() {
    let portal = common::start().await;
    let response = portal.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="zh-CN""#), "{html}");
    assert!(html.contains("看看能不能申请临时救助"));
    assert!(html.contains("几江街道") && html.contains("四屏镇"));
}

/// The staff pages' styles are their own stylesheet: residents' pages (the check's first load
/// above all) never download them (issue 11's 120 KB; docs/benchmarks.md).
#[tokio::test]
async fn only_staff_pages_link_the_staff_stylesheet() {
    let portal = common::start().await;
    for path in ["/", "/track", "/apply", "/publicity"] {
        let html = portal.get(path).await.text().await.unwrap();
        assert!(html.contains("/pkg/portal.css"), "{path}");
        assert!(!html.contains("/pkg/staff.css"), "{path}");
    }
    let html = portal.get("/staff/login").await.text().await.unwrap();
    assert!(
        html.contains("/pkg/portal.css") && html.contains("/pkg/staff.css"),
        "{html}"
    );
}

#[tokio::test]
async fn the_english_switch_renders_english_and_is_remembered() {
    let portal = common::start().await;
    let response = portal.get("/?lang=en").await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .expect("a language cookie")
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Check if you can get temporary assistance"));

    let again = portal
        .client
        .get(format!("{}/", portal.base))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("Check if you can get temporary assistance")
    );
}

#[tokio::test]
async fn a_form_post_without_javascript_renders_the_result() {
    let portal = common::start().await;
    let today = server::clock::Clock::system().today();
    let event_date = (today - chrono::Duration::days(5)).to_string();
    let form = common::fire_check_form(&event_date);
    let response = portal
        .client
        .post(format!("{}/", portal.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"data-aid="emergency" data-outcome="likely""#),
        "{html}"
    );
    // Two months of today's standard for one person, with the figures and the clause.
    let dibao = app::rules::Parameters::defaults()
        .on(today)
        .unwrap()
        .dibao_monthly;
    assert!(html.contains(&format!("{} 元", dibao.times(2))), "{html}");
    assert!(html.contains("二(八)"));
    // The answers are kept in the form.
    assert!(html.contains(r#"value="30000""#));
}

#[tokio::test]
async fn a_form_post_with_a_bad_answer_shows_the_message_at_the_field_and_keeps_the_rest() {
    let portal = common::start().await;
    let form = [
        ("town", "白沙镇"),
        ("size", "1"),
        ("m0_age", "abc"),
        ("annual_income", "12000"),
        ("financial_assets", ""),
    ];
    let response = portal
        .client
        .post(format!("{}/", portal.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="m0_age-error""#), "{html}");
    assert!(html.contains(r#"id="financial_assets-error""#));
    assert!(html.contains(r#"value="12000""#));
}

#[tokio::test]
async fn an_unknown_page_is_a_404_in_plain_words() {
    let portal = common::start().await;
    let response = portal.get("/no-such-page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("找不到这个页面"));
}

#[tokio::test]
async fn pages_are_sent_compressed_to_browsers_that_accept_it() {
    let portal = common::start().await;
    let response = portal
        .client
        .get(format!("{}/", portal.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("br")
    );
}

/// The value of a response header, or "" when it is absent.
fn header(response: &reqwest::Response, name: &str) -> String {
    common::header(response, name).unwrap_or_default()
}

#[tokio::test]
async fn a_page_allows_only_its_own_scripts_and_the_hydration_script_marked_with_its_nonce() {
    let portal = common::start().await;
    let response = portal.get("/").await;
    let policy = header(&response, "content-security-policy");
    assert_eq!(header(&response, "x-content-type-options"), "nosniff");
    assert_eq!(header(&response, "referrer-policy"), "same-origin");
    let html = response.text().await.unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("the policy names a nonce: {policy}"));
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // Every inline script of the page carries this response's nonce, or the browser blocks it.
    let inline_scripts = html.matches("<script").count() - html.matches("<script src=").count();
    assert!(inline_scripts > 0, "the islands hydrate from an inline script");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        inline_scripts,
        "{html}"
    );
    // A second response has another nonce.
    let again = portal.get("/").await;
    assert!(!header(&again, "content-security-policy").contains(nonce));
    // What is not a page may run nothing at all.
    let health = portal.get("/healthz").await;
    assert!(header(&health, "content-security-policy").starts_with("default-src 'none'"));
    assert_eq!(header(&health, "x-frame-options"), "DENY");
}

#[tokio::test]
async fn pages_that_show_personal_data_are_never_kept_in_a_cache() {
    let portal = common::start().await;
    let browser = portal.browser();
    let started = portal.start_draft(&browser).await;
    assert_eq!(header(&started, "cache-control"), "no-store");
    for path in ["/apply/step/1", "/apply/step/7", "/track"] {
        let response = portal.get_by(&browser, path).await;
        assert_eq!(header(&response, "cache-control"), "no-store", "{path}");
    }
    // The check page holds nothing personal: kept, but asked again each time.
    let check = portal.get_by(&browser, "/").await;
    assert_eq!(header(&check, "cache-control"), "no-cache");
}

#[tokio::test]
async fn a_form_post_from_another_site_changes_nothing_in_the_draft() {
    let portal = common::start().await;
    let browser = portal.browser();
    portal.start_draft(&browser).await;
    let step = |name: &'static str| [("aid_type", "emergency"), ("applicant_name", name)];
    let host = portal.base.trim_start_matches("http://").to_string();
    // Another site's page, as a current browser reports it, and as an older one does.
    let forged = [
        ("sec-fetch-site", "cross-site".to_string()),
        ("origin", "https://attacker.example".to_string()),
    ];
    for (name, value) in forged {
        let response = browser
            .post(format!("{}/apply/step/1", portal.base))
            .header(name, value)
            .form(&step("冒名"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{name}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("不是从本网站的页面提交的")
        );
    }
    let page = portal.page(&browser, "/apply/step/1").await;
    assert!(!page.contains("冒名"), "a forged post changed the draft");
    // Our own page, as the browser reports it, is answered as usual.
    let own = browser
        .post(format!("{}/apply/step/1", portal.base))
        .header("sec-fetch-site", "same-origin")
        .header("origin", format!("http://{host}"))
        .form(&step("张三"))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 303);
}

#[tokio::test]
async fn a_request_the_server_cannot_read_is_refused_in_plain_words() {
    let portal = common::start().await;
    for path in ["/apply/step/abc", "/staff/documents/abc"] {
        let response = portal.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        let text = response.text().await.unwrap();
        assert!(
            text.contains("无法识别") && text.contains("could not read"),
            "{path}: {text}"
        );
        for rust in ["parse", "i64", "usize", "u64", "`"] {
            assert!(!text.contains(rust), "{path}: {text}");
        }
    }
    let response = portal
        .client
        .post(format!("{}/api/v1/assess", portal.base))
        .header("content-type", "application/json")
        .body(r#"{"town": "几江街道", "annual_income": [1]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    let message = body["message_en"].as_str().unwrap();
    for rust in ["f64", "i64", "usize", "`"] {
        assert!(!message.contains(rust), "{message}");
    }
    assert!(message.contains("a number"), "{message}");
}

#[tokio::test]
async fn readiness_says_when_documents_cannot_be_stored_and_recovers_by_itself() {
    let portal = common::start().await;
    let ready = || async {
        let response = portal.get("/readyz").await;
        (
            response.status().as_u16(),
            response.json::<serde_json::Value>().await.unwrap(),
        )
    };
    assert_eq!(ready().await.0, 200);
    // SQLite: the document folder is replaced by a file, where nothing can be written (even
    // as root). PostgreSQL: the documents' table is gone while the rest of the database works.
    portal.break_document_store().await;
    let (status, body) = ready().await;
    assert_eq!(status, 503);
    assert_eq!(body["documents"], "unavailable");
    assert_eq!(body["database"], "ok");
    portal.repair_document_store().await;
    assert_eq!(ready().await.0, 200);
}

#[tokio::test]
async fn a_release_s_files_are_named_by_their_content_kept_for_a_year_and_kept_offline() {
    let portal = common::start().await;
    // A built site as .ci/build leaves it: hashed names, a .br beside each file.
    let pkg = portal.dir().join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, content) in [
        ("portal.0123456789abcdef.js", "js"),
        ("portal.0123456789abcdef_bg.wasm", "wasm"),
        ("portal.0123456789abcdef_bg.wasm.br", "wasm as brotli"),
        ("portal.fedcba9876543210.css", "css"),
        ("staff.00112233aabbccdd.css", "staff css"),
    ] {
        std::fs::write(pkg.join(name), content).unwrap();
    }
    let addr = server::http::spawn(&portal.restart_args()).await.unwrap();
    let client = reqwest::Client::new();
    let get = |path: &str| {
        client
            .get(format!("http://{addr}{path}"))
            .header("accept-encoding", "br")
            .send()
    };

    // Pages as they are (this client reads no brotli); the WASM as a phone asks for it.
    let page = client.get(format!("http://{addr}/")).send().await.unwrap();
    assert_eq!(header(&page, "cache-control"), "no-cache");
    let html = page.text().await.unwrap();
    assert!(
        html.contains("href=\"/pkg/portal.fedcba9876543210.css\""),
        "{html}"
    );
    assert!(html.contains("/pkg/portal.0123456789abcdef_bg.wasm"), "{html}");
    let wasm = get("/pkg/portal.0123456789abcdef_bg.wasm").await.unwrap();
    assert_eq!(
        header(&wasm, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&wasm, "content-type"), "application/wasm");
    assert_eq!(wasm.bytes().await.unwrap(), "wasm as brotli");
    // An error page links the same stylesheet.
    let missing = client
        .get(format!("http://{addr}/family/{}", "0".repeat(32)))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let html = missing.text().await.unwrap();
    assert!(
        html.contains("href=\"/pkg/portal.fedcba9876543210.css\""),
        "{html}"
    );
    // The service worker keeps exactly these files, and changes with them.
    let worker = client.get(format!("http://{addr}/sw.js")).send().await.unwrap();
    assert_eq!(header(&worker, "cache-control"), "no-cache");
    let worker = worker.text().await.unwrap();
    for file in [
        "/pkg/portal.fedcba9876543210.css",
        "/pkg/portal.0123456789abcdef.js",
        "/pkg/portal.0123456789abcdef_bg.wasm",
    ] {
        assert!(worker.contains(&format!("\"{file}\"")), "{worker}");
    }
    assert!(
        !worker.contains("__RELEASE__") && !worker.contains("__FILES__"),
        "{worker}"
    );
    // An old page's name for the WASM of a past release: not found, not kept.
    let old = get("/pkg/portal_bg.wasm").await.unwrap();
    assert_eq!(old.status(), 404);
    assert_eq!(header(&old, "cache-control"), "no-store");
}

#[tokio::test]
async fn a_site_whose_script_has_no_wasm_does_not_start() {
    let portal = common::start().await;
    let pkg = portal.dir().join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("portal.0123456789abcdef.js"), "js").unwrap();
    std::fs::write(pkg.join("portal.fedcba9876543210.css"), "css").unwrap();
    let refused = server::http::spawn(&portal.restart_args()).await.unwrap_err();
    assert!(refused.contains("portal.0123456789abcdef_bg.wasm"), "{refused}");
}
