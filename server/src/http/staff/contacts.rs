//! The town offices' contacts on /staff/admin (issue 24, item 10): the form with which an
//! administrator sets one town's telephone, address and hours, which residents of that town
//! then see on the confirmation, tracking and family pages. No four eyes (nothing here decides
//! money or rules): every change is a row of the admin log.

use super::parameters::{AdminForms, admin_page_with};
use super::{AdminPost, StaffPost, field};
use crate::http::error::HttpError;
use crate::http::state::AppState;
use app::context::ContactForm;
use app::domain::town_contact::{ContactProblem, TownContact};
use app::i18n::staff::admin as texts;
use app::paths;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `POST /staff/admin/town-contact` (csrf, town, phone, address, hours): sets the town's
/// contact, or clears it when every field is empty; a wrong field is said at the field, and
/// nothing changes.
pub async fn set(
    State(state): State<AppState>,
    headers: HeaderMap,
    AdminPost(StaffPost { session, form }): AdminPost,
) -> Result<Response, HttpError> {
    let typed = ContactForm {
        town: field(&form, "town").trim().to_string(),
        phone: field(&form, "phone").to_string(),
        address: field(&form, "address").to_string(),
        hours: field(&form, "hours").to_string(),
        problem: None,
    };
    let known = state.store.towns().await?.contains(&typed.town);
    let cleared = [&typed.phone, &typed.address, &typed.hours]
        .iter()
        .all(|f| f.trim().is_empty());
    let checked = if !known {
        Err(("town", texts::NOT_A_TOWN))
    } else if cleared {
        Ok(None)
    } else {
        TownContact::typed(&typed.town, &typed.phone, &typed.address, &typed.hours)
            .map(Some)
            .map_err(|problem| match problem {
                ContactProblem::Phone => ("phone", texts::NOT_A_TELEPHONE),
                ContactProblem::Address => ("address", texts::GIVE_THE_ADDRESS),
                ContactProblem::Hours => ("hours", texts::GIVE_THE_HOURS),
            })
    };
    let contact = match checked {
        Ok(contact) => contact,
        Err((at, words)) => {
            let forms = AdminForms {
                contact: ContactForm {
                    problem: Some((at, (words.0.to_string(), words.1.to_string()))),
                    ..typed
                },
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
        .set_town_contact(
            &typed.town,
            contact.as_ref(),
            &session.staff.username,
            state.clock.now(),
        )
        .await?;
    tracing::info!(town = %typed.town, cleared, by = %session.staff.username, "town contact set");
    let to = format!("{}?saved=town-contact#town-contacts", paths::STAFF_ADMIN);
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response())
}
