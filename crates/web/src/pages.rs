//! The pages: one handler and one template each. Reads go through the database thread; writes
//! are validated field by field first and saved in one transaction, or not at all.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use milemarker_core::career::next_number;
use milemarker_core::career::{InvalidField, Snapshot};
use milemarker_core::decision::document::Method;
use milemarker_core::evidence::{Achievement, BragSection, Visibility};
use milemarker_core::life::{Audit, CheckIn, record_checkin};
use milemarker_core::network::Interaction;
use milemarker_core::week::IsoWeek;

use crate::decision_view::{DecisionView, decision_view};
use crate::forms::Fields;
use crate::html::with_code;
use crate::lists;
use crate::market_view::{MarketView, market_view};
use crate::review::{BlockView, DocView, doc_view};
use crate::server::{PageError, Shared, csrf_ok};

type Params = Query<HashMap<String, String>>;

/// The navigation: address, name, and the page id templates compare with `current`.
/// Whether a navigation entry is the page shown.
pub fn same(a: &str, b: &str) -> bool {
    a == b
}

pub const NAV: [(&str, &str, &str); 8] = [
    ("/", "Dashboard", "dashboard"),
    ("/checkin", "Check in", "checkin"),
    ("/wins", "Wins", "wins"),
    ("/tasks", "Tasks", "tasks"),
    ("/decision", "Decision", "decision"),
    ("/contacts", "Contacts", "contacts"),
    ("/opportunities", "Opportunities", "opportunities"),
    ("/market", "Market", "market"),
];

/// What a form page shows again after a failed submit: the values as typed, the problems beside
/// their fields.
pub struct FormState {
    values: HashMap<String, String>,
    errors: BTreeMap<&'static str, String>,
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
        self.errors.keys().any(|name| *name != "form")
    }

    /// The form as the person left it, when the save failed only because the database was busy:
    /// they try again without typing it again. Any other failure stays an error page.
    fn kept_when_busy(
        values: HashMap<String, String>,
        err: PageError,
    ) -> Result<FormState, PageError> {
        if err.status != StatusCode::SERVICE_UNAVAILABLE {
            return Err(err);
        }
        let mut f = FormState::new(values);
        f.errors.insert("form", err.message);
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
            include_str!("../templates/style.css"),
            include_str!("../templates/app.css")
        ),
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

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    current: &'static str,
    d: DocView,
}

