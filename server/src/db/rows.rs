//! What stored rows mean, whichever engine read them: the rows of the queue, the case file and
//! the ledger as the portal's types, what a resident may read of an event, and the
//! dashboard's figures. The engines fetch; this decides what the values say, once.

use super::common::{open, parse_time, sealed, unreadable};
use super::error::BackendError;
use crate::crypto::DataKeys;
use app::domain::DocumentKind;
use app::domain::casefile::{
    AccessRecord, AuditEvent, CaseFile, MemberRecord, PossibleDuplicate, QueueRow, QueueView,
};
use app::domain::clock::{date_in_chongqing, start_of_day};
use app::domain::reports::{Dashboard, Figures, LedgerRow, PublicityRow, median};
use app::domain::review::{Case, CaseEvent, Level, Staff, Status};
use app::domain::{AidType, DocumentInfo, NationalId, PhoneNumber};
use app::rules::{Money, TOWNS};
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;

/// 张三 → 张*, 欧阳娜娜 → 欧***: enough for a family member to recognise, no more.
pub(crate) fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// The cause of an application, for the one-grant-per-cause flag (RULES.md §4): the
/// emergency's event or the kind of expense.
pub(crate) fn cause_of(household: &app::rules::HouseholdInput) -> String {
    household
        .emergency
        .as_ref()
        .and_then(|e| e.event.clone())
        .or_else(|| household.expense.as_ref().and_then(|x| x.kind.clone()))
        .unwrap_or_default()
}

/// The parts of an event's detail the applicant reads: the amounts granted or paid, the reason
/// of a refusal, the documents asked for. Never who did it, nor an amount still under review.
pub(crate) fn resident_detail(kind: CaseEvent, detail: &str) -> serde_json::Value {
    let full: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
    let mut shown = serde_json::Map::new();
    let keys: &[&str] = match kind {
        CaseEvent::Approved | CaseEvent::AdvancePaid | CaseEvent::Paid => {
            &["amount_fen", "advance_fen", "balance_fen"]
        }
        _ => &["reason", "what"],
    };
    for &key in keys {
        if let Some(v) = full.get(key) {
            shown.insert(key.to_string(), v.clone());
        }
    }
    serde_json::Value::Object(shown)
}

/// The town's latest request for documents as the applicant reads it: its words and, when the
/// town named one, the kind of document asked for.
pub(crate) fn document_request(detail: Option<String>) -> (Option<String>, Option<DocumentKind>) {
    let detail = detail.and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok());
    let Some(detail) = detail else {
        return (None, None);
    };
    let what = detail["what"].as_str().map(str::to_string);
    let kind = detail["kind"].as_str().and_then(DocumentKind::parse);
    (what, kind)
}

/// The first instant of a Chongqing date, as stored (UTC, RFC 3339).
pub(crate) fn start_of(day: NaiveDate) -> String {
    start_of_day(day).to_rfc3339()
}

fn money(fen: Option<i64>) -> Option<Money> {
    fen.map(Money::from_fen)
}

/// A line of the queue as selected (the same column names on both engines).
#[derive(sqlx::FromRow)]
pub(crate) struct QueueSqlRow {
    reference: String,
    aid_type: String,
    applicant_name: String,
    town: String,
    status: String,
    level: String,
    urgent: bool,
    due_on: String,
    assigned: Option<String>,
    submitted_at: String,
    overdue: bool,
    paperwork_overdue: bool,
    /// The re-check's mark (JSON), if the case has one.
    recheck: Option<String>,
}

