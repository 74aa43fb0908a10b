//! milemarker in the browser (DESIGN 5.3): server-rendered pages over the same records as the
//! CLI, forms that work without JavaScript, charts as inline SVG. The review's standalone HTML
//! page lives here too, so the two share their charts, escaping and style sheet.

pub mod charts;
mod decision_view;
mod forms;
mod hosts;
pub mod html;
mod listen;
mod lists;
mod market_view;
mod nav;
mod pages;
pub mod review;
mod routes;
mod start;
mod state;

pub use listen::Limits;
pub use routes::{ServeOptions, serve};
pub use start::{Bind, Start, start};

#[cfg(test)]
mod tests;
