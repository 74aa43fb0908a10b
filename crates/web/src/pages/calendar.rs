//! `/calendar.ics`: the reminders as a feed a calendar app subscribes to on this machine.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use milemarker_app::calendar;

use crate::state::{PageError, Shared};

pub async fn feed(State(app): State<Shared>) -> Result<Response, PageError> {
    let today = app.today().await?;
    let ics = app
        .worker
        .run(move |b| Ok(calendar::ics(&calendar::events(&b.load()?, today), today)))
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"milemarker.ics\"",
            ),
        ],
        ics,
    )
        .into_response())
}
