//! `milemarker serve` (DESIGN 5.3): the web UI over the same database and the same code paths as
//! the commands, so a page and a command never disagree.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use milemarker_app::session::{Clock, Session};
use milemarker_web::{Limits, ServeOptions};

use crate::cli::ServeArgs;
use crate::context::{Db, Settings, database_path};
use crate::ui::{WARN, paint};

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
    let session = if args.demo {
        Session::demo(settings, Clock::System)?
    } else {
        Session::new(Db::open(&database_path(db_flag)?)?, settings, Clock::System)
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
    milemarker_web::serve(
        session,
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
