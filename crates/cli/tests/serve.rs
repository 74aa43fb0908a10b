//! `milemarker serve` through the real binary: the addresses it listens on, the host names it
//! answers, and how it stops.

mod common;

use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

use common::{Env, Server, request, serve, serve_with};

fn get(to: SocketAddr, host: &str) -> u16 {
    request(to, "GET", "/wins", host, "").0
}

#[test]
fn another_loopback_address_and_an_address_with_its_port_are_served() {
    let env = Env::new();
    let server = serve(
        env.dir.path(),
        &["--demo", "--bind", "127.0.0.2", "--port", "0"],
    );
    assert_eq!(server.addr.ip().to_string(), "127.0.0.2");
    // Every request was refused with 421 before.
    assert_eq!(get(server.addr, &server.addr.to_string()), 200);
    drop(server);
    let server = serve(env.dir.path(), &["--demo", "--bind", "127.0.0.1:0"]);
    assert_eq!(server.addr.ip().to_string(), "127.0.0.1");
    assert_ne!(server.addr.port(), 7878);
    assert_eq!(
        get(server.addr, &format!("localhost:{}", server.addr.port())),
        200
    );
    drop(server);
    let server = serve(
        env.dir.path(),
        &["--demo", "--bind", "127.0.0.1:0", "--port", "0"],
    );
    assert_eq!(get(server.addr, &server.addr.to_string()), 200);
}

#[test]
fn a_port_given_two_ways_must_agree() {
    let env = Env::new();
    env.fails(
        &[
            "serve",
            "--demo",
            "--bind",
            "127.0.0.1:9000",
            "--port",
            "9001",
        ],
        1,
        "--bind says port 9000 and --port says 9001",
    );
    env.fails(&["serve", "--bind", "example.org"], 2, "is not an address");
}

#[test]
fn every_address_keeps_the_host_check() {
    let env = Env::new();
    let server = serve(
        env.dir.path(),
        &[
            "--demo",
            "--bind",
            "0.0.0.0",
            "--port",
            "0",
            "--allow-host",
            "career.home.arpa",
        ],
    );
    let port = server.addr.port();
    let to: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    // DNS rebinding: a page on evil.example that points its name here. Answered 200, with the
    // form token, before; and a POST stored a win.
    let (status, page) = request(to, "GET", "/wins", &format!("evil.example:{port}"), "");
    assert_eq!(status, 421, "{page}");
    assert!(!page.contains("name=\"csrf\""));
    assert!(page.contains("--allow-host"), "{page}");
    let (status, _) = request(
        to,
        "POST",
        "/wins",
        &format!("evil.example:{port}"),
        "title=rebound&visibility=team&section=projects",
    );
    assert_eq!(status, 421);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("career.home.arpa:{port}"),
        "career.home.arpa".to_string(),
    ] {
        assert_eq!(get(to, &host), 200, "{host}");
    }
    let help = env.run(&["serve", "--help"]);
    assert!(help.contains("--allow-host <NAME>"), "{help}");
    assert!(help.contains("DNS rebinding"), "{help}");
    assert!(help.contains("127.0.0.1:9000"), "{help}");
}

/// Sends `signal` (TERM, INT) to the server and waits for it to exit.
fn stop_with(server: &mut Server, signal: &str) -> std::process::ExitStatus {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            return status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "still running 20 s after SIG{signal}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_demo_folder_is_removed_on_sigterm_and_ctrl_c() {
    for signal in ["TERM", "INT"] {
        let env = Env::new();
        let tmp = env.dir.path().join("tmp");
        let mut server = serve(env.dir.path(), &["--demo", "--port", "0"]);
        let folders = || std::fs::read_dir(&tmp).unwrap().count();
        assert_eq!(folders(), 1, "the demo database's folder, in TMPDIR");
        // A browser's idle keep-alive connection does not hold the stop up.
        let idle = TcpStream::connect(server.addr).unwrap();
        assert_eq!(get(server.addr, &server.addr.to_string()), 200);
        let status = stop_with(&mut server, signal);
        drop(idle);
        assert!(status.success(), "SIG{signal}: {status:?}");
        // Left behind on SIGTERM before.
        assert_eq!(folders(), 0, "SIG{signal} left the demo folder behind");
    }
}

/// `serve --open` hands the address to the person's browser ($BROWSER here: a script that notes
/// what it was asked to open) and goes on serving.
#[test]
fn open_hands_the_address_to_the_browser() {
    let env = Env::new();
    let opened = env.dir.path().join("opened");
    let browser = env.write(
        "browser.sh",
        &format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    );
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let server = serve_with(
        env.dir.path(),
        &["--demo", "--port", "0", "--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    // The script's one line, once it is all there.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let url = loop {
        match std::fs::read_to_string(&opened) {
            Ok(line) if line.ends_with('\n') => break line,
            _ if std::time::Instant::now() > deadline => panic!("the browser was not asked"),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    assert_eq!(url.trim(), format!("http://{}/", server.addr));
    assert_eq!(
        get(server.addr, &server.addr.to_string()),
        200,
        "still serving"
    );
}