pub(crate) async fn dashboard(app: &Shared, day: Date) -> Result<String, PageError> {
    let review = app
        .worker
        .run(move |b| {
            let s = b.load()?;
            // No options yet, or scores missing: the decision section says so instead.
            let decision = b.decide(&s, None).ok();
            b.review(&s, day, decision.as_ref())
        })
        .await?;
    Ok(Dashboard {
        current: "dashboard",
        d: doc_view(&review, true),
    }
    .render()?)
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
        other => {
            let id: u32 = other.strip_prefix("win-")?.parse().ok()?;
            format!("Win #{id} logged.")
        }
    })
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

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckinPage {
    current: &'static str,
    csrf: String,
    f: FormState,
    boundary: f64,
    recent: Vec<CheckIn>,
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

fn checkin_values(week: IsoWeek, existing: Option<&CheckIn>) -> HashMap<String, String> {
    let mut values = HashMap::from([
        ("week".to_string(), week.to_string()),
        ("weekend_days".to_string(), "0".to_string()),
        ("evenings".to_string(), "0".to_string()),
    ]);
    if let Some(c) = existing {
        for (k, v) in [
            ("hours", c.hours.to_string()),
            ("weekend_days", c.weekend_days.to_string()),
            ("evenings", c.evenings.to_string()),
            ("energy", c.energy.to_string()),
            ("satisfaction", c.satisfaction.to_string()),
            ("note", c.note.clone().unwrap_or_default()),
        ] {
            values.insert(k.to_string(), v);
        }
    }
    values.insert("was".to_string(), Seen::of(week, existing).to_form());
    values
}

/// The week's check-in as the form showed it, carried in a hidden field: a save compares it with
/// the week as stored under the write lock, so a check-in saved meanwhile (another tab, the
/// command line) is not overwritten unseen.
#[derive(serde::Serialize, serde::Deserialize)]
struct Seen {
    week: IsoWeek,
    checkin: Option<CheckIn>,
}

impl Seen {
    fn of(week: IsoWeek, existing: Option<&CheckIn>) -> Seen {
        Seen {
            week,
            checkin: existing.cloned(),
        }
    }

    fn to_form(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }

    /// What the form saw of `week`, if it showed that week (the person may have typed another).
    fn from_form(form: &HashMap<String, String>, week: IsoWeek) -> Option<Seen> {
        let seen: Seen = serde_json::from_str(form.get("was")?).ok()?;
        (seen.week == week).then_some(seen)
    }
}

async fn checkin_page(
    app: &Shared,
    f: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (boundary, mut recent) = app
        .worker
        .run(|b| {
            let s = b.load()?;
            Ok((s.profile.boundary_hours, s.checkins))
        })
        .await?;
    recent.sort_by_key(|c| std::cmp::Reverse(c.week));
    recent.truncate(8);
    let page = CheckinPage {
        current: "checkin",
        csrf: app.csrf.clone(),
        f,
        boundary,
        recent,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn checkin_form(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let today = app.today().await?;
    let week = params
        .get("week")
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| IsoWeek::of(today));
    let existing = app
        .worker
        .run(move |b| Ok(b.load()?.checkins.into_iter().find(|c| c.week == week)))
        .await?;
    let f = FormState::new(checkin_values(week, existing.as_ref()));
    checkin_page(&app, f, StatusCode::OK).await
}

fn read_checkin(fields: &mut Fields, today: Date) -> Option<CheckIn> {
    let week = match fields.text("week").trim() {
        "" => Some(IsoWeek::of(today)),
        text => match IsoWeek::named(text, today) {
            Ok(week) => Some(week),
            Err(message) => {
                fields.fail("week", message);
                None
            }
        },
    };
    if let Some(Err(err)) = week.map(|w| w.started_by(today)) {
        fields.domain(&err, &["week"]);
    }
    // Every field is read before any is used, so every problem shows at once.
    let hours = fields.number("hours", None, 0.0, 168.0);
    let weekend_days = fields.number("weekend_days", Some(0), 0, 2);
    let evenings = fields.number("evenings", Some(0), 0, 7);
    let energy = fields.number("energy", None, 1, 5);
    let satisfaction = fields.number("satisfaction", None, 1, 5);
    let checkin = CheckIn {
        week: week?,
        hours: hours?,
        weekend_days: weekend_days?,
        evenings: evenings?,
        energy: energy?,
        satisfaction: satisfaction?,
        note: fields.optional_text("note"),
    };
    if let Err(err) = checkin.validate() {
        fields.domain(
            &err,
            &[
                "hours",
                "weekend_days",
                "evenings",
                "energy",
                "satisfaction",
                "note",
            ],
        );
    }
    Some(checkin)
}

/// Loads the records, lets `change` edit them with today's date, and saves what changed; a
/// refusal from `change` is shown as a page (422) and writes nothing. The dashboard is rendered
/// again in the background.
pub(crate) async fn update<T: Send + 'static>(
    app: &Shared,
    change: impl FnOnce(&mut Snapshot, Date) -> Result<T, String> + Send + 'static,
) -> Result<T, PageError> {
    let today = app.today().await?;
    let outcome = app
        .worker
        .run(move |b| {
            let made = b.update(|s| change(s, today).map_err(|m| anyhow::Error::new(Refused(m))));
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
        message: format!("{message}; nothing was changed"),
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
    change: impl FnOnce(&mut Snapshot, Date) -> Result<(), String> + Send + 'static,
) -> Result<(), PageError> {
    if !csrf_ok(app, form) {
        return Err(forbidden());
    }
    update(app, change).await
}

pub async fn audit_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    act(&app, &form, |s, today| {
        Audit::record(&mut s.audits, &s.tasks, today).map_err(|e| e.message)
    })
    .await?;
    Ok(Redirect::to("/tasks?saved=audit").into_response())
}

pub async fn contact_touch(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = form.get("id").cloned().unwrap_or_default();
    act(&app, &form, move |s, today| {
        let contact = s
            .contacts
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| format!("no contact {id:?}"))?;
        contact.record(Interaction {
            date: today,
            note: None,
        });
        Ok(())
    })
    .await?;
    Ok(Redirect::to("/contacts?saved=contact").into_response())
}

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

pub async fn checkin_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let kept = form.clone();
    let checkin = match read_form(&app, form, read_checkin).await? {
        Ok(checkin) => checkin,
        Err(f) => return checkin_page(&app, f, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let week = checkin.week;
    let seen = Seen::from_form(&kept, week);
    // Saved, or the week as it is now when it changed since the form showed it.
    let saved = update(&app, move |s, _| {
        let now = s.checkins.iter().find(|c| c.week == week).cloned();
        if seen.is_some_and(|seen| seen.checkin != now) {
            return Ok(Some(now));
        }
        record_checkin(&mut s.checkins, checkin);
        Ok(None)
    })
    .await;
    match saved {
        Ok(None) => Ok(Redirect::to("/?saved=checkin").into_response()),
        Ok(Some(now)) => {
            let mut f = FormState::new(kept);
            f.values
                .insert("was".into(), Seen::of(week, now.as_ref()).to_form());
            let what = match &now {
                Some(c) => format!("it now says {} hours, energy {}/5", c.hours, c.energy),
                None => "it has been removed".to_string(),
            };
            f.errors.insert(
                "form",
                format!(
                    "{week}'s check-in changed while this form was open ({what}). Nothing was \
                     saved; your figures are kept below: save again to replace it."
                ),
            );
            checkin_page(&app, f, StatusCode::CONFLICT).await
        }
        Err(err) => {
            let f = FormState::kept_when_busy(kept, err)?;
            checkin_page(&app, f, StatusCode::SERVICE_UNAVAILABLE).await
        }
    }
}

#[derive(Template)]
#[template(path = "wins.html")]
struct WinsPage {
    current: &'static str,
    csrf: String,
    f: FormState,
    notice: Option<String>,
    visibilities: Vec<(String, &'static str)>,
    sections: Vec<(String, &'static str)>,
    wins: Vec<Achievement>,
    total: usize,
}

const WINS_SHOWN: usize = 50;

async fn wins_render(
    app: &Shared,
    f: FormState,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let mut wins = app.worker.run(|b| Ok(b.load()?.achievements)).await?;
    let total = wins.len();
    wins.sort_by_key(|w| std::cmp::Reverse((w.date, w.id)));
    wins.truncate(WINS_SHOWN);
    let page = WinsPage {
        current: "wins",
        csrf: app.csrf.clone(),
        f,
        notice,
        visibilities: Visibility::ALL
            .iter()
            .map(|v| (milemarker_core::text::word(v), v.label()))
            .collect(),
        sections: BragSection::ALL
            .iter()
            .map(|s| (milemarker_core::text::word(s), s.title()))
            .collect(),
        wins,
        total,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn wins_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let today = app.today().await?;
    let f = FormState::new(HashMap::from([
        ("date".to_string(), today.to_string()),
        ("visibility".to_string(), "team".to_string()),
        ("section".to_string(), "projects".to_string()),
    ]));
    wins_render(&app, f, notice(&params), StatusCode::OK).await
}

/// Each value with the word a form sends for it.
fn words<T: serde::Serialize + Copy>(all: &[T]) -> Vec<(String, T)> {
    all.iter()
        .map(|v| (milemarker_core::text::word(v), *v))
        .collect()
}

fn read_win(fields: &mut Fields, today: Date) -> Option<Achievement> {
    let date = fields.parse("date", Some(today), "a date like 2026-11-20");
    let visibility = fields.choice("visibility", &words(&Visibility::ALL));
    let section = fields.choice("section", &words(&BragSection::ALL));
    let win = Achievement {
        id: 0,
        title: fields.text("title").to_string(),
        date: date?,
        impact: fields.optional_text("impact"),
        visibility: visibility?,
        section: section?,
        skills: fields
            .text("skills")
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(String::from)
            .collect(),
        link: fields.optional_text("link"),
    };
    if let Err(err) = win.validate(Some(today)) {
        fields.domain(&err, &["title", "date", "impact", "link", "skills"]);
    }
    Some(win)
}

pub async fn win_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let kept = form.clone();
    let win = match read_form(&app, form, read_win).await? {
        Ok(win) => win,
        Err(f) => return wins_render(&app, f, None, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    // Numbered under the write lock, from the wins as they are then.
    let saved = update(&app, move |s, _| {
        let id = next_number(s.achievements.iter().map(|w| w.id));
        s.achievements.push(Achievement { id, ..win });
        Ok(id)
    })
    .await;
    match saved {
        Ok(id) => Ok(Redirect::to(&format!("/wins?saved=win-{id}")).into_response()),
        Err(err) => {
            let f = FormState::kept_when_busy(kept, err)?;
            wins_render(&app, f, None, StatusCode::SERVICE_UNAVAILABLE).await
        }
    }
}

pub async fn brag(State(app): State<Shared>) -> Result<Response, PageError> {
    let markdown = app
        .worker
        .run(|b| {
            let s = b.load()?;
            b.brag(&s)
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"brag-document.md\"",
            ),
        ],
        markdown,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "decision.html")]
struct DecisionPage {
    current: &'static str,
    method: String,
    d: Result<DecisionView, String>,
}

const METHODS: [(&str, &str); 6] = [
    ("", "your settings' method"),
    ("kt", "Kepner-Tregoe"),
    ("wsm", "weighted sum"),
    ("topsis", "TOPSIS"),
    ("ahp", "AHP"),
    ("smaa", "SMAA-2"),
];

pub async fn decision_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let method_word = params.get("method").cloned().unwrap_or_default();
    let method: Option<Method> = match method_word.as_str() {
        "" => None,
        word => Some(
            serde_json::from_value(serde_json::Value::String(word.into())).map_err(|_| {
                PageError {
                    status: StatusCode::BAD_REQUEST,
                    message: format!(
                        "there is no method \"{word}\": choose kt, wsm, topsis, ahp or smaa"
                    ),
                }
            })?,
        ),
    };
    let d = app
        .worker
        .run(move |b| {
            let s = b.load()?;
            Ok(b.decide(&s, method)
                .map(|d| decision_view(&s, &d))
                .map_err(|e| format!("{e:#}")))
        })
        .await?;
    let page = DecisionPage {
        current: "decision",
        method: method_word,
        d,
    };
    Ok(Html(page.render()?).into_response())
}

impl DecisionPage {
    fn methods(&self) -> Vec<(&'static str, &'static str, bool)> {
        METHODS
            .iter()
            .map(|(v, l)| (*v, *l, *v == self.method))
            .collect()
    }
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

pub async fn tasks_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_page(&app, &params, lists::tasks).await
}

pub async fn contacts_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_page(&app, &params, lists::contacts).await
}

pub async fn opportunities_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_page(&app, &params, lists::opportunities).await
}

#[derive(Template)]
#[template(path = "market.html")]
struct MarketPage {
    current: &'static str,
    m: MarketView,
}

pub async fn market_page(State(app): State<Shared>) -> Result<Response, PageError> {
    let day = app.today().await?;
    let market = app
        .worker
        .run(move |b| {
            let s = b.load()?;
            Ok(b.market(&s, day))
        })
        .await?;
    let page = MarketPage {
        current: "market",
        m: market_view(&market),
    };
    Ok(Html(page.render()?).into_response())
}
