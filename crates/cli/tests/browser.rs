//! The web UI end to end, in a real browser: `milemarker serve --demo` driven through headless
//! Chromium by chromedriver (Debian's `chromium` and `chromium-driver`; `scripts/test` installs
//! them). With MILEMARKER_SCREENSHOTS=DIR set, it also saves a screenshot of each main page there
//! (`scripts/screenshots` refreshes docs/screenshots/).
//!
//! Besides the tour of the demo: every page checked by axe-core (vendored by `scripts/fetch-axe`)
//! in light and dark mode and at a phone's width, forms filled and sent with the keyboard alone,
//! and a new person's first visit from an empty database to an export, with JavaScript off.
//!
//! What works with this Chromium (156, Debian's), found by trying: dark mode is emulated by
//! DevTools' `Emulation.setEmulatedMedia`, sent through chromedriver's `/goog/cdp/execute`, so one
//! browser checks both schemes without a reload; `--force-dark-mode` or
//! `--blink-settings=preferredColorScheme=0` at launch make `prefers-color-scheme: dark` match too,
//! for a whole session. A phone's width is `Emulation.setDeviceMetricsOverride`. JavaScript off is
//! Chromium's content setting (the pref `profile.managed_default_content_settings.javascript` = 2;
//! `--blink-settings=scriptEnabled=false` works as well): WebDriver's own scripts still run in such
//! a page, but axe-core never finishes there, as it waits on promises and timers.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

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
    serve_with(&["--demo"], None)
}

