//! The weekly check-in: its form, filled in with the week as stored, and its save, which does not
//! overwrite a check-in saved meanwhile unseen.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use milemarker_app::checkins::{self, Question};
use milemarker_core::life::{CheckIn, record_checkin};
use milemarker_core::week::IsoWeek;

use super::{FormState, Params, read_form, update};
use crate::forms::Fields;
use crate::state::{PageError, Shared};

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckinPage {
    current: &'static str,
    csrf: String,
    f: FormState,
    boundary: f64,
    recent: Vec<CheckIn>,
    /// The questions, in the app's words and ranges.
    questions: Vec<Asked>,
    note: &'static str,
}

/// A check-in question as the form asks it.
struct Asked {
    field: &'static str,
    label: &'static str,
    hint: String,
    attrs: String,
}

impl Asked {
    fn of(q: &Question) -> Asked {
        let mut attrs = format!("min=\"{}\" max=\"{}\"", q.low, q.high);
        if q.fractions {
            attrs.push_str(" step=\"0.5\" inputmode=\"decimal\"");
        }
        if q.default.is_none() {
            attrs.push_str(" required");
        }
        Asked {
            field: q.field,
            label: q.label,
            hint: q.hint(),
            attrs,
        }
    }
}

fn checkin_values(week: IsoWeek, existing: Option<&CheckIn>) -> HashMap<String, String> {
    let mut values = HashMap::from([("week".to_string(), week.to_string())]);
    for q in &checkins::QUESTIONS {
        let answer = match existing {
            Some(c) => Some(q.stored(c)),
            None => q.default.map(f64::from),
        };
        if let Some(answer) = answer {
            values.insert(q.field.to_string(), answer.to_string());
        }
    }
    if let Some(note) = existing.and_then(|c| c.note.clone()) {
        values.insert("note".to_string(), note);
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
        questions: checkins::QUESTIONS.iter().map(Asked::of).collect(),
        note: checkins::NOTE,
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

pub(crate) fn read_checkin(fields: &mut Fields, today: Date) -> Option<CheckIn> {
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
    let whole = |fields: &mut Fields, q: Question| fields.number(q.field, q.default, q.low, q.high);
    let (low, high) = (checkins::HOURS.low.into(), checkins::HOURS.high.into());
    let hours = fields.number(checkins::HOURS.field, None, low, high);
    let weekend_days = whole(fields, checkins::WEEKEND_DAYS);
    let evenings = whole(fields, checkins::EVENINGS);
    let energy = whole(fields, checkins::ENERGY);
    let satisfaction = whole(fields, checkins::SATISFACTION);
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
                "form".into(),
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
