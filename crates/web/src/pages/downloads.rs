//! Files out, for keeping or for another app: the export document (what `milemarker import`
//! restores), the review as one HTML page and as Markdown, and contacts as vCards. Each is the
//! same file its command writes.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use milemarker_core::vcard;

use crate::state::{PageError, Shared};

/// `body` as a download named `name`.
fn attachment(body: String, kind: &'static str, name: &'static str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub async fn export(State(app): State<Shared>) -> Result<Response, PageError> {
    let text = app
        .worker
        .run(|b| milemarker_app::exchange::document(&b.load()?))
        .await?;
    Ok(attachment(
        text,
        "application/json; charset=utf-8",
        "milemarker-export.json",
    ))
}

pub async fn contacts(State(app): State<Shared>) -> Result<Response, PageError> {
    let cards = app
        .worker
        .run(|b| Ok(vcard::write(&b.load()?.contacts)))
        .await?;
    Ok(attachment(
        cards,
        "text/vcard; charset=utf-8",
        "contacts.vcf",
    ))
}

/// The review as of today, with the decision as the dashboard has it.
async fn review(app: &Shared) -> Result<milemarker_core::review::Review, PageError> {
    let day = app.today().await?;
    app.worker
        .run(move |b| {
            let s = b.load()?;
            let decision = b.decide(&s, None).ok();
            b.review(&s, day, decision.as_ref())
        })
        .await
}

pub async fn review_html(State(app): State<Shared>) -> Result<Response, PageError> {
    let page = crate::review::render(&review(&app).await?)?;
    Ok(attachment(page, "text/html; charset=utf-8", "review.html"))
}

pub async fn review_markdown(State(app): State<Shared>) -> Result<Response, PageError> {
    let review = review(&app).await?;
    let doc = milemarker_app::present::review_document(&review);
    let text = milemarker_app::present::markdown(&doc, &review);
    Ok(attachment(
        text,
        "text/markdown; charset=utf-8",
        "review.md",
    ))
}
