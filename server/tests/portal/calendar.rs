//! Deadlines count the working days of the State Council's holiday calendar, as the parameter
//! file carries it (issue 12, item 5).

use crate::common;
use crate::common::staff::emergency_application as application;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The default parameter file with one more arrangement for this year, announced yesterday:
/// every day from tomorrow to the Friday before the first Saturday at least two days ahead is
/// off, and that Saturday is worked instead.
fn parameters_with_days_off(today: NaiveDate) -> (tempfile::TempDir, std::path::PathBuf, NaiveDate) {
    let (days_off, saturday) = days_off_then_a_saturday_worked(today);
    let mut file: serde_json::Value = serde_json::from_str(app::rules::DEFAULT_PARAMETER_FILE).unwrap();
    file["calendar"].as_array_mut().unwrap().push(serde_json::json!({
        "year": today.year(),
        "from": (today - Duration::days(1)).to_string(),
        "verified": false,
        "source": "a test's arrangement",
        "holidays": days_off,
        "workdays": [saturday.to_string()],
    }));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parameters.json");
    std::fs::write(&path, file.to_string()).unwrap();
    (dir, path, saturday)
}

/// From tomorrow to the Friday before the first Saturday at least two days ahead: the days
/// off (as text) and that Saturday, worked instead. Whatever today is, the next working day
/// is that Saturday.
pub fn days_off_then_a_saturday_worked(today: NaiveDate) -> (Vec<String>, NaiveDate) {
    let mut saturday = today + Duration::days(2);
    while saturday.weekday() != Weekday::Sat {
        saturday += Duration::days(1);
    }
    let days_off = (1..(saturday - today).num_days())
        .map(|n| (today + Duration::days(n)).to_string())
        .collect();
    (days_off, saturday)
}

#[tokio::test]
async fn an_emergency_application_is_due_on_the_next_working_day_of_the_calendar_not_after_a_day_off() {
    let today = server::clock::Clock::system().today();
    let (_dir, path, saturday) = parameters_with_days_off(today);
    let portal = common::start_with(|args| args.parameters = Some(path)).await;
    // Near midnight in Chongqing the portal's today could be tomorrow: then the test says nothing.
    if portal.clock.today() != today {
        return;
    }
    let (status, body, _) = portal.create(Some("k"), &application()).await;
    assert_eq!(status, 201, "{body}");
    // One working day (deadline.accept_emergency_working_days): the days off are skipped and
    // the Saturday worked in exchange is the day.
    assert_eq!(body["due_on"], saturday.to_string(), "{body}");
}
