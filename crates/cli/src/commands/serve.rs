//! `milemarker serve` (DESIGN 5.3): the web UI over the same database and the same code paths as
//! the commands, so a page and a command never disagree.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use clap::Args;
use milemarker_app::session::{Clock, Session};
use milemarker_web::{Limits, ServeOptions};

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
    let (demo, open) = (args.demo, args.open);
    milemarker_web::serve(
        session,
        ServeOptions {
            bind,
            allowed_hosts: args.allow_hosts,
            limits: Limits::default(),
            on_ready: Box::new(move |addr| {
                // The first line is the address, so scripts and tests can read it.
                println!("http://{addr}/");
                if open {
                    open_browser(&format!("http://{addr}/"));
                }
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

/// Opens `url` in the person's browser: `$BROWSER` when set (the convention on Unix), else the
/// system's opener. A browser that cannot be started is said, and the server goes on.
fn open_browser(url: &str) {
    let mut command = match std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        Some(browser) => std::process::Command::new(browser),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(windows) => {
            let mut start = std::process::Command::new("cmd");
            start.args(["/C", "start", ""]);
            start
        }
        None => std::process::Command::new("xdg-open"),
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(err) = opened {
        eprintln!("could not open a browser ({err}); open {url} yourself");
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, with a port or without (127.0.0.1:9000, [::1]:9000); anything but a
    /// loopback address lets other machines read your records
    #[arg(long, value_name = "ADDR[:PORT]", default_value = "127.0.0.1", value_parser = parse_bind)]
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

/// `serve --bind`: an address, and a port when one was given with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bind {
    pub ip: std::net::IpAddr,
    pub port: Option<u16>,
}

fn parse_bind(text: &str) -> Result<Bind, String> {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};
    let text = text.trim();
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(Bind {
            ip: addr.ip(),
            port: Some(addr.port()),
        });
    }
    let bare = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(Bind { ip, port: None });
    }
    let (name, port) = match text.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (text, None),
    };
    let port = match port.map(str::parse::<u16>) {
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => return Err(format!("\"{text}\" has no port 0-65535 after its colon")),
        None => None,
    };
    if name.eq_ignore_ascii_case("localhost") {
        return Ok(Bind {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
        });
    }
    Err(format!(
        "\"{text}\" is not an address: give one like 127.0.0.1, 127.0.0.1:9000, ::1 or [::1]:9000"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_takes_an_address_with_a_port_or_without() {
        let bind = |ip: &str, port| Bind {
            ip: ip.parse().unwrap(),
            port,
        };
        assert_eq!(parse_bind("127.0.0.2"), Ok(bind("127.0.0.2", None)));
        assert_eq!(
            parse_bind("127.0.0.1:9000"),
            Ok(bind("127.0.0.1", Some(9000)))
        );
        assert_eq!(parse_bind("::1"), Ok(bind("::1", None)));
        assert_eq!(parse_bind("[::1]"), Ok(bind("::1", None)));
        assert_eq!(parse_bind("[::1]:9000"), Ok(bind("::1", Some(9000))));
        assert_eq!(parse_bind("localhost:0"), Ok(bind("127.0.0.1", Some(0))));
        assert!(parse_bind("127.0.0.1:99999").is_err());
        assert!(parse_bind("example.org").is_err());
        assert!(parse_bind("").is_err());
    }
}
