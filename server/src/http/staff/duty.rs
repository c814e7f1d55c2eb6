//! The duty numbers on /staff/admin (issue 23): each office's numbers, masked, and the form
//! with which an administrator replaces one office's. No four eyes (the issue asks for an
//! audit, not a second person): every change is a row of the admin log, as with
//! `server towns duty`, whose parsing of offices and numbers this shares.

use super::parameters::{AdminForms, admin_page_with};
use super::{AdminPost, StaffPost, field};
use crate::db::BUREAU;
use crate::http::error::HttpError;
use crate::http::state::AppState;
use crate::messages::commands::{office, phones};
use crate::messages::masked;
use app::context::DutyForm;
use app::i18n::staff::admin as texts;
use app::paths;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// 区民政局 and every town, in the district's order, with their duty numbers masked.
pub(super) async fn offices_with_phones(state: &AppState) -> Result<Vec<(String, Vec<String>)>, HttpError> {
    let mut offices: Vec<(String, Vec<String>)> = std::iter::once(BUREAU.to_string())
        .chain(state.store.towns().await?)
        .map(|office| (office, Vec::new()))
        .collect();
    for (office, phone) in state.store.all_duty_phones().await? {
        if let Some((_, phones)) = offices.iter_mut().find(|(o, _)| *o == office) {
            phones.push(masked(&phone));
        }
    }
    Ok(offices)
}

/// `POST /staff/admin/duty-phones` (csrf, office, phones): replaces the office's duty numbers
/// (empty clears them); a wrong number is said at the field, and nothing changes.
pub async fn set(
    State(state): State<AppState>,
    headers: HeaderMap,
    AdminPost(StaffPost { session, form }): AdminPost,
) -> Result<Response, HttpError> {
    let typed = DutyForm {
        office: field(&form, "office").to_string(),
        phones: field(&form, "phones").to_string(),
        problem: None,
    };
    let checked = office(&typed.office)
        .map_err(|_| texts::NOT_AN_OFFICE)
        .and_then(|office| {
            Ok((
                office,
                phones(&typed.phones).map_err(|_| texts::NOT_A_MOBILE_NUMBER)?,
            ))
        });
    let (office, phones) = match checked {
        Ok(checked) => checked,
        Err(words) => {
            let form = DutyForm {
                problem: Some((words.0.to_string(), words.1.to_string())),
                ..typed
            };
            let forms = AdminForms {
                duty: form,
                ..AdminForms::default()
            };
            return admin_page_with(
                &state,
                &headers,
                &session,
                None,
                forms,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    state
        .store
        .set_duty_phones(&office, &phones, &session.staff.username, state.clock.now())
        .await?;
    tracing::info!(office = %office, numbers = phones.len(), by = %session.staff.username, "duty phones set");
    let to = format!("{}?saved=duty-phones#duty-phones", paths::STAFF_ADMIN);
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response())
}
