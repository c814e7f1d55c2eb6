//! The check page is served in Chinese by default, in English on request, and answers a form
//! post without JavaScript with the same result the browser computes.

mod common;

#[tokio::test]
async fn the_check_page_is_chinese_by_default() {
    let portal = common::start().await;
    let response = portal
        .client
        .get(format!("{}/", portal.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="zh-CN""#), "{html}");
    assert!(html.contains("看看能不能申请临时救助"));
    assert!(html.contains("几江街道") && html.contains("四屏镇"));
}

#[tokio::test]
async fn the_english_switch_renders_english_and_is_remembered() {
    let portal = common::start().await;
    let response = portal
        .client
        .get(format!("{}/?lang=en", portal.base))
        .send()
        .await
        .unwrap();
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
    let today = server::config::today_in_chongqing();
    let event_date = (today - chrono::Duration::days(5)).to_string();
    let form = [
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
        ("emergency_event_date", event_date.as_str()),
        ("emergency_serious_difficulty", "on"),
        ("has_expense", "no"),
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
    let response = portal
        .client
        .get(format!("{}/no-such-page", portal.base))
        .send()
        .await
        .unwrap();
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
