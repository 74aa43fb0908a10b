//! The opportunities board, with the buttons that move one to a stage.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::{Params, act, list_page};
use crate::lists;
use crate::state::{PageError, Shared};

pub async fn opportunity_move(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = form.get("id").and_then(|id| id.parse::<u32>().ok());
    let stage = form.get("stage").and_then(|w| lists::stage_from_word(w));
    act(&app, &form, move |s, today| {
        let (Some(id), Some(stage)) = (id, stage) else {
            return Err("stage: choose one of the stages offered".into());
        };
        let found = s.opportunities.iter_mut().find(|o| o.id == id);
        let o = found.ok_or_else(|| format!("no opportunity #{id}"))?;
        o.advance(stage, today)
            .map_err(|m| format!("opportunity #{id}: {m}"))
    })
    .await?;
    Ok(Redirect::to("/opportunities?saved=stage").into_response())
}

pub async fn opportunities_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_page(&app, &params, lists::opportunities).await
}
