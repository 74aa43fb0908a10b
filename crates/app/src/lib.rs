//! milemarker's application layer: the use cases the CLI and the web share. It opens a person's
//! records and writes them by the write rule, decides, builds the review and answers about the
//! market, in typed values; it knows nothing of clap, axum or terminals.

pub mod brag;
pub mod calendar;
pub mod checkins;
pub mod clock;
pub mod contacts;
pub mod dealbreakers;
pub mod decide;
pub mod demo;
pub mod derived;
pub mod exchange;
pub mod finances;
pub mod hours;
pub mod init;
pub mod input;
pub mod lookup;
pub mod markdown;
pub mod market;
pub mod opportunities;
pub mod options;
pub mod output;
pub mod postings;
pub mod present;
pub mod profile;
pub mod records;
pub mod review;
pub mod risks;
pub mod seasons;
pub mod session;
pub mod settings;
pub mod skills;
pub mod tasks;
pub mod values;
pub mod wins;
