//! `milemarker serve` (DESIGN 5.3): the web UI over the same database and the same code paths as
//! the commands, so a page and a command never disagree.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use milemarker_app::session::{Clock, Session};
use milemarker_web::{Bind, Start};

use crate::context::{Db, Settings, database_path};
use crate::ui::{WARN, paint};

pub fn run(db_flag: Option<&Path>, args: ServeArgs, settings: Settings) -> Result<()> {
    let bind = args.bind.with_port(args.port)?;
    let session = if args.demo {
        Session::demo(settings, Clock::System)?
    } else {
        Session::new(Db::open(&database_path(db_flag)?)?, settings, Clock::System)
    };
    if !bind.ip().is_loopback() {
        anstream::eprintln!(
            "{} listening on {} lets anyone who can reach this machine read and change your \
             records; there is no login. Use the default 127.0.0.1 unless you mean it.",
            paint(WARN.bold(), "warning:"),
            bind.ip()
        );
    }
    let start = Start {
        bind,
        allowed_hosts: args.allow_hosts,
        demo: args.demo,
        open: args.open,
    };
    milemarker_web::start(session, start)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, with a port or without (127.0.0.1:9000, [::1]:9000); anything but a
    /// loopback address lets other machines read your records
    #[arg(long, value_name = "ADDR[:PORT]", default_value = "127.0.0.1", value_parser = Bind::parse)]
    pub bind: Bind,
    /// Port to listen on (0 picks a free one) [default: 7878]
    #[arg(long)]
    pub port: Option<u16>,
    /// Also answer requests for this host name (a name this machine has in your network, or a
    /// proxy's); repeatable. Requests naming any other host are refused (421) on every address
    /// listened on, so a web page cannot reach your records by pointing its own name here (DNS
    /// rebinding). This machine's own names and addresses are always answered
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Serve the example person from a temporary database instead of yours
    #[arg(long)]
    pub demo: bool,
    /// Open the pages in your default browser once the server listens ($BROWSER if set)
    #[arg(long)]
    pub open: bool,
}
