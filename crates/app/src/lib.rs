//! milemarker's application layer: the use cases the CLI and the web share. It opens a person's
//! records and writes them by the write rule, decides, builds the review and answers about the
//! market, in typed values; it knows nothing of clap, axum or terminals.

pub mod clock;
pub mod input;
pub mod records;
pub mod settings;
