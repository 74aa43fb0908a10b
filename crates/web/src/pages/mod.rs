//! The pages: one module per page, each with its handlers and template. Reads go through the
//! database thread; writes are validated field by field first and saved in one transaction, or
//! not at all. This module holds what the pages share: the form as typed, the error page, the
//! notice after a save, and the save itself.

pub(crate) mod calendar;
pub(crate) mod checkin;
pub(crate) mod contacts;
pub(crate) mod dashboard;
pub(crate) mod decision;
pub(crate) mod downloads;
pub(crate) mod files;
pub(crate) mod market;
pub(crate) mod opportunities;
pub(crate) mod records;
pub(crate) mod start;
pub(crate) mod tasks;
pub(crate) mod wins;

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use jiff::civil::Date;
use milemarker_core::career::{InvalidField, Snapshot};

use crate::forms::Fields;
use crate::lists;
use crate::state::{PageError, Shared, csrf_ok};

type Params = Query<HashMap<String, String>>;

/// What a form page shows again after a failed submit: the values as typed, the problems beside
/// their fields.
pub struct FormState {
    values: HashMap<String, String>,
    errors: BTreeMap<String, String>,
}

impl FormState {
    fn new(values: HashMap<String, String>) -> FormState {
        FormState {
            values,
            errors: BTreeMap::new(),
        }
    }

    /// The value to show in field `name`.
    pub fn v(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// The problem with field `name`, if any.
    pub fn e(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    pub fn selected(&self, name: &str, value: &str) -> bool {
        self.v(name) == value
    }

    /// Whether a field (not the form as a whole) has a problem.
    pub fn field_errors(&self) -> bool {
        self.errors.keys().any(|name| name != "form")
    }

    /// The form as the person left it, with why it was not saved, when the save was refused (a
    /// rule of the app's, 422) or the database was busy (503). Any other failure is an error page.
    fn refused(values: HashMap<String, String>, err: PageError) -> Result<FormState, PageError> {
        FormState::kept_for(
            values,
            err,
            &[
                StatusCode::UNPROCESSABLE_ENTITY,
                StatusCode::SERVICE_UNAVAILABLE,
            ],
        )
    }

    /// The form as the person left it, when the save failed only because the database was busy:
    /// they try again without typing it again. Any other failure stays an error page.
    fn kept_when_busy(
        values: HashMap<String, String>,
        err: PageError,
    ) -> Result<FormState, PageError> {
        FormState::kept_for(values, err, &[StatusCode::SERVICE_UNAVAILABLE])
    }

    fn kept_for(
        values: HashMap<String, String>,
        err: PageError,
        kept: &[StatusCode],
    ) -> Result<FormState, PageError> {
        if !kept.contains(&err.status) {
            return Err(err);
        }
        let mut f = FormState::new(values);
        f.errors.insert("form".into(), err.message);
        Ok(f)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    current: &'a str,
    status: u16,
    reason: &'a str,
    message: &'a str,
}

pub fn error_page(status: StatusCode, message: &str) -> String {
    ErrorPage {
        current: "",
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("Error"),
        message,
    }
    .render()
    .unwrap_or_else(|_| format!("{status}: {message}"))
}

/// Here rather than beside `PageError` in state, which knows no pages.
impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = error_page(self.status, &self.message);
        (self.status, Html(page)).into_response()
    }
}

pub async fn not_found() -> PageError {
    PageError {
        status: StatusCode::NOT_FOUND,
        message: "there is no such page here; the dashboard is at /".into(),
    }
}

pub async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        // The review page's style sheet, and what only the served pages need.
        concat!(
            include_str!("../../templates/style.css"),
            include_str!("../../templates/app.css")
        ),
    )
}

/// The one script: drag to rank on /start, which works without it (see `routes::SCRIPTED`).
pub async fn rank_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("../../templates/rank.js"),
    )
}

fn forbidden() -> PageError {
    PageError {
        status: StatusCode::FORBIDDEN,
        message: "this form is out of date or came from another site (its token does not match); \
                  reload the page and submit it again"
            .into(),
    }
}

