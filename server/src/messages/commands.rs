//! The operators' commands about messages: a town's duty numbers (`server towns duty`), the
//! texts that failed (`server messages list`, `server messages retry`), and the demonstration's
//! template codes and duty numbers (`server demo`).

use crate::db::{self, BUREAU, Store};
use app::domain::PhoneNumber;
use app::domain::messages::{MessageKind, MessageStatus};
use app::domain::town_contact::TownContact;
use app::rules::Town;
use chrono::Utc;

/// Who ran a command, as the admin log records it: the operating system's user.
pub fn operator() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("os:{user}")
}

async fn open(database_url: &str) -> Result<Store, String> {
    Ok(db::connect(database_url, None).await?.store)
}

/// The office a name means: a town of the district (its full name or its short one) or
/// 区民政局.
pub fn office(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name == BUREAU {
        return Ok(BUREAU.to_string());
    }
    Town::by_name(name)
        .map(|t| t.full_name())
        .ok_or_else(|| format!("{name} is not a town of the district, nor {BUREAU}"))
}

/// Mobile numbers, comma-separated (Chinese commas too); empty is none.
pub fn phones(list: &str) -> Result<Vec<PhoneNumber>, String> {
    list.split([',', '，', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| PhoneNumber::parse(p).map_err(|_| format!("{p} is not a mainland mobile number")))
        .collect()
}

/// `server towns duty --town T --phones LIST`.
pub async fn set_duty(database_url: &str, town: &str, list: &str) -> Result<(), String> {
    let office = office(town)?;
    let phones = phones(list)?;
    let store = open(database_url).await?;
    store
        .set_duty_phones(&office, &phones, &operator(), Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    if phones.is_empty() {
        println!("{office}: no duty numbers (emergencies alert nobody there)");
    } else {
        let shown: Vec<String> = phones.iter().map(PhoneNumber::masked).collect();
        println!("{office}: duty numbers {}", shown.join(", "));
    }
    store.close().await;
    Ok(())
}

/// `server messages list --status S`: one line per message, newest first.
pub async fn list(database_url: &str, status: &str, limit: i64) -> Result<(), String> {
    let status = MessageStatus::parse(status).ok_or_else(|| {
        let known: Vec<&str> = MessageStatus::ALL.iter().map(|s| s.word()).collect();
        format!("unknown status {status} (one of {})", known.join(", "))
    })?;
    let store = open(database_url).await?;
    let listed = store
        .messages_in(status, limit)
        .await
        .map_err(|e| e.to_string())?;
    for m in &listed {
        let recipient = match m.recipient.strip_prefix("duty:") {
            Some(phone) => format!("duty {}", super::masked(phone)),
            None => m.recipient.clone(),
        };
        println!(
            "{}\t{}\t{}\t{}\t{}\tattempts {}\t{}\t{}",
            m.id,
            m.reference,
            m.kind,
            recipient,
            m.status,
            m.attempts,
            m.created_at,
            m.error.as_deref().unwrap_or("")
        );
    }
    eprintln!("{} messages {}", listed.len(), status.word());
    store.close().await;
    Ok(())
}

/// `server messages retry ID`.
pub async fn retry(database_url: &str, id: i64) -> Result<(), String> {
    let store = open(database_url).await?;
    let retried = store
        .retry_message(id, Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    store.close().await;
    if retried {
        println!("message {id} is queued again");
        Ok(())
    } else {
        Err(format!("there is no failed text with the id {id}"))
    }
}

/// The demonstration's duty numbers: not anyone's, for a portal pointed at a stand-in.
const DEMO_DUTY: [(&str, &str); 3] = [
    ("几江街道", "13900000001"),
    ("白沙镇", "13900000002"),
    (BUREAU, "13900000003"),
];

/// `server demo`'s part for messages: a template code for every kind (`SMS_DEMO_…`) and a
/// duty number for each demonstration town and the bureau, so that a demonstration portal
/// with a provider (a stand-in) sends, also when it started before this ran.
pub async fn demo(database_url: &str) -> Result<(), String> {
    let store = open(database_url).await?;
    let now = Utc::now();
    let by = operator();
    for kind in MessageKind::ALL {
        let code = format!("SMS_DEMO_{}", kind.word().to_uppercase());
        store
            .set_template_code(kind, &code, &by, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    println!("Demonstration SMS template codes: SMS_DEMO_<KIND> for each kind of message.");
    for (office, phone) in DEMO_DUTY {
        let phone = PhoneNumber::parse(phone).map_err(|_| format!("{phone} is not a mobile number"))?;
        store
            .set_duty_phones(office, std::slice::from_ref(&phone), &by, now)
            .await
            .map_err(|e| e.to_string())?;
        println!("  duty number of {office}: {}", phone.masked());
    }
    // The demonstration towns' offices as residents see them (issue 24, item 10): marked as a
    // demonstration, so that nobody dials them for real.
    for (town, phone) in [("几江街道", "023-0000 0001"), ("白沙镇", "023-0000 0002")] {
        let contact = TownContact::typed(
            town,
            phone,
            &format!("{town}便民服务中心（演示地址）"),
            "周一至周五 9:00–12:00，14:00–17:30（演示）",
        )
        .map_err(|problem| format!("the demonstration contact of {town}: {problem:?}"))?;
        store
            .set_town_contact(town, Some(&contact), &by, now)
            .await
            .map_err(|e| e.to_string())?;
        println!("  contact of {town}'s office: {phone} (a demonstration)");
    }
    store.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_is_a_town_of_the_district_or_the_bureau() {
        assert_eq!(office("白沙").unwrap(), "白沙镇");
        assert_eq!(office("区民政局").unwrap(), "区民政局");
        assert!(office("上海").is_err());
    }

    #[test]
    fn duty_numbers_are_mobile_numbers_and_empty_clears() {
        assert_eq!(phones("").unwrap().len(), 0);
        assert_eq!(phones("13900000001，138-0000-0002").unwrap().len(), 2);
        assert!(phones("023-47521234").is_err());
    }
}
