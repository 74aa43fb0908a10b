//! The web UI end to end, in a real browser: `milemarker serve --demo` driven through headless
//! Chromium by chromedriver (Debian's `chromium` and `chromium-driver`; `scripts/test` installs
//! them). With MILEMARKER_SCREENSHOTS=DIR set, it also saves a screenshot of each main page there
//! (`scripts/screenshots` refreshes docs/screenshots/).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// Kills the child when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn wait_for(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "nothing listens on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn chromedriver() -> PathBuf {
    let path = PathBuf::from(
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
    );
    assert!(
        path.exists(),
        "{} not found: the browser tests need Chromium and its driver \
         (`apt-get install -y chromium chromium-driver`, which scripts/test does), or CHROMEDRIVER=PATH",
        path.display()
    );
    path
}

/// `milemarker serve --demo` on a free port; the first line it prints is its address.
fn serve() -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_milemarker"))
        .args(["serve", "--demo", "--port", "0"])
        .env("MILEMARKER_TODAY", "2026-10-28")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("milemarker starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address");
    (
        Running(child),
        line.trim().trim_end_matches('/').to_string(),
    )
}

async fn browser(driver_port: u16, profile: &std::path::Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--hide-scrollbars", "--window-size=1100,1400",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a browser session")
}

async fn text(c: &Client, css: &str) -> String {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

async fn fill(c: &Client, id: &str, value: &str) {
    let field = c.find(Locator::Id(id)).await.expect(id);
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

/// Picks `value` in the select with id `id`.
async fn choose(c: &Client, id: &str, value: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("{id} = {value}: {e}"));
}

async fn submit(c: &Client) {
    click_through(c, "main form button[type=submit]").await;
}

/// Clicks a button that submits a form, then waits until the page it was on has gone: the click
/// returns once the browser has it, which may be before the next page replaced this one.
async fn click_through(c: &Client, css: &str) {
    let page = c.find(Locator::Css("html")).await.expect("the page");
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("clicked");
    let start = Instant::now();
    while page.tag_name().await.is_ok() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{css}: the next page did not come"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn hours_chart(c: &Client) -> String {
    c.find(Locator::Css("#hours-chart svg"))
        .await
        .expect("the hours chart")
        .html(true)
        .await
        .expect("its markup")
}

/// Saves a screenshot of `name` when asked to (MILEMARKER_SCREENSHOTS=DIR).
async fn shoot(c: &Client, name: &str) {
    let Ok(dir) = std::env::var("MILEMARKER_SCREENSHOTS") else {
        return;
    };
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::create_dir_all(&dir).expect("the screenshot folder");
    std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png).expect("saved");
}

