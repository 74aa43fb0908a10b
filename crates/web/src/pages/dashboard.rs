//! The dashboard: the review for the current data and day. State's cache decides when it is
//! rendered (once per change); this module, what.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;

use super::{Params, notice};
use crate::html::with_code;
use crate::review::{BlockView, DocView, review_view};
use crate::state::{PageError, Rendering, Shared};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    current: &'static str,
    d: DocView,
    /// No values and no paths yet: the page points to the guided start.
    new_person: bool,
}

async fn dashboard(app: &Shared, day: Date) -> Result<String, PageError> {
    let (review, new_person) = app
        .worker
        .run(move |b| {
            let s = b.load()?;
            // No options yet, or scores missing: the decision section says so instead.
            let decision = b.decide(&s, None).ok();
            let new_person = s.values.is_empty() && s.options.is_empty();
            Ok((b.review(&s, day, decision.as_ref())?, new_person))
        })
        .await?;
    Ok(Dashboard {
        current: "dashboard",
        d: review_view(&review, true),
        new_person,
    }
    .render()?)
}

/// [`dashboard`] as state's cache calls it: the router hands it over, so state imports no page.
pub(crate) fn render(app: Shared, day: Date) -> Rendering {
    Box::pin(async move { dashboard(&app, day).await })
}

pub async fn dashboard_handler(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    // The view a form's redirect asks for shows what was just saved.
    let html = app.dashboard(params.contains_key("saved")).await?;
    let body = match notice(&params) {
        Some(n) => {
            let n = format!(r#"<p class="notice" role="status">{}</p>"#, with_code(&n));
            Bytes::from(String::from_utf8_lossy(&html).replacen("<!--notice-->", &n, 1))
        }
        None => html,
    };
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response())
}
