//! Which Host headers the server answers (DNS rebinding): a page elsewhere that points its own
//! name at this machine's address could otherwise read and change the person's records from the
//! person's own browser. The check holds on every bind. A name is answered when it is one of this
//! machine's (localhost when loopback is listened on, the system's host name) or named with
//! `--allow-host`; an address when it is this machine's (a name can be rebound, an address
//! cannot).

use std::net::{IpAddr, SocketAddr, UdpSocket};

pub struct Hosts {
    bound: SocketAddr,
    /// Lower-case names without a port: the machine's own and those allowed by the person.
    names: Vec<String>,
    /// Allowed by the person: also answered without a port (behind a proxy on 80 or 443).
    allowed: Vec<String>,
}

impl Hosts {
    /// The names answered when listening on `bound`: `host_name` is the system's (None to look
    /// it up), `allowed` the person's `--allow-host` names.
    pub fn new(bound: SocketAddr, host_name: Option<String>, allowed: &[String]) -> Hosts {
        let ip = bound.ip();
        let mut names = Vec::new();
        if ip.is_loopback() || ip.is_unspecified() {
            names.push("localhost".to_string());
        }
        if !ip.is_loopback() {
            let host_name = host_name.or_else(system_host_name);
            if let Some(full) = host_name.map(|n| n.trim().trim_end_matches('.').to_lowercase())
                && !full.is_empty()
            {
                let short = full.split('.').next().unwrap_or(&full).to_string();
                names.push(format!("{short}.local"));
                names.push(short);
                names.push(full);
            }
        }
        let allowed: Vec<String> = allowed
            .iter()
            .map(|n| n.trim().trim_end_matches('.').to_lowercase())
            .filter(|n| !n.is_empty())
            .collect();
        names.extend(allowed.iter().cloned());
        names.sort();
        names.dedup();
        Hosts {
            bound,
            names,
            allowed,
        }
    }

    /// What the refusal page lists.
    pub fn described(&self) -> String {
        let mut shown: Vec<String> = self
            .names
            .iter()
            .map(|n| format!("{n}:{}", self.bound.port()))
            .collect();
        shown.insert(0, self.bound.to_string());
        format!(
            "{} and this machine's addresses; start `milemarker serve` with --allow-host NAME \
             to add a name",
            shown.join(", ")
        )
    }

    /// Whether a request with this Host header is answered.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        if self.allowed.contains(&host) {
            return true;
        }
        let Some((name, port)) = split(&host) else {
            return false;
        };
        match port {
            Some(port) if port != self.bound.port() => return false,
            // No port: port 80, or a proxy in front for a name the person allowed.
            None if self.bound.port() != 80 && !self.allowed.iter().any(|a| a == name) => {
                return false;
            }
            _ => {}
        }
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        let literal = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(name);
        match literal.parse::<IpAddr>() {
            Ok(ip) => self.is_own(ip),
            Err(_) => false,
        }
    }

    /// Whether a request to `ip` can reach this listener: the bound address itself, any loopback
    /// address when loopback is listened on, and when every address is, any of this machine's
    /// (the ones a socket can be bound to).
    fn is_own(&self, ip: IpAddr) -> bool {
        let bound = self.bound.ip();
        if ip == bound || (ip.is_loopback() && bound.is_loopback()) {
            return true;
        }
        if !bound.is_unspecified() {
            return false;
        }
        ip.is_loopback() || ip.is_unspecified() || UdpSocket::bind(SocketAddr::new(ip, 0)).is_ok()
    }
}

/// A Host header as name and port; an IPv6 address keeps its brackets.
fn split(host: &str) -> Option<(&str, Option<u16>)> {
    if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        return match rest {
            "" => Some((name, None)),
            _ => Some((name, Some(rest.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, Some(port.parse().ok()?))),
        None => Some((host, None)),
    }
}

/// The system's host name (Linux: the kernel's, else /etc/hostname); None where neither is read.
fn system_host_name() -> Option<String> {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bind: &str, allowed: &[&str]) -> Hosts {
        let allowed: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
        Hosts::new(
            bind.parse().unwrap(),
            Some("Box.example.org".into()),
            &allowed,
        )
    }

    #[test]
    fn loopback_answers_its_own_names_only() {
        let h = hosts("127.0.0.1:7878", &[]);
        for ok in [
            "127.0.0.1:7878",
            "localhost:7878",
            "LOCALHOST:7878",
            "[::1]:7878",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "evil.example",
            "127.0.0.1:7879",
            "127.0.0.1",
            "box:7878",
            "",
            "localhost:7878:1",
            "[::1",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn another_loopback_address_answers_for_itself() {
        let h = hosts("127.0.0.2:9000", &[]);
        assert!(h.allows("127.0.0.2:9000"));
        assert!(h.allows("localhost:9000"));
        assert!(!h.allows("evil.example:9000"));
    }

    #[test]
    fn every_bind_keeps_the_check() {
        // The rebinding the issue showed: bound to every address, another name was answered.
        let h = hosts("0.0.0.0:7878", &[]);
        assert!(!h.allows("evil.example:7878"));
        assert!(!h.allows("evil.example"));
        for ok in [
            "127.0.0.1:7878",
            "localhost:7878",
            "box:7878",
            "box.local:7878",
            "box.example.org:7878",
            "[::1]:7878",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        // An address that is not this machine's is not answered either.
        assert!(!h.allows("192.0.2.1:7878"));
        let h = hosts("192.168.1.5:7878", &[]);
        assert!(h.allows("192.168.1.5:7878"));
        assert!(h.allows("box:7878"));
        assert!(!h.allows("localhost:7878"), "loopback is not listened on");
        assert!(!h.allows("evil.example:7878"));
    }

    #[test]
    fn allowed_names_are_answered_with_the_port_or_without() {
        let h = hosts("0.0.0.0:7878", &["Career.Home.Arpa", "proxy.example:8443"]);
        assert!(h.allows("career.home.arpa:7878"));
        assert!(h.allows("career.home.arpa"));
        assert!(!h.allows("career.home.arpa:7879"));
        assert!(h.allows("proxy.example:8443"));
        assert!(!h.allows("evil.example:7878"));
        assert!(h.described().contains("--allow-host NAME"));
    }
}
