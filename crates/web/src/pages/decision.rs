//! The decision page, by the settings' method or one chosen on the page.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use milemarker_core::decision::document::Method;

use super::Params;
use crate::decision_view::decision_view;
use crate::review::{BlockView, DocView};
use crate::state::{PageError, Shared};

#[derive(Template)]
#[template(path = "decision.html")]
struct DecisionPage {
    current: &'static str,
    method: String,
    d: Result<DocView, String>,
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
