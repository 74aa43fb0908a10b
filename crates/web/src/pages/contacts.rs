//! Contacts due, with the button that logs being in touch today.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::{Params, act, list_page};
use crate::lists;
use crate::state::{PageError, Shared};

pub async fn contact_touch(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = form.get("id").cloned().unwrap_or_default();
    act(&app, &form, move |s, today| {
        milemarker_app::contacts::log(s, &id, today, None).map(drop)
    })
    .await?;
    Ok(Redirect::to("/contacts?saved=contact").into_response())
}

pub async fn contacts_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_page(&app, &params, lists::contacts).await
}
