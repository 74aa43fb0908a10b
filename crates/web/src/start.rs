//! Starting the server for a person at a command line: the address and port asked for, the lines
//! that say where it listens, and the browser opened on it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use anyhow::Result;
use milemarker_app::session::Session;

use crate::{Limits, ServeOptions, serve};

/// The port when neither the address nor `port` names one.
const DEFAULT_PORT: u16 = 7878;

/// An address to listen on, and a port when one was given with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bind {
    pub ip: IpAddr,
    pub port: Option<u16>,
}

impl Bind {
    /// `127.0.0.1`, `127.0.0.1:9000`, `::1`, `[::1]:9000` or `localhost[:PORT]`.
    pub fn parse(text: &str) -> Result<Bind, String> {
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

    /// The address with the port it names or `port` names; named both ways, they must agree.
    pub fn with_port(self, port: Option<u16>) -> Result<SocketAddr> {
        let port = match (self.port, port) {
            (Some(a), Some(b)) if a != b => anyhow::bail!(
                "--bind says port {a} and --port says {b}: give the port once, or the same in both"
            ),
            (Some(port), _) | (None, Some(port)) => port,
            (None, None) => DEFAULT_PORT,
        };
        Ok(SocketAddr::new(self.ip, port))
    }
}

/// What a person asked of the server.
pub struct Start {
    pub bind: SocketAddr,
    /// Host names answered besides this machine's own.
    pub allowed_hosts: Vec<String>,
    /// It serves the example person, not the person's records.
    pub demo: bool,
    /// Open the pages in the person's browser once it listens.
    pub open: bool,
}

/// Serves `session` until stopped. The first line on standard output is the address, so scripts
/// and tests can read it; what is served is said on standard error.
pub fn start(session: Session, start: Start) -> Result<()> {
    let Start { demo, open, .. } = start;
    serve(
        session,
        ServeOptions {
            bind: start.bind,
            allowed_hosts: start.allowed_hosts,
            limits: Limits::default(),
            on_ready: Box::new(move |addr| {
                println!("http://{addr}/");
                if open {
                    open_browser(&format!("http://{addr}/"));
                }
                let served = if demo {
                    "the example person"
                } else {
                    "your records"
                };
                eprintln!("milemarker is serving {served} at http://{addr}/ (Ctrl-C stops it)");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_takes_an_address_with_a_port_or_without() {
        let bind = |ip: &str, port| Bind {
            ip: ip.parse().unwrap(),
            port,
        };
        assert_eq!(Bind::parse("127.0.0.2"), Ok(bind("127.0.0.2", None)));
        assert_eq!(
            Bind::parse("127.0.0.1:9000"),
            Ok(bind("127.0.0.1", Some(9000)))
        );
        assert_eq!(Bind::parse("::1"), Ok(bind("::1", None)));
        assert_eq!(Bind::parse("[::1]"), Ok(bind("::1", None)));
        assert_eq!(Bind::parse("[::1]:9000"), Ok(bind("::1", Some(9000))));
        assert_eq!(Bind::parse("localhost:0"), Ok(bind("127.0.0.1", Some(0))));
        assert!(Bind::parse("127.0.0.1:99999").is_err());
        assert!(Bind::parse("example.org").is_err());
        assert!(Bind::parse("").is_err());
    }

    #[test]
    fn the_port_is_given_once_or_the_same_twice() {
        let bind = Bind::parse("127.0.0.1:9000").unwrap();
        assert_eq!(bind.with_port(None).unwrap().port(), 9000);
        assert_eq!(bind.with_port(Some(9000)).unwrap().port(), 9000);
        assert!(bind.with_port(Some(9001)).is_err());
        let bare = Bind::parse("127.0.0.1").unwrap();
        assert_eq!(bare.with_port(None).unwrap().port(), DEFAULT_PORT);
    }
}
