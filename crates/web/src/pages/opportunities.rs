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
            anyhow::bail!("stage: choose one of the stages offered");
        };
        milemarker_app::opportunities::move_to(s, id, stage, today)
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