/// `milemarker serve` with `args` on a free port; with `home`, its settings and data homes are
/// under it.
fn serve_with(args: &[&str], home: Option<&std::path::Path>) -> (Running, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_milemarker"));
    if let Some(home) = home {
        command
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"));
    }
    let mut child = command
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
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

/// A Chromium driven by its own chromedriver, in a home of its own: Chromium writes beside its
/// profile too (crash reports, caches), and a home of its own keeps all of it out of the real
/// ~/.config and ~/.cache. Dropped, it stops the driver and removes the home.
struct Browser {
    c: Client,
    home: tempfile::TempDir,
    _driver: Running,
}

/// How a test's Chromium differs from the plain one.
#[derive(Default)]
struct Setup {
    /// Page scripts off (Chromium's content setting, as a person's browser would have it);
    /// WebDriver's own commands still run.
    no_javascript: bool,
}

impl Browser {
    async fn start(setup: Setup) -> Browser {
        let driver_port = free_port();
        let home = tempfile::tempdir().expect("a home for the browser");
        let driver = Running(
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
        wait_for(driver_port);
        let downloads = home.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("a downloads folder");
        let mut prefs = json!({
            "download.default_directory": downloads,
            "download.prompt_for_download": false,
        });
        if setup.no_javascript {
            prefs["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--hide-scrollbars", "--window-size=1100,1400",
                    format!("--user-data-dir={}", home.path().join("profile").display()),
                ],
                "prefs": prefs,
            }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a browser session");
        Browser {
            c,
            home,
            _driver: driver,
        }
    }

    fn downloads(&self) -> PathBuf {
        self.home.path().join("downloads")
    }

    /// Waits for the download named `name` to be complete, and reads it.
    async fn downloaded(&self, name: &str) -> String {
        let path = self.downloads().join(name);
        let start = Instant::now();
        loop {
            // Chromium writes a download under another name and renames it when it is whole.
            if let Ok(text) = std::fs::read_to_string(&path) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{name} was not downloaded"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// A Chrome DevTools command, through chromedriver's own endpoint for them.
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn cdp(c: &Client, cmd: &'static str, params: Value) {
    c.issue_cmd(Cdp(cmd, params))
        .await
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
}

/// Light or dark, as `prefers-color-scheme` tells the page.
async fn color_scheme(c: &Client, scheme: &str) {
    let features = json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
    cdp(c, "Emulation.setEmulatedMedia", features).await;
}

/// A phone's width (375 px) for the pages, or the window's own again.
async fn phone_width(c: &Client, on: bool) {
    if on {
        let phone = json!({ "width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": false });
        cdp(c, "Emulation.setDeviceMetricsOverride", phone).await;
    } else {
        cdp(c, "Emulation.clearDeviceMetricsOverride", json!({})).await;
    }
}

/// axe-core, vendored by scripts/fetch-axe (fixtures/axe/README.md says which and from where).
const AXE: &str = include_str!("fixtures/axe/axe.min.js");

/// The rules axe checks on every page: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best
/// practices (one main landmark, everything inside a landmark, headings in order, ...).
const AXE_TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// Loads axe-core into every page this browser opens from now on, before the page's own
/// content: sent once, not again for each page. Through DevTools, as WebDriver's own scripts,
/// it runs whatever the page's Content-Security-Policy says.
async fn preload_axe(c: &Client) {
    cdp(
        c,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": AXE }),
    )
    .await;
}

/// Runs axe on the page shown (`rules`, or every rule of [`AXE_TAGS`] when empty): each
/// violation as a line naming the rule and the elements.
async fn axe(c: &Client, rules: &[&str]) -> Vec<String> {
    // Through WebDriver, the script runs whatever the page's Content-Security-Policy says (the
    // pages allow no script, but /start its own); `the_pages_allow_no_script` checks that.
    let loaded = c
        .execute("return typeof axe", vec![])
        .await
        .expect("a script");
    if loaded != json!("object") {
        c.execute(AXE, vec![]).await.expect("axe-core loads");
    }
    let run = r#"
        const [tags, rules, done] = arguments;
        const only = rules.length ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
        axe.run(document, { runOnly: only, resultTypes: ['violations'] }).then(
            r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ` + v.nodes.map(
                n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\s+/g, ' ') + ']'
            ).join('; '))),
            e => done(['axe failed: ' + e]));
    "#;
    let found = c
        .execute_async(run, vec![json!(AXE_TAGS), json!(rules)])
        .await
        .expect("axe runs");
    serde_json::from_value(found).expect("violations")
}

/// Checks the page shown as different people meet it: every axe rule in light mode, contrast
/// again in dark mode (`prefers-color-scheme: dark`, emulated through DevTools), and no sideways
/// scrolling at a phone's width (375 px). Returns what is wrong, each line naming `page`.
async fn check_page(c: &Client, page: &str) -> Vec<String> {
    let mut wrong: Vec<String> = axe(c, &[])
        .await
        .into_iter()
        .map(|v| format!("{page} (light): {v}"))
        .collect();
    // axe no longer checks that ids are unique, but a label names the first field with its
    // `for` id only: a second field of that id has no name.
    let twice = c
        .execute(
            "const ids = [...document.querySelectorAll('[id]')].map(e => e.id); \
             return ids.filter((id, i) => ids.indexOf(id) !== i)",
            vec![],
        )
        .await
        .expect("the ids");
    if twice != json!([]) {
        wrong.push(format!("{page}: ids used twice: {twice}"));
    }
    color_scheme(c, "dark").await;
    let dark = c
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .await
        .expect("a script");
    assert_eq!(dark, json!(true), "{page}: dark mode emulated");
    wrong.extend(
        axe(c, &["color-contrast"])
            .await
            .into_iter()
            .map(|v| format!("{page} (dark): {v}")),
    );
    color_scheme(c, "light").await;
    phone_width(c, true).await;
    let width = c
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .expect("the page's width");
    if width.as_u64().is_none_or(|w| w > 375) {
        wrong.push(format!(
            "{page}: scrolls sideways at 375 px ({width} px wide)"
        ));
    }
    phone_width(c, false).await;
    wrong
}

/// Presses `key` wherever the focus is, as a person at a keyboard would.
async fn press(c: &Client, key: Key) {
    let k: char = key.into();
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: k })
        .then(KeyAction::Up { value: k });
    c.perform_actions(keys).await.expect("a key pressed");
}

/// Types `text` wherever the focus is.
async fn type_text(c: &Client, text: &str) {
    let mut keys = KeyActions::new("keyboard".into());
    for k in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    c.perform_actions(keys).await.expect("typed");
}

/// The focused element: its id (or its tag and text when it has none), and whether its focus
/// is drawn (an outline of 2 px or more).
async fn focused(c: &Client) -> (String, bool) {
    let script = r#"
        const e = document.activeElement;
        const s = getComputedStyle(e);
        const name = e.id || (e.tagName.toLowerCase() + ':' + (e.textContent || '').trim());
        return [name, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2];
    "#;
    let v = c.execute(script, vec![]).await.expect("the focus");
    (
        v[0].as_str().expect("a name").to_string(),
        v[1].as_bool().expect("drawn or not"),
    )
}

/// Presses Tab until the focus is on `target`, at most `most` times; returns every element the
/// focus passed, `target` last. Each must show its focus.
async fn tab_to(c: &Client, target: &str, most: usize) -> Vec<String> {
    let mut passed = Vec::new();
    for _ in 0..most {
        press(c, Key::Tab).await;
        let (name, drawn) = focused(c).await;
        assert!(drawn, "{name} does not show its focus; passed {passed:?}");
        passed.push(name.clone());
        if name == target {
            return passed;
        }
    }
    panic!("{target} not reached in {most} presses of Tab: {passed:?}")
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
    replaced(&page, css).await;
}

/// Waits until `page` (its `html` element) is gone, the next page in its place.
async fn replaced(page: &fantoccini::elements::Element, after: &str) {
    let start = Instant::now();
    while page.tag_name().await.is_ok() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{after}: the next page did not come"
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
    let (_server, base) = serve();
    let b = Browser::start(Setup::default()).await;
    let c = &b.c;

    // The dashboard: the person, the markers that fired with evidence, the hours chart.
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    assert_eq!(
        text(c, "h1").await,
        "Review for Alex Morgan, as of 2026-10-28"
    );
    assert!(
        text(c, ".lead")
            .await
            .contains("8 of 10 mile markers fired")
    );
    // Each marker on one line, the fired first; its evidence a click away.
    let markers = text(c, "ul.markers").await;
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
    let markers = text(c, "ul.markers").await;
    assert!(
        markers.contains("your total pay: 126,000")
            && markers.contains("BLS OEWS May 2025, Marketing Managers (11-2021)"),
        "the evidence, naming the data set: {markers}"
    );
    let before = hours_chart(c).await;
    assert!(before.contains("2026-W43: 55 h"), "{before}");
    shoot(c, "dashboard").await;

    // A check-in for last week through the form: the chart changes.
    c.goto(&format!("{base}/checkin?week=2026-W43"))
        .await
        .expect("the check-in form");
    shoot(c, "checkin").await;
    fill(c, "hours", "38").await;
    fill(c, "energy", "4").await;
    submit(c).await;
    assert_eq!(text(c, ".notice").await, "Check-in saved.");
    let after = hours_chart(c).await;
    assert_ne!(before, after);
    assert!(after.contains("2026-W43: 38 h"), "{after}");

    // A bad form: the error shows beside its field, and nothing is saved.
    c.goto(&format!("{base}/checkin")).await.expect("the form");
    fill(c, "hours", "500").await;
    fill(c, "energy", "9").await;
    submit(c).await;
    assert_eq!(
        text(c, "#hours-error").await,
        "500 is out of range: give 0 to 168"
    );
    assert_eq!(
        text(c, "#energy-error").await,
        "9 is out of range: give 1 to 5"
    );
    let hours = c.find(Locator::Id("hours")).await.expect("the field");
    assert_eq!(
        hours.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    assert!(text(c, "[role=alert]").await.contains("Nothing was saved"));
    shoot(c, "checkin-error").await;
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    assert!(hours_chart(c).await.contains("2026-W43: 38 h"));

    // A win, logged and listed.
    c.goto(&format!("{base}/wins"))
        .await
        .expect("the wins page");
    fill(c, "title", "Presented the Q4 plan to the board").await;
    fill(c, "impact", "Budget approved, 12% up").await;
    choose(c, "visibility", "company").await;
    submit(c).await;
    assert!(text(c, ".notice").await.starts_with("Win #"));
    let wins = text(c, "#wins").await;
    assert!(
        wins.contains("Presented the Q4 plan to the board"),
        "{wins}"
    );
    assert!(wins.contains("the company"));
    shoot(c, "wins").await;

    // A decision, by another method.
    c.goto(&format!("{base}/decision"))
        .await
        .expect("the decision");
    choose(c, "method", "topsis").await;
    submit(c).await;
    assert!(
        c.current_url()
            .await
            .expect("url")
            .as_str()
            .ends_with("method=topsis")
    );
    assert!(
        text(c, "main")
            .await
            .contains("TOPSIS: closeness to the ideal option")
    );
    let ranking = text(c, "#ranking").await;
    assert!(
        ranking.contains("Part-time communications lead"),
        "{ranking}"
    );
    assert!(
        text(c, "#excluded")
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
    shoot(c, "decision").await;

    for page in ["tasks", "contacts", "opportunities", "market"] {
        c.goto(&format!("{base}/{page}")).await.expect(page);
        assert!(!text(c, "h1").await.is_empty(), "{page}");
        shoot(c, page).await;
    }
    // The market page: OEWS May 2025's national median for marketing managers (11-2021).
    assert!(text(c, "#percentiles").await.contains("166,790"));
    assert!(
        text(c, "main")
            .await
            .contains("sits near the 27th percentile")
    );

    // An opportunity moves along the board.
    c.goto(&format!("{base}/opportunities"))
        .await
        .expect("the board");
    choose(c, "stage-3", "replied").await;
    click_through(c, "#stage-3 ~ button").await;
    assert!(text(c, ".notice").await.contains("Opportunity moved."));
    assert!(
        text(c, "section[aria-label='replied']")
            .await
            .contains("#3")
    );

    // A record added, changed, and removed once the removal is confirmed: forms alone.
    c.goto(&format!("{base}/records/tasks"))
        .await
        .expect("the tasks' records");
    fill(c, "name", "Hiring loops").await;
    fill(c, "hours", "4").await;
    choose(c, "energy", "-1").await;
    click_through(c, "#add-heading ~ form button[type=submit]").await;
    assert!(text(c, ".notice").await.contains("Added."));
    click_through(c, "a[href='/records/tasks/edit?id=hiring-loops']").await;
    fill(c, "hours", "3").await;
    submit(c).await;
    assert!(text(c, ".notice").await.contains("Saved."));
    assert!(
        text(c, "main")
            .await
            .contains("Hiring loops (3 h a week, energy -1)")
    );
    let remove = "form[action='/records/tasks/remove'] input[value='hiring-loops'] ~ button";
    click_through(c, remove).await;
    assert_eq!(text(c, "h1").await, "Remove a task?");
    click_through(c, "button.danger").await;
    assert!(text(c, ".notice").await.contains("Removed."));
    assert!(!text(c, "main").await.contains("Hiring loops"));

    // Readable on a phone (a headless window is at least 500 px wide, so the phone's width is
    // emulated), in light and in dark.
    phone_width(c, true).await;
    for page in ["", "records/options/edit?id=stay", "records/contacts"] {
        c.goto(&format!("{base}/{page}")).await.expect(page);
        let width: u64 = c
            .execute("return document.documentElement.scrollWidth", vec![])
            .await
            .expect("the page's width")
            .as_u64()
            .expect("a number");
        assert!(width <= 375, "/{page} scrolls sideways at 375 px: {width}");
    }
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    shoot(c, "dashboard-phone").await;
    color_scheme(c, "dark").await;
    shoot(c, "dashboard-phone-dark").await;
    c.goto(&format!("{base}/checkin"))
        .await
        .expect("the check-in");
    shoot(c, "checkin-phone-dark").await;
    phone_width(c, false).await;
    for page in ["", "decision"] {
        c.goto(&format!("{base}/{page}")).await.expect(page);
        shoot(
            c,
            &format!("{}-dark", if page.is_empty() { "dashboard" } else { page }),
        )
        .await;
    }
    color_scheme(c, "light").await;
    b.c.clone().close().await.expect("closed");
}

/// The addresses of the links in the page shown that match `css`, in page order, each once.
async fn links(c: &Client, css: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for a in c.find_all(Locator::Css(css)).await.expect(css) {
        let href = a.attr("href").await.expect("href").expect("an address");
        if !found.contains(&href) {
            found.push(href);
        }
    }
    found
}

#[tokio::test]
async fn every_page_passes_axe_in_light_and_dark_and_on_a_phone() {
    let (_server, base) = serve();
    let b = Browser::start(Setup::default()).await;
    let c = &b.c;
    preload_axe(c).await;
    let mut wrong = Vec::new();
    let checked = std::cell::Cell::new(0);
    let visit = async |c: &Client, page: &str| {
        c.goto(&format!("{base}{page}")).await.expect(page);
        checked.set(checked.get() + 1);
        check_page(c, page).await
    };

    // The pages in the navigation, the guided start, and a page that is not there.
    for page in [
        "/",
        "/checkin",
        "/wins",
        "/tasks",
        "/contacts",
        "/opportunities",
        "/market",
        "/start",
        "/nowhere",
    ] {
        wrong.extend(visit(c, page).await);
    }
    // The decision by every method it offers.
    wrong.extend(visit(c, "/decision").await);
    let mut methods = Vec::new();
    for option in c
        .find_all(Locator::Css("#method option"))
        .await
        .expect("the methods")
    {
        methods.push(option.attr("value").await.expect("value").expect("a value"));
    }
    assert!(methods.len() >= 4, "{methods:?}");
    for method in methods {
        wrong.extend(visit(c, &format!("/decision?method={method}")).await);
    }
    // A form sent wrong: the errors beside their fields.
    c.goto(&format!("{base}/checkin")).await.expect("the form");
    fill(c, "hours", "500").await;
    submit(c).await;
    checked.set(checked.get() + 1);
    wrong.extend(check_page(c, "/checkin (refused)").await);

    // The records: the index, each kind's list with its add form, the first record's edit
    // page, and the page that asks before a removal.
    wrong.extend(visit(c, "/records").await);
    let kinds = links(c, "main a[href^='/records/']").await;
    assert!(kinds.len() >= 10, "{kinds:?}");
    for kind in kinds {
        wrong.extend(visit(c, &kind).await);
        if let Some(edit) = links(c, "main a[href*='/edit?id=']").await.first() {
            wrong.extend(visit(c, edit).await);
        }
        c.goto(&format!("{base}{kind}")).await.expect(&kind);
        let remove = "main ul.rows form[action$='/remove'] button";
        if c.find(Locator::Css(remove)).await.is_ok() {
            click_through(c, remove).await;
            checked.set(checked.get() + 1);
            wrong.extend(check_page(c, &format!("{kind} (remove?)")).await);
        }
    }

    // The downloads: the review as one page is a page too, opened from the file.
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    c.find(Locator::Css("a[href='/review.html']"))
        .await
        .expect("the review's link")
        .click()
        .await
        .expect("downloads");
    b.downloaded("review.html").await;
    let file = format!("file://{}", b.downloads().join("review.html").display());
    c.goto(&file).await.expect("the downloaded review");
    checked.set(checked.get() + 1);
    wrong.extend(check_page(c, "review.html").await);

    assert!(
        wrong.is_empty(),
        "{} problems on {} pages:\n{}",
        wrong.len(),
        checked.get(),
        wrong.join("\n")
    );
    eprintln!("axe: {} pages, light, dark and 375 px", checked.get());
    b.c.clone().close().await.expect("closed");
}

/// The pages allow no script (CSP `default-src 'none'`; /start only its own, checked with the drag):
/// axe-core runs in them only because WebDriver's scripts are not the page's.
#[tokio::test]
async fn the_pages_allow_no_script() {
    let (_server, base) = serve();
    let b = Browser::start(Setup::default()).await;
    let c = &b.c;
    c.goto(&format!("{base}/checkin")).await.expect("a page");
    assert!(!inline_script_runs(c).await);
    assert!(axe(c, &["label"]).await.is_empty());
    b.c.clone().close().await.expect("closed");
}

/// Whether a script the page did not send, put in it, runs.
async fn inline_script_runs(c: &Client) -> bool {
    let tried = r#"
        const s = document.createElement('script');
        s.textContent = 'document.body.dataset.ran = "yes"';
        document.body.appendChild(s);
        return document.body.dataset.ran || 'no';
    "#;
    c.execute(tried, vec![]).await.expect("ran") == json!("yes")
}

/// The values in the order /start lists them.
async fn ranked(c: &Client) -> Vec<String> {
    let listed = c
        .execute(
            "return Array.from(document.querySelectorAll('ol.order li')).map(li => li.dataset.value)",
            vec![],
        )
        .await
        .expect("the order");
    serde_json::from_value(listed).expect("names")
}

/// /start may run one script, its own: drag to rank. A value dropped on the first takes its place
/// (the drag's events are dispatched as a person's drag makes them: WebDriver's pointer actions
/// start no HTML drag in Chromium). A script the page did not send still does not run there.
#[tokio::test]
async fn values_are_ranked_by_dragging_on_the_start_page() {
    let (_server, base) = serve();
    let b = Browser::start(Setup::default()).await;
    let c = &b.c;
    c.goto(&format!("{base}/start")).await.expect("a page");
    let hint = "return document.getElementById('order-drag').hidden";
    assert_eq!(c.execute(hint, vec![]).await.expect("ran"), json!(false));
    let before = ranked(c).await;
    assert!(before.len() > 2, "{before:?}");
    let page = c.find(Locator::Css("html")).await.expect("the page");
    let drag = r#"
        const items = document.querySelectorAll('ol.order li');
        const [from, to] = [items[items.length - 1], items[0]];
        const carried = new DataTransfer();
        const fire = (at, type) => at.dispatchEvent(new DragEvent(type,
            { bubbles: true, cancelable: true, dataTransfer: carried }));
        fire(from, 'dragstart');
        fire(to, 'dragover');
        fire(to, 'drop');
    "#;
    c.execute(drag, vec![]).await.expect("dragged");
    replaced(&page, "the drop").await;
    let after = ranked(c).await;
    let mut moved = before.clone();
    moved.rotate_right(1);
    assert_eq!(
        after, moved,
        "the last is now first, the rest in their order"
    );
    assert!(!inline_script_runs(c).await);
    assert!(axe(c, &[]).await.is_empty());
    b.c.clone().close().await.expect("closed");
}

/// Holds `modifier` down while pressing `key`.
async fn chord(c: &Client, modifier: Key, key: char) {
    let m: char = modifier.into();
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: m })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: m });
    c.perform_actions(keys).await.expect("a chord pressed");
}

/// Replaces what the focused field holds with `text`, from the keyboard.
async fn retype(c: &Client, text: &str) {
    chord(c, Key::Control, 'a').await;
    press(c, Key::Backspace).await;
    type_text(c, text).await;
}

/// The focus reaches the page past the navigation by the skip link: Tab to it, Enter on it.
async fn skip_to_page(c: &Client) {
    let first = tab_to(c, "a:Skip to the page", 1).await;
    assert_eq!(first, ["a:Skip to the page"]);
    let shown = c
        .execute(
            "const r = document.activeElement.getBoundingClientRect(); \
             return r.left >= 0 && r.top >= 0 && r.width > 0",
            vec![],
        )
        .await
        .expect("its place");
    assert_eq!(shown, json!(true), "the skip link shows when focused");
    press(c, Key::Enter).await;
}

#[tokio::test]
async fn forms_work_from_the_keyboard_alone() {
    let (_server, base) = serve();
    let b = Browser::start(Setup::default()).await;
    let c = &b.c;

    // The check-in: past the navigation, every field in order, then the button; sent by Space.
    c.goto(&format!("{base}/checkin?week=2026-W44"))
        .await
        .expect("the check-in");
    skip_to_page(c).await;
    let fields = [
        ("week", "2026-W44"),
        ("hours", "41"),
        ("weekend_days", "1"),
        ("evenings", "2"),
        ("energy", "3"),
        ("satisfaction", "4"),
        ("note", "Typed without a mouse"),
    ];
    let mut order = Vec::new();
    for (id, value) in fields {
        order.extend(tab_to(c, id, 1).await);
        retype(c, value).await;
    }
    order.extend(tab_to(c, "button:Save the check-in", 1).await);
    assert_eq!(
        order,
        [
            "week",
            "hours",
            "weekend_days",
            "evenings",
            "energy",
            "satisfaction",
            "note",
            "button:Save the check-in"
        ]
    );
    press(c, Key::Space).await;
    assert_eq!(text(c, ".notice").await, "Check-in saved.");
    c.goto(&format!("{base}/checkin"))
        .await
        .expect("the check-ins");
    let row = text(c, "tbody tr:first-child").await;
    assert!(
        row.contains("2026-W44") && row.contains("41") && row.contains("Typed without a mouse"),
        "{row}"
    );

    // A record added: the link to the form, its fields (a select moved by the arrow keys, a
    // box ticked by Space), sent by Enter.
    c.goto(&format!("{base}/records/tasks"))
        .await
        .expect("the tasks");
    skip_to_page(c).await;
    tab_to(c, "a:Add a task", 3).await;
    press(c, Key::Enter).await;
    let mut order = tab_to(c, "name", 1).await;
    type_text(c, "Vendor calls").await;
    order.extend(tab_to(c, "hours", 1).await);
    type_text(c, "2").await;
    order.extend(tab_to(c, "energy", 1).await);
    press(c, Key::Up).await; // from "neither (0)" to "drains me (-1)"
    order.extend(tab_to(c, "fit", 1).await);
    press(c, Key::Down).await; // from 3 to 4
    order.extend(tab_to(c, "delegable", 1).await);
    press(c, Key::Space).await;
    order.extend(tab_to(c, "button:Add", 1).await);
    assert_eq!(
        order,
        ["name", "hours", "energy", "fit", "delegable", "button:Add"]
    );
    press(c, Key::Enter).await;
    assert!(text(c, ".notice").await.contains("Added."));
    c.goto(&format!("{base}/records/tasks/edit?id=vendor-calls"))
        .await
        .expect("the task");
    for (id, value) in [
        ("name", "Vendor calls"),
        ("hours", "2"),
        ("energy", "-1"),
        ("fit", "4"),
    ] {
        let field = c.find(Locator::Id(id)).await.expect(id);
        assert_eq!(
            field.prop("value").await.expect("value").as_deref(),
            Some(value)
        );
    }
    let ticked = c.find(Locator::Id("delegable")).await.expect("the box");
    assert_eq!(
        ticked.prop("checked").await.expect("checked").as_deref(),
        Some("true")
    );
    b.c.clone().close().await.expect("closed");
}

/// Fills the form that posts to `action`: each (field name, value), typed or chosen. Returns
/// how many characters were typed, for the estimate of a person's time.
async fn fill_form(c: &Client, action: &str, fields: &[(&str, &str)]) -> usize {
    let mut typed = 0;
    for (name, value) in fields {
        let css = format!("form[action='{action}'] [name='{name}']");
        let field = c
            .find(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        if field.tag_name().await.expect("a tag") == "select" {
            field
                .select_by_value(value)
                .await
                .unwrap_or_else(|e| panic!("{css} = {value}: {e}"));
        } else {
            field.clear().await.expect("clear");
            field.send_keys(value).await.expect("type");
            typed += value.chars().count();
        }
    }
    typed
}

/// One step of the walk: its name, how long the browser took, and what a person would type.
struct Step {
    name: &'static str,
    took: Duration,
    fields: usize,
    typed: usize,
}

/// A new person's first visit (issue 21 item 7), in a browser with JavaScript off: from an
/// empty database through the guided start to a decision, a check-in, a win and a downloaded
/// export; then the CLI reads the same records from the same database. Each page on the way
/// passes axe too (outside the timed steps). Prints how long each step took.
#[tokio::test]
async fn a_new_person_from_an_empty_database_to_an_export() {
    let home = tempfile::tempdir().expect("a home");
    let db = home.path().join("milemarker.db");
    let config = home.path().join("config.toml");
    let db_arg = db.to_str().expect("a path");
    let config_arg = config.to_str().expect("a path");
    let (_server, base) = serve_with(&["--db", db_arg, "--config", config_arg], Some(home.path()));
    // The person's browser has JavaScript off. axe-core needs it on (its checks wait on
    // promises and timers, which Chromium does not run in a page whose scripts are off), so a
    // second browser opens each page the person reaches and checks it there.
    let (b, checker) = tokio::join!(
        Browser::start(Setup {
            no_javascript: true
        }),
        Browser::start(Setup::default())
    );
    let c = &b.c;
    preload_axe(&checker.c).await;
    let check = async |name: &str| {
        let url = c.current_url().await.expect("the page's address");
        checker.c.goto(url.as_str()).await.expect("the same page");
        check_page(&checker.c, name).await
    };

    // JavaScript is off: a page's own script does not run.
    c.goto("data:text/html,<title>off</title><script>document.title='on'</script>")
        .await
        .expect("a page with a script");
    assert_eq!(c.title().await.expect("the title"), "off");

    let mut steps: Vec<Step> = Vec::new();
    let mut wrong = Vec::new();
    let mut timed = async |name: &'static str, fields: usize, typed: usize, start: Instant| {
        steps.push(Step {
            name,
            took: start.elapsed(),
            fields,
            typed,
        });
    };
    let walk = Instant::now();

    // Nothing recorded: the dashboard sends a new person to the guided start.
    let t = Instant::now();
    c.goto(&format!("{base}/")).await.expect("the dashboard");
    assert!(text(c, ".notice").await.starts_with("New here?"));
    timed("open the dashboard", 0, 0, t).await;
    wrong.extend(check("/ (empty)").await);
    let t = Instant::now();
    click_through(c, ".notice a[href='/start']").await;
    assert_eq!(text(c, "main h1").await, "Begin");
    timed("to the start", 0, 0, t).await;
    shoot(c, "start").await;
    wrong.extend(check("/start (empty)").await);

    let t = Instant::now();
    let profile = [
        ("name", "Sam Rivera"),
        ("level", "charge nurse"),
        ("occupation", "registered nurse"),
        ("area", "Ohio"),
        ("pay", "82000"),
        ("boundary", "40"),
    ];
    let typed = fill_form(c, "/start/profile", &profile).await;
    click_through(c, "form[action='/start/profile'] button").await;
    assert_eq!(text(c, "main h1").await, "Begin");
    timed("1. who you are", profile.len(), typed, t).await;
    wrong.extend(check("/start (profile saved)").await);

    let t = Instant::now();
    let values = [
        ("value1", "family time"),
        ("value2", "pay"),
        ("value3", "growth"),
    ];
    let typed = fill_form(c, "/start/values", &values).await;
    click_through(c, "form[action='/start/values'] button").await;
    timed("2. what matters", values.len(), typed, t).await;
    wrong.extend(check("/start (values saved)").await);

    let t = Instant::now();
    let rules = [("rule1", "family time >= 5")];
    let typed = fill_form(c, "/start/rules", &rules).await;
    click_through(c, "form[action='/start/rules'] button").await;
    timed("3. deal-breakers", rules.len(), typed, t).await;
    wrong.extend(check("/start (deal-breakers saved)").await);

    let paths: [&[(&str, &str)]; 3] = [
        &[
            ("name", "Stay as charge nurse"),
            ("kind", "stay"),
            ("hours", "44"),
            ("score1", "5"),
            ("score2", "6"),
            ("score3", "4"),
        ],
        &[
            ("name", "Clinical educator at Riverside"),
            ("kind", "lateral"),
            ("hours", "40"),
            ("score1", "8"),
            ("score2", "5"),
            ("score3", "7"),
        ],
        &[
            ("name", "Nurse manager"),
            ("kind", "promotion"),
            ("hours", "55"),
            ("score1", "3"),
            ("score2", "8"),
            ("score3", "8"),
        ],
    ];
    for (i, path) in paths.into_iter().enumerate() {
        let t = Instant::now();
        let typed = fill_form(c, "/start/path", path).await;
        click_through(c, "form[action='/start/path'] button").await;
        assert!(text(c, "#paths-heading + ul").await.contains(path[0].1));
        timed(
            ["4. a path: stay", "4. a path: sideways", "4. a path: up"][i],
            path.len(),
            typed,
            t,
        )
        .await;
        wrong.extend(check(&format!("/start (path {} added)", i + 1)).await);
    }

    // The decision, from the start's last step.
    let t = Instant::now();
    click_through(c, "a[href='/decision']").await;
    let ranking = text(c, "#ranking").await;
    let excluded = text(c, "#excluded").await;
    timed("5. the decision", 0, 0, t).await;
    assert!(
        ranking.contains("Clinical educator at Riverside"),
        "{ranking}"
    );
    assert!(excluded.contains("Nurse manager"), "{excluded}");
    let first_to_decision = walk.elapsed();
    wrong.extend(check("/decision (a new person's)").await);

    // The week's check-in, from the navigation.
    let t = Instant::now();
    click_through(c, "nav a[href='/checkin']").await;
    let checkin = [
        ("hours", "44"),
        ("weekend_days", "1"),
        ("evenings", "2"),
        ("energy", "3"),
        ("satisfaction", "4"),
        ("note", "Covered two night shifts"),
    ];
    let typed = fill_form(c, "/checkin", &checkin).await;
    submit(c).await;
    assert_eq!(text(c, ".notice").await, "Check-in saved.");
    timed("a check-in", checkin.len(), typed, t).await;
    wrong.extend(check("/ (after a check-in)").await);

    let t = Instant::now();
    click_through(c, "nav a[href='/wins']").await;
    let win = [
        ("title", "Precepted three new graduate nurses"),
        ("impact", "All three passed orientation two weeks early"),
        ("visibility", "company"),
    ];
    let typed = fill_form(c, "/wins", &win).await;
    submit(c).await;
    assert!(text(c, ".notice").await.starts_with("Win #"));
    timed("a win", win.len(), typed, t).await;
    wrong.extend(check("/wins (a new person's)").await);

    // Contacts from an address book: a vCard file picked in the Files page's form.
    let t = Instant::now();
    let cards = home.path().join("colleagues.vcf");
    std::fs::write(
        &cards,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Okafor\r\nN:Okafor;Dana;;;\r\nORG:Riverside Health\r\n\
         EMAIL:dana@example.org\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lee Moreau\r\n\
         TEL;TYPE=cell:+1 555 0100\r\nEND:VCARD\r\n",
    )
    .expect("the vCard is written");
    click_through(c, "nav a[href='/files']").await;
    c.find(Locator::Id("contacts-file"))
        .await
        .expect("the vCard field")
        .send_keys(&cards.display().to_string())
        .await
        .expect("the file is picked");
    shoot(c, "files").await;
    click_through(c, "form[action='/files/contacts'] button").await;
    click_through(c, "nav a[href='/contacts']").await;
    assert!(text(c, "main").await.contains("2 contacts in all"));
    // Nobody is due yet: the records list holds them all.
    click_through(c, "main a[href='/records/contacts']").await;
    shoot(c, "records-contacts").await;
    let listed = text(c, "main").await;
    assert!(
        listed.contains("Dana Okafor") && listed.contains("Lee Moreau"),
        "{listed}"
    );
    timed("contacts from a vCard", 1, 0, t).await;
    wrong.extend(check("/contacts (after a vCard)").await);

    let t = Instant::now();
    click_through(c, "nav a[href='/']").await;
    c.find(Locator::Css("a[href='/export.json']"))
        .await
        .expect("the export's link")
        .click()
        .await
        .expect("downloads");
    let downloaded = b.downloaded("milemarker-export.json").await;
    timed("the export, downloaded", 0, 0, t).await;
    let total = walk.elapsed();

    // The CLI reads the same records from the same database.
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_milemarker"))
            .args(["--db", db_arg, "--config", config_arg])
            .args(args)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("MILEMARKER_TODAY", "2026-10-28")
            .env("NO_COLOR", "1")
            .output()
            .expect("milemarker runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let exported: Value = serde_json::from_str(&cli(&["export", "-"])).expect("JSON");
    let browsed: Value = serde_json::from_str(&downloaded).expect("JSON");
    assert_eq!(
        exported, browsed,
        "the CLI's export and the browser's download"
    );
    // What was typed, as the records hold it: the occupation and the area as the codes the
    // words found (O*NET 29-1141.00, registered nurses; Ohio's OEWS area).
    let profile_held = &exported["profile"];
    assert_eq!(profile_held["name"], "Sam Rivera");
    assert_eq!(profile_held["level"], "charge nurse");
    assert_eq!(profile_held["occupation"], "29-1141.00");
    assert_eq!(profile_held["area"], "3900000");
    assert_eq!(profile_held["pay"], 82000.0);
    assert_eq!(profile_held["boundary_hours"], 40.0);
    let ids: Vec<&Value> = exported["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| &v["id"])
        .collect();
    assert_eq!(
        ids,
        [&json!("family-time"), &json!("pay"), &json!("growth")]
    );
    let rule = &exported["dealbreakers"][0];
    assert_eq!(
        (&rule["attribute"], &rule["op"], &rule["value"]),
        (&json!("family-time"), &json!(">="), &json!(5.0))
    );
    let options = exported["options"].as_array().expect("options");
    assert_eq!(options.len(), paths.len());
    for (held, typed) in options.iter().zip(paths) {
        assert_eq!(held["name"], typed[0].1);
        assert_eq!(held["kind"], typed[1].1);
        let hours: f64 = typed[2].1.parse().expect("hours");
        assert_eq!(held["attributes"]["hours_per_week"], hours);
        for (value, score) in ["family-time", "pay", "growth"].iter().zip(&typed[3..]) {
            let score: f64 = score.1.parse().expect("a score");
            assert_eq!(held["scores"][value], score, "{}: {value}", typed[0].1);
        }
    }
    let week = &exported["checkins"][0];
    assert_eq!(exported["checkins"].as_array().map(Vec::len), Some(1));
    for (field, typed) in &checkin[..5] {
        let n: f64 = typed.parse().expect("a number");
        assert_eq!(week[field].as_f64(), Some(n), "{field}");
    }
    assert_eq!(week["note"], "Covered two night shifts");
    let logged = &exported["achievements"][0];
    assert_eq!(logged["title"], win[0].1);
    assert_eq!(logged["impact"], win[1].1);
    assert_eq!(logged["visibility"], win[2].1);
    let names: Vec<&Value> = exported["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .map(|c| &c["name"])
        .collect();
    assert_eq!(names, [&json!("Dana Okafor"), &json!("Lee Moreau")]);
    let wins = cli(&["win", "list"]);
    assert!(
        wins.contains("Precepted three new graduate nurses"),
        "{wins}"
    );
    let hours = cli(&["hours"]);
    assert!(hours.contains("44"), "{hours}");
    let decided = cli(&["decide"]);
    let top = decided
        .lines()
        .skip_while(|l| *l != "Ranking")
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap_or_else(|| panic!("the first in the ranking: {decided}"));
    assert!(
        top.contains("Clinical educator"),
        "the same winner: {decided}"
    );

    // The durations, printed whatever the test harness captures.
    let mut report =
        String::from("\nA new person's first visit, in the browser (JavaScript off):\n");
    let (mut fields, mut typed) = (0, 0);
    for s in &steps {
        report += &format!(
            "  {:<26} {:>6} ms  ({} fields, {} characters typed)\n",
            s.name,
            s.took.as_millis(),
            s.fields,
            s.typed
        );
        fields += s.fields;
        typed += s.typed;
    }
    report += &format!(
        "  to the first decision: {} ms; the whole walk: {} ms (both with the axe checks), {} ms without\n  \
         {fields} fields, {typed} characters typed\n",
        first_to_decision.as_millis(),
        total.as_millis(),
        steps.iter().map(|s| s.took).sum::<Duration>().as_millis(),
    );
    let decided_at = 1 + steps
        .iter()
        .position(|s| s.name == "5. the decision")
        .expect("the decision's step");
    let to_decision = &steps[..decided_at];
    let browser_to_decision: Duration = to_decision.iter().map(|s| s.took).sum();
    let fields_to_decision: usize = to_decision.iter().map(|s| s.fields).sum();
    let typed_to_decision: usize = to_decision.iter().map(|s| s.typed).sum();
    // A person is slower than the browser: 40 words a minute (200 characters) to type, 10 s to
    // think of each field's answer (a score from 1 to 10 takes thought), and a minute to read
    // the start page's instructions.
    let person = browser_to_decision.as_secs_f64()
        + typed_to_decision as f64 / (200.0 / 60.0)
        + fields_to_decision as f64 * 10.0
        + 60.0;
    report += &format!(
        "  a person to the first decision: about {:.1} min ({:.1} s in the browser, {typed_to_decision} \
         characters at 40 words a minute, {fields_to_decision} fields at 10 s of thought each, a \
         minute's reading)\n",
        person / 60.0,
        browser_to_decision.as_secs_f64(),
    );
    use std::io::Write as _;
    let _ = std::io::stderr().write_all(report.as_bytes());

    assert!(
        wrong.is_empty(),
        "{} problems:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    b.c.clone().close().await.expect("closed");
}
