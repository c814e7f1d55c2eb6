//! `server user add` and `server demo`: staff accounts from the command line.

use crate::auth::{Password, hash_password};
use crate::db;
use crate::db::BackendError;
use crate::db::staff::NewStaff;
use app::domain::review::Role;
use app::rules::Town;
use chrono::Utc;
use std::io::BufRead;

/// A new account's details, checked before anything is written.
fn new_staff(
    username: &str,
    name: Option<&str>,
    role: &str,
    town: Option<&str>,
) -> Result<(String, String, Role, Option<String>), String> {
    let username = username.trim();
    if username.is_empty()
        || username.len() > 40
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err("the username must be 1–40 letters, digits, '-', '_' or '.'".into());
    }
    let role = Role::parse(role.trim()).ok_or_else(|| {
        "the role must be caseworker, head, reviewer, approver or administrator".to_string()
    })?;
    let town = match (role.belongs_to_a_town(), town.map(str::trim)) {
        (true, Some(t)) => Some(
            Town::by_name(t)
                .map(|x| x.full_name())
                .ok_or_else(|| format!("{t} is not one of the district's 30 towns and subdistricts"))?,
        ),
        (true, None) => return Err("caseworkers and heads need --town".into()),
        (false, Some(_)) => return Err("only caseworkers and heads belong to a town".into()),
        (false, None) => None,
    };
    let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(username);
    Ok((username.to_string(), name.to_string(), role, town))
}

async fn create(
    database_url: &str,
    details: (String, String, Role, Option<String>),
    password: Password,
) -> Result<bool, String> {
    let (username, display_name, role, town) = details;
    let database = db::connect(database_url, None).await?;
    let password_hash = hash_password(password).await?;
    let new = NewStaff {
        username,
        display_name,
        role,
        town,
        password_hash,
    };
    let done = database.store.add_staff(new, Utc::now()).await;
    database.store.close().await;
    match done {
        Ok(_) => Ok(true),
        Err(BackendError::Conflict) => Ok(false),
        Err(e) => Err(format!("cannot create the account: {e}")),
    }
}

/// `server user add`: the password is the first line of standard input.
pub async fn add(
    database_url: &str,
    username: &str,
    name: Option<&str>,
    role: &str,
    town: Option<&str>,
) -> Result<(), String> {
    let details = new_staff(username, name, role, town)?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = Password::parse(line.trim_end_matches(['\n', '\r']).to_string())?;
    let username = details.0.clone();
    if create(database_url, details, password).await? {
        println!("created {username}");
        Ok(())
    } else {
        Err(format!("the username {username} is taken"))
    }
}

/// The demonstration accounts: (username, name, role, town, password).
/// One of each role in 几江街道 and the district, and a second town (白沙镇) to show that
/// towns do not see each other's cases.
const DEMO: [(&str, &str, &str, Option<&str>, &str); 8] = [
    (
        "jijiang-caseworker",
        "几江经办人 李敏",
        "caseworker",
        Some("几江街道"),
        "demo-caseworker-2026",
    ),
    (
        "jijiang-head",
        "几江负责人 王强",
        "head",
        Some("几江街道"),
        "demo-head-2026",
    ),
    (
        "baisha-caseworker",
        "白沙经办人 陈静",
        "caseworker",
        Some("白沙镇"),
        "demo-caseworker-2026",
    ),
    (
        "baisha-head",
        "白沙负责人 刘洋",
        "head",
        Some("白沙镇"),
        "demo-head-2026",
    ),
    (
        "mzj-reviewer",
        "区民政局 赵军",
        "reviewer",
        None,
        "demo-reviewer-2026",
    ),
    (
        "qzf-approver",
        "区政府 孙丽",
        "approver",
        None,
        "demo-approver-2026",
    ),
    ("admin", "系统管理员", "administrator", None, "demo-admin-2026"),
    // A second administrator: a parameter change needs one to propose and another to approve.
    (
        "admin-2",
        "系统管理员（复核）",
        "administrator",
        None,
        "demo-admin-2026",
    ),
];

/// `server demo`: creates the demonstration accounts that do not exist yet.
pub async fn demo(database_url: &str) -> Result<(), String> {
    println!("Demonstration staff accounts (sign in at /staff/login):");
    for (username, name, role, town, password) in DEMO {
        let details = new_staff(username, Some(name), role, town)?;
        let created = create(database_url, details, Password::parse(password.to_string())?).await?;
        let note = if created { "" } else { " (already there)" };
        println!(
            "  {username:<20} password {password:<22} {role}{}{note}",
            town.map(|t| format!(", {t}")).unwrap_or_default()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::new_staff;

    #[test]
    fn a_caseworker_needs_a_town_of_the_district() {
        assert!(new_staff("li", None, "caseworker", None).is_err());
        assert!(new_staff("li", None, "caseworker", Some("上海")).is_err());
        let (_, _, _, town) = new_staff("li", None, "caseworker", Some("白沙")).unwrap();
        assert_eq!(town.as_deref(), Some("白沙镇"));
    }

    #[test]
    fn district_roles_belong_to_no_town() {
        assert!(new_staff("zhao", None, "reviewer", Some("白沙镇")).is_err());
        assert!(new_staff("zhao", None, "reviewer", None).is_ok());
    }

    #[test]
    fn a_username_with_spaces_or_an_unknown_role_is_refused() {
        assert!(new_staff("li min", None, "caseworker", Some("白沙镇")).is_err());
        assert!(new_staff("li", None, "boss", None).is_err());
    }
}
