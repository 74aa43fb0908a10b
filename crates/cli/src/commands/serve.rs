//! `milemarker serve` (DESIGN 5.3): the web UI over the same database and the same code paths as
//! the commands, so a page and a command never disagree.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::review::Review;
use milemarker_store::StoreError;
use milemarker_web::{Backend, Busy, Change, Decision, Limits, Market, ServeOptions, Watch};

use crate::cli::{
    BragFormat, JsonFlag, MarketDemandArgs, MarketOccupationsArgs, MarketPayArgs, ServeArgs,
};
use crate::commands::market::Answer;
use crate::commands::{brag, decide, demo, market, review};
use crate::context::{Db, Settings, database_path, today};
use crate::ui::{WARN, paint};

/// The person's records, as the commands see them.
struct Local {
    db: Db,
    settings: Settings,
    /// Keeps `--demo`'s temporary database until the server stops.
    _demo_dir: Option<tempfile::TempDir>,
}

/// A second connection to the database, only to ask whether it changed: SQLite's data_version
/// moves when any other connection commits, the server's own included.
struct Watcher(Db);

impl Watch for Watcher {
    fn version(&mut self) -> Result<u64> {
        let (runtime, store) = self.0.parts();
        Ok(runtime.block_on(store.data_version())?)
    }

    fn today(&self) -> Result<Date> {
        today()
    }
}

/// A market command's JSON answer, or what stops it, in words.
fn json_answer(answer: Result<Answer>) -> Result<serde_json::Value, String> {
    match answer {
        Ok(Answer::Json(value)) => Ok(value),
        Ok(Answer::Text(_)) => Err("the command answered in text".into()),
        Err(err) => Err(format!("{err:#}")),
    }
}

impl Backend for Local {
    fn load(&mut self) -> Result<Snapshot> {
        self.db.load()
    }

    fn update(&mut self, change: Change<'_>) -> Result<Result<(), String>> {
        let (runtime, store) = self.db.parts();
        let outcome = runtime.block_on(store.update(|s| {
            change(s)?;
            s.validate()
                .map_err(|e| format!("{}: {}", e.field, e.message))
        }));
        match outcome {
            Err(busy @ StoreError::Busy { .. }) => Err(Busy(busy.to_string()).into()),
            other => Ok(other?),
        }
    }

    fn watch(&self) -> Result<Box<dyn Watch>> {
        Ok(Box::new(Watcher(Db::open(self.db.path())?)))
    }

    fn decide(&mut self, s: &Snapshot, method: Option<Method>) -> Result<Decision> {
        decide::decide_person(s, method)
    }

    fn review(&mut self, s: &Snapshot, day: Date, decision: Option<&Decision>) -> Result<Review> {
        review::build(&mut self.db, s, &self.settings, day, decision)
    }

    fn market(&mut self, s: &Snapshot, day: Date) -> Market {
        let json = JsonFlag { json: true };
        let pay = market::pay(
            &mut self.db,
            MarketPayArgs {
                occupation: None,
                area: None,
                pay: None,
                json,
            },
        );
        // The gap shown is to the person's own occupation: what it rates important that they lack.
        let demand = market::demand(
            &mut self.db,
            MarketDemandArgs {
                months: 12,
                title: None,
                occupation: s.profile.occupation.clone(),
                limit: 15,
                as_of: Some(day),
                json,
            },
            &self.settings,
        );
        let occupations = market::occupations(
            &mut self.db,
            MarketOccupationsArgs {
                limit: 15,
                search: None,
                json,
            },
        );
        Market {
            pay: json_answer(pay),
            demand: json_answer(demand),
            occupations: json_answer(occupations),
        }
    }

    fn brag(&mut self, s: &Snapshot) -> Result<String> {
        brag::document(s, None, None, BragFormat::Markdown)
    }
}

/// The port from `--bind ADDR:PORT` or `--port`; given both ways, they must agree.
fn port(args: &ServeArgs) -> Result<u16> {
    match (args.bind.port, args.port) {
        (Some(a), Some(b)) if a != b => anyhow::bail!(
            "--bind says port {a} and --port says {b}: give the port once, or the same in both"
        ),
        (Some(port), _) | (None, Some(port)) => Ok(port),
        (None, None) => Ok(DEFAULT_PORT),
    }
}

const DEFAULT_PORT: u16 = 7878;

pub fn run(db_flag: Option<&Path>, args: ServeArgs, settings: Settings) -> Result<()> {
    let port = port(&args)?;
    let (db, demo_dir) = if args.demo {
        let dir = tempfile::tempdir()?;
        let mut db = Db::open(&dir.path().join("demo.db"))?;
        demo::seed(&mut db, today()?)?;
        (db, Some(dir))
    } else {
        (Db::open(&database_path(db_flag)?)?, None)
    };
    let bind = SocketAddr::new(args.bind.ip, port);
    if !args.bind.ip.is_loopback() {
        anstream::eprintln!(
            "{} listening on {} lets anyone who can reach this machine read and change your \
             records; there is no login. Use the default 127.0.0.1 unless you mean it.",
            paint(WARN.bold(), "warning:"),
            args.bind.ip
        );
    }
    let demo = args.demo;
    let backend = Local {
        db,
        settings,
        _demo_dir: demo_dir,
    };
    milemarker_web::serve(
        Box::new(backend),
        ServeOptions {
            bind,
            allowed_hosts: args.allow_hosts,
            limits: Limits::default(),
            on_ready: Box::new(move |addr| {
                // The first line is the address, so scripts and tests can read it.
                println!("http://{addr}/");
                eprintln!(
                    "milemarker is serving {} at http://{addr}/ (Ctrl-C stops it)",
                    if demo {
                        "the example person"
                    } else {
                        "your records"
                    }
                );
            }),
        },
    )
}