/// The notice a redirect after a successful form asks for (`?saved=...`), as plain text: only
/// known words are answered, so a crafted link cannot put its own words on the page.
pub(crate) fn notice(params: &HashMap<String, String>) -> Option<String> {
    let saved = params.get("saved")?;
    Some(match saved.as_str() {
        "checkin" => "Check-in saved.".into(),
        "audit" => "Audit recorded from today's tasks.".into(),
        "contact" => "Logged: their stay-in-touch timer starts again today.".into(),
        "stage" => "Opportunity moved.".into(),
        "profile" => "Saved: who you are.".into(),
        "values" => "Saved: what matters to you, most important first.".into(),
        "rules" => "Saved: your deal-breakers.".into(),
        "path" => "Path added.".into(),
        "order" => "Saved: the order of what matters to you.".into(),
        "pair" => "Saved: that pair.".into(),
        "unsure" => "Saved: not sure how they weigh; the decision tries every weighting.".into(),
        "rule" => "Deal-breaker added.".into(),
        "first-checkin" => "Check-in saved.".into(),
        "added" => "Added.".into(),
        "edited" => "Saved.".into(),
        "removed" => "Removed.".into(),
        "promoted" => "The offer is now a path: score it against what matters to you.".into(),
        other => {
            let id: u32 = other.strip_prefix("win-")?.parse().ok()?;
            format!("Win #{id} logged.")
        }
    })
}

/// Checks the form's token, then reads it with `read`: the value, or the form as typed with every
/// problem beside its field.
async fn read_form<T>(
    app: &Shared,
    form: HashMap<String, String>,
    read: fn(&mut Fields, Date) -> Option<T>,
) -> Result<Result<T, FormState>, PageError> {
    if !csrf_ok(app, &form) {
        return Err(forbidden());
    }
    let today = app.today().await?;
    let mut fields = Fields::new(&form);
    let value = read(&mut fields, today);
    match value {
        Some(v) if fields.ok() => Ok(Ok(v)),
        _ => {
            let errors = fields.errors;
            let mut f = FormState::new(form);
            f.errors = errors;
            Ok(Err(f))
        }
    }
}

/// Loads the records, lets `change` edit them with today's date, and saves what changed; a
/// refusal from `change` is shown as a page (422) and writes nothing. The dashboard is rendered
/// again in the background.
pub(crate) async fn update<T: Send + 'static>(
    app: &Shared,
    change: impl FnOnce(&mut Snapshot, Date) -> anyhow::Result<T> + Send + 'static,
) -> Result<T, PageError> {
    let today = app.today().await?;
    let outcome = app
        .worker
        .run(move |b| {
            // The change's own refusals (the app's rules) are words for the person.
            let made = b.update(|s| {
                change(s, today).map_err(|e| anyhow::Error::new(Refused(format!("{e:#}"))))
            });
            match made {
                Ok(value) => Ok(Ok(value)),
                // Refused by the page or by validation: words for the person, not a failure.
                Err(err) if err.is::<Refused>() || err.is::<InvalidField>() => {
                    Ok(Err(err.to_string()))
                }
                Err(err) => Err(err),
            }
        })
        .await?;
    let value = outcome.map_err(|message| PageError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        // Some of the app's refusals say so themselves.
        message: if message.ends_with("nothing changed") {
            message
        } else {
            format!("{message}; nothing was changed")
        },
    })?;
    app.saved();
    Ok(value)
}

/// A change a page refuses (a contact that is gone, a stage it cannot move to).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Refused(String);

/// A one-button form (no fields but the token): checks the token, then `update`s.
async fn act(
    app: &Shared,
    form: &HashMap<String, String>,
    change: impl FnOnce(&mut Snapshot, Date) -> anyhow::Result<()> + Send + 'static,
) -> Result<(), PageError> {
    if !csrf_ok(app, form) {
        return Err(forbidden());
    }
    update(app, change).await
}

/// What the list pages share: the records, today, the form token and the notice asked for.
async fn list_page(
    app: &Shared,
    params: &HashMap<String, String>,
    render: fn(&Snapshot, lists::PageContext) -> askama::Result<String>,
) -> Result<Response, PageError> {
    let today = app.today().await?;
    let s = app.worker.run(|b| b.load()).await?;
    let context = lists::PageContext {
        today,
        csrf: app.csrf.clone(),
        notice: notice(params),
    };
    Ok(Html(render(&s, context)?).into_response())
}
