//! Wins: the latest ones, the form that logs one, and the brag document to download.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use milemarker_app::wins::NewWin;
use milemarker_core::evidence::{Achievement, BragSection, Visibility};

use super::{FormState, Params, notice, read_form, update};
use crate::forms::Fields;
use crate::state::{PageError, Shared};

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
pub(crate) fn words<T: serde::Serialize + Copy>(all: &[T]) -> Vec<(String, T)> {
    all.iter()
        .map(|v| (milemarker_core::text::word(v), *v))
        .collect()
}

pub(crate) fn read_win(fields: &mut Fields, today: Date) -> Option<Achievement> {
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
    let saved = update(&app, move |s, today| {
        let new = NewWin {
            title: win.title,
            impact: win.impact,
            visibility: Some(win.visibility),
            section: Some(win.section),
            skills: win.skills,
            date: Some(win.date),
            link: win.link,
        };
        Ok(milemarker_app::wins::add(s, new, today)?.id)
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
