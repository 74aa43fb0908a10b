//! The market page: pay, demand and occupations for the person's records and today.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};

use crate::market_view::{MarketView, market_view};
use crate::review::BlockView;
use crate::state::{PageError, Shared};

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