#[tokio::test]
async fn the_web_ui_in_a_real_browser() {
    let driver_port = free_port();
    // Chromium writes beside its profile too (crash reports, caches): a home of its own keeps
    // all of it out of the real ~/.config and ~/.cache.
    let home = tempfile::tempdir().expect("a home for the browser");
    let _driver = Running(
        Command::new(chromedriver())
            .arg(format!("--port={driver_port}"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let (_server, base) = serve();
    wait_for(driver_port);
    let c = browser(driver_port, &home.path().join("profile")).await;

    // The dashboard: the person, the markers that fired with evidence, the hours chart.
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    assert_eq!(
        text(&c, "h1").await,
        "Review for Alex Morgan, as of 2026-10-28"
    );
    assert!(
        text(&c, ".lead")
            .await
            .contains("8 of 10 mile markers fired")
    );
    // Each marker on one line, the fired first; its evidence a click away.
    let markers = text(&c, "ul.markers").await;
    assert!(markers.contains("Overwork creep"), "{markers}");
    assert!(
        !markers.contains("your total pay: 126,000"),
        "evidence folded: {markers}"
    );
    c.find(Locator::XPath(
        "//summary[contains(., 'Pay behind the market')]",
    ))
    .await
    .expect("the pay marker's line")
    .click()
    .await
    .expect("opens");
    let markers = text(&c, "ul.markers").await;
    assert!(
        markers.contains("your total pay: 126,000")
            && markers.contains("BLS OEWS May 2025, Marketing Managers (11-2021)"),
        "the evidence, naming the data set: {markers}"
    );
    let before = hours_chart(&c).await;
    assert!(before.contains("2026-W43: 55 h"), "{before}");
    shoot(&c, "dashboard").await;

    // A check-in for last week through the form: the chart changes.
    c.goto(&format!("{base}/checkin?week=2026-W43"))
        .await
        .expect("the check-in form");
    shoot(&c, "checkin").await;
    fill(&c, "hours", "38").await;
    fill(&c, "energy", "4").await;
    submit(&c).await;
    assert_eq!(text(&c, ".notice").await, "Check-in saved.");
    let after = hours_chart(&c).await;
    assert_ne!(before, after);
    assert!(after.contains("2026-W43: 38 h"), "{after}");

    // A bad form: the error shows beside its field, and nothing is saved.
    c.goto(&format!("{base}/checkin")).await.expect("the form");
    fill(&c, "hours", "500").await;
    fill(&c, "energy", "9").await;
    submit(&c).await;
    assert_eq!(
        text(&c, "#hours-error").await,
        "500 is out of range: give 0 to 168"
    );
    assert_eq!(
        text(&c, "#energy-error").await,
        "9 is out of range: give 1 to 5"
    );
    let hours = c.find(Locator::Id("hours")).await.expect("the field");
    assert_eq!(
        hours.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    assert!(text(&c, "[role=alert]").await.contains("Nothing was saved"));
    shoot(&c, "checkin-error").await;
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    assert!(hours_chart(&c).await.contains("2026-W43: 38 h"));

    // A win, logged and listed.
    c.goto(&format!("{base}/wins"))
        .await
        .expect("the wins page");
    fill(&c, "title", "Presented the Q4 plan to the board").await;
    fill(&c, "impact", "Budget approved, 12% up").await;
    choose(&c, "visibility", "company").await;
    submit(&c).await;
    assert!(text(&c, ".notice").await.starts_with("Win #"));
    let wins = text(&c, "#wins").await;
    assert!(
        wins.contains("Presented the Q4 plan to the board"),
        "{wins}"
    );
    assert!(wins.contains("the company"));
    shoot(&c, "wins").await;

    // A decision, by another method.
    c.goto(&format!("{base}/decision"))
        .await
        .expect("the decision");
    choose(&c, "method", "topsis").await;
    submit(&c).await;
    assert!(
        c.current_url()
            .await
            .expect("url")
            .as_str()
            .ends_with("method=topsis")
    );
    assert!(
        text(&c, "main")
            .await
            .contains("TOPSIS: closeness to the ideal option")
    );
    let ranking = text(&c, "#ranking").await;
    assert!(
        ranking.contains("Part-time communications lead"),
        "{ranking}"
    );
    assert!(
        text(&c, "#excluded")
            .await
            .contains("breaks flexibility >= 6: it is 3")
    );
    c.goto(&format!("{base}/decision"))
        .await
        .expect("the decision");
    assert!(
        c.find(Locator::Css("svg[aria-label='Rank acceptability']"))
            .await
            .is_ok()
    );
    shoot(&c, "decision").await;

    for page in ["tasks", "contacts", "opportunities", "market"] {
        c.goto(&format!("{base}/{page}")).await.expect(page);
        assert!(!text(&c, "h1").await.is_empty(), "{page}");
        shoot(&c, page).await;
    }
    // The market page: OEWS May 2025's national median for marketing managers (11-2021).
    assert!(text(&c, "#percentiles").await.contains("166,790"));
    assert!(
        text(&c, "main")
            .await
            .contains("sits near the 27th percentile")
    );

    // An opportunity moves along the board.
    c.goto(&format!("{base}/opportunities"))
        .await
        .expect("the board");
    choose(&c, "stage-3", "replied").await;
    click_through(&c, "#stage-3 ~ button").await;
    assert!(text(&c, ".notice").await.contains("Opportunity moved."));
    assert!(
        text(&c, "section[aria-label='replied']")
            .await
            .contains("#3")
    );

    // A record added, changed, and removed once the removal is confirmed: forms alone.
    c.goto(&format!("{base}/records/tasks"))
        .await
        .expect("the tasks' records");
    fill(&c, "name", "Hiring loops").await;
    fill(&c, "hours", "4").await;
    choose(&c, "energy", "-1").await;
    click_through(&c, "#add-heading ~ form button[type=submit]").await;
    assert!(text(&c, ".notice").await.contains("Added."));
    click_through(&c, "a[href='/records/tasks/edit?id=hiring-loops']").await;
    fill(&c, "hours", "3").await;
    submit(&c).await;
    assert!(text(&c, ".notice").await.contains("Saved."));
    assert!(
        text(&c, "main")
            .await
            .contains("Hiring loops (3 h a week, energy -1)")
    );
    let remove = "form[action='/records/tasks/remove'] input[value='hiring-loops'] ~ button";
    click_through(&c, remove).await;
    assert_eq!(text(&c, "h1").await, "Remove a task?");
    click_through(&c, "button.danger").await;
    assert!(text(&c, ".notice").await.contains("Removed."));
    assert!(!text(&c, "main").await.contains("Hiring loops"));

    // Readable on a phone.
    c.set_window_size(375, 900).await.expect("a phone's width");
    for page in ["", "records/options/edit?id=stay", "records/contacts"] {
        c.goto(&format!("{base}/{page}")).await.expect(page);
        let width: u64 = c
            .execute("return document.documentElement.scrollWidth", vec![])
            .await
            .expect("the page's width")
            .as_u64()
            .expect("a number");
        assert!(width <= 375, "/{page} scrolls sideways at 375 px: {width}");
        if page.is_empty() {
            shoot(&c, "dashboard-phone").await;
        }
    }
    c.close().await.expect("closed");
}