/// The queue's page: a row that does not read back is an error, never a case left out.
pub(crate) fn queue_view(
    rows: Vec<QueueSqlRow>,
    counts: Vec<(String, i64)>,
    overdue: i64,
    matching: i64,
) -> Result<QueueView, BackendError> {
    let rows = rows
        .into_iter()
        .map(|r| {
            let parsed = (
                AidType::parse(&r.aid_type),
                Status::parse(&r.status),
                Level::parse(&r.level),
                r.due_on.parse::<NaiveDate>().ok(),
            );
            let (Some(aid_type), Some(status), Some(level), Some(due_on)) = parsed else {
                return Err(unreadable("queue row", &r.reference));
            };
            Ok(QueueRow {
                masked_name: mask_name(&r.applicant_name),
                reference: r.reference,
                aid_type,
                town: r.town,
                status,
                level,
                urgent: r.urgent,
                due_on,
                overdue: r.overdue,
                advance_paperwork_overdue: r.paperwork_overdue,
                assigned_to: r.assigned,
                submitted_on: date_in_chongqing(parse_time(&r.submitted_at)),
                // A mark made before the decision says nothing once the case is decided.
                recheck: r
                    .recheck
                    .filter(|_| status.is_undecided())
                    .and_then(|m| serde_json::from_str(&m).ok()),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(QueueView {
        rows,
        counts: Status::ALL
            .into_iter()
            .filter_map(|s| counts.iter().find(|(w, _)| w == s.word()).map(|(_, n)| (s, *n)))
            .collect(),
        overdue,
        matching,
    })
}

/// A case's row as selected, its sealed columns still sealed.
#[derive(sqlx::FromRow)]
pub(crate) struct CaseRow {
    pub id: i64,
    pub reference: String,
    aid_type: String,
    town: String,
    status: String,
    level: String,
    applicant_name: String,
    id_number: String,
    phone: String,
    answers: String,
    household: String,
    assessment: String,
    rules_version: String,
    parameter_set: String,
    pub submitted_at: String,
    pub cause: String,
    recommended_fen: Option<i64>,
    recommended_by: Option<String>,
    advance_fen: Option<i64>,
    advance_paperwork_due: Option<String>,
    approved_fen: Option<i64>,
    pub assigned_to: Option<i64>,
    version: i64,
    urgent: bool,
    due_on: String,
    paused_on: Option<String>,
}

/// A case's row opened and read: what must parse before anyone is shown (or logged as seeing)
/// the case.
pub(crate) struct OpenedCase {
    /// The row, its sealed columns opened.
    row: CaseRow,
    aid_type: AidType,
    status: Status,
    level: Level,
    id_number: NationalId,
    phone: PhoneNumber,
}

impl OpenedCase {
    pub(crate) fn open(keys: &DataKeys, mut row: CaseRow) -> Result<OpenedCase, BackendError> {
        row.id_number = open(
            keys,
            sealed::APPLICATION_ID_NUMBER,
            &row.id_number,
            &row.reference,
        )?;
        row.phone = open(keys, sealed::APPLICATION_PHONE, &row.phone, &row.reference)?;
        row.answers = open(keys, sealed::APPLICATION_ANSWERS, &row.answers, &row.reference)?;
        let (Some(aid_type), Some(status), Some(level), Ok(id_number), Some(phone)) = (
            AidType::parse(&row.aid_type),
            Status::parse(&row.status),
            Level::parse(&row.level),
            NationalId::parse(&row.id_number),
            PhoneNumber::parse(&row.phone).ok(),
        ) else {
            tracing::error!(application = row.id, "a stored application does not parse");
            return Err(BackendError::Unavailable);
        };
        Ok(OpenedCase {
            row,
            aid_type,
            status,
            level,
            id_number,
            phone,
        })
    }

    pub(crate) fn row(&self) -> &CaseRow {
        &self.row
    }
}

/// A household member as stored: relationship, name, sealed ID number, age.
pub(crate) type MemberSqlRow = (String, String, Option<String>, i64);

/// The members with their ID numbers opened.
pub(crate) fn open_members(
    keys: &DataKeys,
    reference: &str,
    members: Vec<MemberSqlRow>,
) -> Result<Vec<MemberSqlRow>, BackendError> {
    members
        .into_iter()
        .map(|(relationship, name, id, age)| {
            let id = match id {
                Some(id) => Some(open(keys, sealed::MEMBER_ID_NUMBER, &id, reference)?),
                None => None,
            };
            Ok((relationship, name, id, age))
        })
        .collect()
}

/// The keyed hashes of every ID number of the household, each once: how its other
/// applications are found.
pub(crate) fn household_hashes(keys: &DataKeys, case: &OpenedCase, members: &[MemberSqlRow]) -> Vec<String> {
    let mut ids: Vec<String> = vec![keys.lookup_hash(&case.row.id_number)];
    ids.extend(
        members
            .iter()
            .filter_map(|m| m.2.as_deref().map(|id| keys.lookup_hash(id))),
    );
    ids.sort();
    ids.dedup();
    ids
}

/// Another application sharing an ID number: reference, town, status, submitted at, cause.
pub(crate) type DuplicateSqlRow = (String, String, String, String, String);

/// Other applications of the household, flagged when they are for the same cause within
/// `window_days` of this one (RULES.md §4).
pub(crate) fn duplicates(
    case: &CaseRow,
    rows: Vec<DuplicateSqlRow>,
    window_days: i64,
) -> Result<Vec<PossibleDuplicate>, BackendError> {
    let this = parse_time(&case.submitted_at);
    rows.into_iter()
        .map(|(reference, town, status, at, other_cause)| {
            let at = parse_time(&at);
            Ok(PossibleDuplicate {
                status: Status::parse(&status).ok_or_else(|| unreadable("a status", &status))?,
                reference,
                town,
                submitted_on: date_in_chongqing(at),
                same_cause_recently: !case.cause.is_empty()
                    && other_cause == case.cause
                    && (this - at).num_days().abs() <= window_days,
            })
        })
        .collect()
}

/// Everything else the case page shows, as the engine read it.
pub(crate) struct CaseParts {
    pub members: Vec<MemberSqlRow>,
    /// id, kind, content type, bytes.
    pub documents: Vec<(i64, String, String, i64)>,
    /// at, actor, kind, detail.
    pub events: Vec<(String, String, String, String)>,
    /// at, username, what.
    pub views: Vec<(String, String, String)>,
    pub assigned_to: Option<Staff>,
    pub duplicates: Vec<PossibleDuplicate>,
}

/// The case file the town reads.
pub(crate) fn case_file(case: OpenedCase, parts: CaseParts) -> Result<CaseFile, BackendError> {
    let OpenedCase {
        row,
        aid_type,
        status,
        level,
        id_number,
        phone,
    } = case;
    Ok(CaseFile {
        id: row.id,
        reference: row.reference,
        case: Case {
            status,
            aid_type,
            town: row.town,
            level,
            recommended_amount: money(row.recommended_fen),
            recommended_by: row.recommended_by,
            advance: money(row.advance_fen),
            approved_amount: money(row.approved_fen),
        },
        version: row.version,
        applicant_name: row.applicant_name,
        id_number,
        phone,
        members: parts
            .members
            .into_iter()
            .map(|(relationship, name, id, age)| MemberRecord {
                relationship,
                name,
                id_number: id.as_deref().and_then(|i| NationalId::parse(i).ok()),
                age,
            })
            .collect(),
        answers: serde_json::from_str(&row.answers).unwrap_or_default(),
        household: serde_json::from_str(&row.household).unwrap_or_default(),
        assessment: serde_json::from_str(&row.assessment).unwrap_or_default(),
        rules_version: row.rules_version,
        parameter_set: row.parameter_set,
        submitted_at: parse_time(&row.submitted_at),
        urgent: row.urgent,
        due_on: row.due_on.parse().unwrap_or_default(),
        paused_on: row.paused_on.and_then(|d| d.parse().ok()),
        advance_paperwork_due: row.advance_paperwork_due.and_then(|d| d.parse().ok()),
        assigned_to: parts.assigned_to,
        documents: parts
            .documents
            .into_iter()
            .map(|(id, kind, content_type, byte_size)| DocumentInfo {
                id,
                kind,
                content_type,
                byte_size,
            })
            .collect(),
        events: parts
            .events
            .into_iter()
            .map(|(at, actor, kind, detail)| {
                Ok(AuditEvent {
                    at: parse_time(&at),
                    actor,
                    kind: CaseEvent::parse(&kind).ok_or_else(|| unreadable("an event's kind", &kind))?,
                    detail: serde_json::from_str(&detail).unwrap_or_default(),
                })
            })
            .collect::<Result<_, BackendError>>()?,
        views: parts
            .views
            .into_iter()
            .map(|(at, username, what)| AccessRecord {
                at: parse_time(&at),
                username,
                what,
            })
            .collect(),
        duplicates: parts.duplicates,
    })
}

/// A decision on the 公示 list: name, town, aid type, amount, decided at.
pub(crate) type PublicitySqlRow = (String, String, String, i64, String);

/// The 公示 list; each decision shown for `days` days.
pub(crate) fn publicity(rows: Vec<PublicitySqlRow>, days: i64) -> Vec<PublicityRow> {
    rows.into_iter()
        .filter_map(|(name, town, aid, fen, decided_at)| {
            let decided_on = date_in_chongqing(parse_time(&decided_at));
            Some(PublicityRow {
                masked_name: mask_name(&name),
                town,
                aid_type: AidType::parse(&aid)?,
                amount: Money::from_fen(fen),
                decided_on,
                until: decided_on + Duration::days(days),
            })
        })
        .collect()
}

/// A line of the ledger as selected, its ID number still sealed.
#[derive(sqlx::FromRow)]
pub(crate) struct LedgerSqlRow {
    reference: String,
    town: String,
    aid_type: String,
    applicant_name: String,
    id_number: String,
    household_size: i64,
    cause: String,
    submitted_at: String,
    status: String,
    level: String,
    advance_fen: Option<i64>,
    approved_fen: Option<i64>,
    decided_at: Option<String>,
}

/// The ledger: a row that does not read back is an error, never a line missing from it.
pub(crate) fn ledger(keys: &DataKeys, rows: Vec<LedgerSqlRow>) -> Result<Vec<LedgerRow>, BackendError> {
    rows.into_iter()
        .map(|r| {
            let id_number = open(keys, sealed::APPLICATION_ID_NUMBER, &r.id_number, &r.reference)?;
            let parsed = (
                AidType::parse(&r.aid_type),
                NationalId::parse(&id_number).ok(),
                Status::parse(&r.status),
                Level::parse(&r.level),
            );
            let (Some(aid_type), Some(id_number), Some(status), Some(level)) = parsed else {
                return Err(unreadable("ledger row", &r.reference));
            };
            Ok(LedgerRow {
                reference: r.reference,
                town: r.town,
                aid_type,
                applicant_name: r.applicant_name,
                masked_id_number: id_number.masked(),
                household_size: r.household_size,
                cause: r.cause,
                submitted_on: date_in_chongqing(parse_time(&r.submitted_at)),
                status,
                level,
                advance: r.advance_fen.map(Money::from_fen),
                approved: r.approved_fen.map(Money::from_fen),
                decided_on: r.decided_at.map(|d| date_in_chongqing(parse_time(&d))),
            })
        })
        .collect()
}

/// What the dashboard's queries found, per town.
pub(crate) struct DashboardSql {
    /// Town, status, aid type, applications.
    pub counts: Vec<(String, String, String, i64)>,
    /// Town, cases past their deadline.
    pub overdue: Vec<(String, i64)>,
    /// Town, fen approved.
    pub approved: Vec<(String, i64)>,
    /// Town, days from submission to decision, for each decided case.
    pub durations: Vec<(String, f64)>,
}

/// The figures being gathered for a town, and its days to decision.
fn entry<'a>(
    figures: &'a mut HashMap<String, (Figures, Vec<f64>)>,
    town: &str,
) -> &'a mut (Figures, Vec<f64>) {
    figures.entry(town.to_string()).or_insert_with(|| {
        (
            Figures {
                town: town.to_string(),
                ..Figures::default()
            },
            Vec::new(),
        )
    })
}

/// Figures for one town (`Some`) or for every town and the district (`None`).
pub(crate) fn dashboard(found: DashboardSql, town: Option<&str>) -> Dashboard {
    let mut figures: HashMap<String, (Figures, Vec<f64>)> = HashMap::new();
    for (t, status, aid, n) in &found.counts {
        let (f, _) = entry(&mut figures, t);
        if let Some(s) = Status::parse(status) {
            match f.by_status.iter_mut().find(|(x, _)| *x == s) {
                Some((_, total)) => *total += n,
                None => f.by_status.push((s, *n)),
            }
        }
        match AidType::parse(aid) {
            Some(AidType::Emergency) => f.emergency += n,
            Some(AidType::Expense) => f.expense += n,
            None => {}
        }
    }
    for (t, n) in &found.overdue {
        entry(&mut figures, t).0.overdue = *n;
    }
    for (t, fen) in &found.approved {
        entry(&mut figures, t).0.approved_total = Money::from_fen(*fen);
    }
    for (t, days) in found.durations {
        entry(&mut figures, &t).1.push(days);
    }

    let mut district = Figures::default();
    let mut all_days = Vec::new();
    let mut towns = Vec::new();
    for t in TOWNS.iter().map(|t| t.full_name()) {
        if town.is_some_and(|only| only != t) {
            continue;
        }
        let (mut f, days) = figures.remove(&t).unwrap_or_else(|| {
            (
                Figures {
                    town: t.clone(),
                    ..Figures::default()
                },
                Vec::new(),
            )
        });
        f.by_status.sort_by_key(|(s, _)| *s);
        f.decided = days.len() as i64;
        f.median_days_to_decision = median(days.clone());
        for (s, n) in &f.by_status {
            match district.by_status.iter_mut().find(|(x, _)| x == s) {
                Some((_, total)) => *total += n,
                None => district.by_status.push((*s, *n)),
            }
        }
        district.emergency += f.emergency;
        district.expense += f.expense;
        district.overdue += f.overdue;
        district.approved_total = district.approved_total.plus(f.approved_total);
        all_days.extend(days);
        towns.push(f);
    }
    district.by_status.sort_by_key(|(s, _)| *s);
    district.decided = all_days.len() as i64;
    district.median_days_to_decision = median(all_days);
    Dashboard {
        district: town.is_none().then_some(district),
        towns,
    }
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn a_name_is_masked_after_its_first_character() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name(""), "");
    }
}
