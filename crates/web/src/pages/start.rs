//! The guided start (issue 21, in part): a person who opens the browser on an empty database
//! says who they are and ranks what matters to them, each step saved on its own, so they can
//! leave and come back. The rules are the app's (`profile`, `lookup`, `values`).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use milemarker_app::profile::ProfileFields;
use milemarker_core::career::Snapshot;

use super::{FormState, Params, notice, read_form, update};
use crate::forms::Fields;
use crate::state::{PageError, Shared};

/// Value fields offered, most important first.
const VALUES: usize = 6;

#[derive(Template)]
#[template(path = "start.html")]
struct StartPage {
    current: &'static str,
    csrf: String,
    notice: Option<String>,
    profile: FormState,
    values: FormState,
    /// The value fields' names: value1, value2, ...
    slots: Vec<String>,
    options: usize,
}

/// The profile as the form shows it.
fn profile_values(s: &Snapshot) -> HashMap<String, String> {
    let p = &s.profile;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    HashMap::from([
        ("name".into(), text(&p.name)),
        ("level".into(), text(&p.level)),
        ("occupation".into(), text(&p.occupation)),
        ("area".into(), text(&p.area)),
        (
            "pay".into(),
            p.pay.map(|v| v.to_string()).unwrap_or_default(),
        ),
        ("boundary".into(), p.boundary_hours.to_string()),
        ("work_days".into(), p.work_days.to_string()),
    ])
}

/// The values as the form shows them: by rank, then the unranked.
fn value_values(s: &Snapshot) -> HashMap<String, String> {
    let mut values: Vec<_> = s.values.iter().collect();
    values.sort_by_key(|v| v.rank.unwrap_or(u32::MAX));
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("value{}", i + 1), v.id.replace('-', " ")))
        .collect()
}

async fn page(
    app: &Shared,
    profile: Option<FormState>,
    values: Option<FormState>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let s = app.worker.run(|b| b.load()).await?;
    let page = StartPage {
        current: "",
        csrf: app.csrf.clone(),
        notice,
        profile: profile.unwrap_or_else(|| FormState::new(profile_values(&s))),
        values: values.unwrap_or_else(|| FormState::new(value_values(&s))),
        slots: (1..=VALUES.max(s.values.len()))
            .map(|i| format!("value{i}"))
            .collect(),
        options: s.options.len(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn start_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    page(&app, None, None, notice(&params), StatusCode::OK).await
}

fn read_profile(fields: &mut Fields, _: Date) -> Option<ProfileFields> {
    let mut looked_up = |name: &'static str, find: fn(&str) -> Result<String, String>| {
        let typed = fields.optional_text(name)?;
        find(&typed).map_err(|e| fields.fail(name, e)).ok()
    };
    let occupation = looked_up("occupation", milemarker_app::lookup::occupation);
    let area = looked_up("area", milemarker_app::lookup::area);
    // Pay is optional: left empty, the stored pay stays.
    let pay = if fields.text("pay").is_empty() {
        None
    } else {
        fields.number::<f64>("pay", None, 0.0, 100_000_000.0)
    };
    Some(ProfileFields {
        name: Some(fields.text("name").to_string()),
        level: Some(fields.text("level").to_string()),
        occupation: occupation.or(Some(String::new())),
        area: area.or(Some(String::new())),
        pay,
        boundary: fields.number("boundary", Some(40.0), 1.0, 100.0),
        work_days: fields.number("work_days", Some(5), 1, 7),
        ..ProfileFields::default()
    })
}

pub async fn profile_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let kept = form.clone();
    let fields = match read_form(&app, form, read_profile).await? {
        Ok(fields) => fields,
        Err(f) => return page(&app, Some(f), None, None, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let saved = update(&app, move |s, _| {
        milemarker_app::profile::apply(&mut s.profile, fields);
        Ok(())
    })
    .await;
    match saved {
        Ok(()) => Ok(Redirect::to("/start?saved=profile#values-heading").into_response()),
        Err(err) => {
            let status = err.status;
            let f = FormState::refused(kept, err)?;
            page(&app, Some(f), None, None, status).await
        }
    }
}

fn read_values(fields: &mut Fields, _: Date) -> Option<Vec<String>> {
    let mut named: Vec<(usize, String)> = fields
        .form()
        .iter()
        .filter_map(|(k, v)| {
            let n: usize = k.strip_prefix("value")?.parse().ok()?;
            Some((n, v.trim().to_string())).filter(|(_, v)| !v.is_empty())
        })
        .collect();
    named.sort();
    if named.len() < 2 {
        fields.fail(
            "value1",
            "name at least two things that matter to you in your work, most important first",
        );
        return None;
    }
    Some(named.into_iter().map(|(_, v)| v).collect())
}

pub async fn values_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let kept = form.clone();
    let names = match read_form(&app, form, read_values).await? {
        Ok(names) => names,
        Err(f) => return page(&app, None, Some(f), None, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let saved = update(&app, move |s, _| milemarker_app::values::rank(s, &names)).await;
    match saved {
        Ok(()) => Ok(Redirect::to("/start?saved=values#next-heading").into_response()),
        Err(err) => {
            let status = err.status;
            let f = FormState::refused(kept, err)?;
            page(&app, None, Some(f), None, status).await
        }
    }
}
