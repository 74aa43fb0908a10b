//! Tasks and the energy audit, with the button that takes the audit now.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::{Params, act, list_page};
use crate::lists;
use crate::state::{PageError, Shared};

pub async fn audit_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    act(&app, &form, |s, today| {
        milemarker_app::tasks::record_audit(s, today).map(drop)
    })
    .await?;
    Ok(Redirect::to("/tasks?saved=audit").into_response())
}

pub async fn tasks_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_page(&app, &params, lists::tasks).await
}
