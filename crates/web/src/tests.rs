//! The server through its router, with the person's records in memory: forms, tokens, hosts,
//! escaping and the dashboard's cache. The browser tests (crates/cli/tests/browser.rs) drive the
//! real binary.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jiff::civil::{Date, date};
use milemarker_app::records::Db;
use milemarker_app::session::{Clock, Session};
use milemarker_app::settings::Settings;
use milemarker_core::career::Snapshot;
use milemarker_core::example;
use tower::ServiceExt;

use crate::routes::{router, test_app};
use crate::state::Shared;

const TODAY: Date = date(2026, 10, 28);

/// The person's records in a temporary SQLite database, served by the real application layer.
/// The test reads and writes them through a connection of its own, as the CLI would.
struct Shelf {
    _dir: tempfile::TempDir,
    path: PathBuf,
    /// The records as the test began.
    initial: Snapshot,
}

/// Runs `job` on a thread of its own: the database's calls block, which an async test's runtime
/// does not allow.
fn blocking<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(job)
        .join()
        .expect("the job does not panic")
}

impl Shelf {
    fn new(person: Snapshot) -> Shelf {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.db");
        let initial = blocking({
            let path = path.clone();
            move || {
                let mut db = Db::open(&path).unwrap();
                db.save(&person).unwrap();
                db.load().unwrap()
            }
        });
        Shelf {
            _dir: dir,
            path,
            initial,
        }
    }

    fn session(&self) -> Session {
        let path = self.path.clone();
        blocking(move || {
            let settings = Settings {
                path: PathBuf::from("config.toml"),
                file_exists: false,
                thresholds: Default::default(),
            };
            Session::new(Db::open(&path).unwrap(), settings, Clock::Fixed(TODAY))
        })
    }

    fn snapshot(&self) -> Snapshot {
        let path = self.path.clone();
        blocking(move || Db::open(&path).unwrap().load().unwrap())
    }

    /// Whether nothing was written since the test began.
    fn unchanged(&self) -> bool {
        self.snapshot() == self.initial
    }

    /// A change made elsewhere (the CLI, another tab).
    fn edit(&self, change: impl FnOnce(&mut Snapshot) + Send + 'static) {
        let path = self.path.clone();
        blocking(move || {
            Db::open(&path)
                .unwrap()
                .update(|s| {
                    change(s);
                    Ok(())
                })
                .unwrap()
        });
    }

    /// Holds the database's write lock from another connection until the guard is dropped, as
    /// a program writing elsewhere would.
    fn hold_write_lock(&self) -> LockHeld {
        let path = self.path.clone();
        let (locked, is_locked) = mpsc::channel();
        let (release, released) = mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            Db::open(&path)
                .unwrap()
                .update(|_| {
                    locked.send(()).unwrap();
                    let _ = released.recv();
                    Ok(())
                })
                .unwrap();
        });
        is_locked.recv().unwrap();
        LockHeld {
            release: Some(release),
            holder: Some(holder),
        }
    }
}

struct LockHeld {
    release: Option<mpsc::Sender<()>>,
    holder: Option<std::thread::JoinHandle<()>>,
}

impl Drop for LockHeld {
    fn drop(&mut self) {
        self.release.take();
        if let Some(holder) = self.holder.take() {
            holder.join().unwrap();
        }
    }
}

fn served() -> (Shelf, Shared) {
    let shelf = Shelf::new(example::person_with_history(TODAY));
    let session = shelf.session();
    (shelf, blocking(move || test_app(session)))
}

/// How many times the dashboard was rendered.
fn renders(app: &Shared) -> usize {
    app.renders.load(Ordering::SeqCst)
}

async fn send(app: &Shared, request: Request<Body>) -> (StatusCode, String, axum::http::HeaderMap) {
    let response = router(app.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap(), headers)
}

fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, "127.0.0.1:7878")
        .body(Body::empty())
        .unwrap()
}

/// A form with this server's token and `fields`, encoded.
fn with_token(app: &Shared, fields: &[(&str, &str)]) -> String {
    let mut all = vec![("csrf", app.csrf.as_str())];
    all.extend_from_slice(fields);
    url_form(&all)
}

fn post(path: &str, form: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "127.0.0.1:7878")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap()
}

#[tokio::test]
async fn the_dashboard_shows_the_review_and_renders_once_per_change() {
    let (_shelf, app) = served();
    let (status, page, headers) = send(&app, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Alex Morgan, as of 2026-10-28"), "{page}");
    assert!(page.contains("Weekly hours against the boundary"));
    assert!(page.contains("Next three actions"));
    assert!(
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    send(&app, get("/")).await;
    assert_eq!(renders(&app), 1, "the second view comes from the cache");
    let token = app.csrf.clone();
    let form = format!("csrf={token}&week=2026-W43&hours=61&energy=2&satisfaction=2");
    let (status, _, headers) = send(&app, post("/checkin", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/?saved=checkin");
    let (_, page, _) = send(&app, get("/?saved=checkin")).await;
    assert!(page.contains("Check-in saved."));
    assert!(
        page.contains("2026-W43: 61 h"),
        "the chart shows the new week"
    );
    assert_eq!(renders(&app), 2, "a write renders it again");
}

/// A change from elsewhere (the CLI) while the dashboard renders: other views get the page as
/// last rendered at once; the view after a save waits for the page with the change.
#[tokio::test]
async fn views_during_a_render_get_the_last_page_and_the_saver_gets_the_new_one() {
    let (shelf, app) = served();
    let (_, first, _) = send(&app, get("/")).await;
    shelf.edit(|s| s.profile.name = Some("Alex Changed".into()));

    let render = app.rendering.lock().await;
    let (_, during, _) = send(&app, get("/")).await;
    assert_eq!(during, first, "not kept waiting behind the render");
    let saver = tokio::spawn({
        let app = app.clone();
        async move { send(&app, get("/?saved=checkin")).await }
    });
    tokio::task::yield_now().await;
    assert!(!saver.is_finished(), "the saver waits for the new page");
    drop(render);
    let (_, after, _) = saver.await.unwrap();
    assert!(after.contains("Alex Changed"), "{after}");
    let (_, next, _) = send(&app, get("/")).await;
    assert!(next.contains("Alex Changed"));
    assert_eq!(renders(&app), 2);
}

#[tokio::test]
async fn a_form_without_the_token_is_refused_and_changes_nothing() {
    let (shelf, app) = served();
    let (status, page, _) = send(
        &app,
        post("/checkin", "week=2026-W44&hours=40&energy=3&satisfaction=3"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("reload the page"));
    let (status, ..) = send(
        &app,
        post(
            "/checkin",
            "csrf=0000&week=2026-W44&hours=40&energy=3&satisfaction=3",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(shelf.unchanged());
}

#[tokio::test]
async fn bad_input_is_shown_beside_its_field_and_nothing_is_written() {
    let (shelf, app) = served();
    let before = shelf.snapshot();
    let form = format!(
        "csrf={}&week=2026-W44&hours=200&evenings=x&energy=3&satisfaction=&note=%3Cb%3E",
        app.csrf
    );
    let (status, page, _) = send(&app, post("/checkin", &form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(
            r#"<p class="error" id="hours-error">200 is out of range: give 0 to 168</p>"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"id="evenings-error">&#34;x&#34; is not a number from 0 to 7"#),
        "{page}"
    );
    assert!(page.contains(r#"id="satisfaction-error">required"#));
    assert!(page.contains(r#"aria-invalid="true" aria-describedby="hours-error""#));
    assert!(page.contains(r#"value="200""#), "what was typed is kept");
    assert!(page.contains(r#"value="&#60;b&#62;""#), "and escaped");
    assert!(shelf.unchanged());
    assert_eq!(shelf.snapshot(), before);
    // A week that has not started is refused too.
    let form = format!(
        "csrf={}&week=2026-W50&hours=40&energy=3&satisfaction=3",
        app.csrf
    );
    let (status, page, _) = send(&app, post("/checkin", &form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("2026-W50 has not started yet"), "{page}");
    // Weeks are named as the CLI names them: a date in the week, or `last`.
    let form = format!(
        "csrf={}&week=last&hours=40&energy=3&satisfaction=3",
        app.csrf
    );
    let (status, _, _) = send(&app, post("/checkin", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn wins_are_logged_numbered_and_escaped() {
    let (shelf, app) = served();
    let wins_before = shelf.snapshot().achievements.len();
    let form = format!(
        "csrf={}&title=%3Cscript%3Ealert(1)%3C%2Fscript%3E&date=2026-10-27&visibility=skip&section=projects",
        app.csrf
    );
    let (status, _, headers) = send(&app, post("/wins", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = wins_before + 1;
    assert_eq!(
        headers[header::LOCATION],
        format!("/wins?saved=win-{id}").as_str()
    );
    let (_, page, _) = send(&app, get(&format!("/wins?saved=win-{id}"))).await;
    assert!(page.contains(&format!("Win #{id} logged.")));
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "{page}"
    );
    assert!(!page.contains("<script>"));
    let s = shelf.snapshot();
    let win = s.achievements.last().unwrap();
    assert_eq!(
        (win.id as usize, win.visibility.label()),
        (id, "your manager's manager")
    );
    // An empty title and a future date: both shown, nothing logged.
    let form = format!(
        "csrf={}&title=+&date=2027-01-01&visibility=team&section=projects",
        app.csrf
    );
    let (status, page, _) = send(&app, post("/wins", &form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(r#"id="title-error">say what you did"#),
        "{page}"
    );
    assert_eq!(shelf.snapshot().achievements.len(), wins_before + 1);
}

#[tokio::test]
async fn other_host_names_are_refused() {
    let (_, app) = served();
    let request = Request::get("/")
        .header(header::HOST, "evil.example:7878")
        .body(Body::empty())
        .unwrap();
    let (status, _, headers) = send(&app, request).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    assert_security_headers(&headers, "421");
}

fn assert_security_headers(headers: &axum::http::HeaderMap, what: &str) {
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        assert_eq!(
            headers.get(&name).map(|v| v.to_str().unwrap()),
            Some(value),
            "{what}: {name}"
        );
    }
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers_errors_included() {
    let (_, app) = served();
    let wrong_host = || {
        Request::get("/")
            .header(header::HOST, "evil.example:7878")
            .body(Body::empty())
            .unwrap()
    };
    let no_token = post("/wins", "title=x");
    let big = post("/wins", &"x".repeat(crate::routes::MAX_BODY + 1));
    for (what, request, expect) in [
        ("page", get("/wins"), StatusCode::OK),
        ("style", get("/style.css"), StatusCode::OK),
        ("not found", get("/nowhere"), StatusCode::NOT_FOUND),
        (
            "bad method",
            get("/decision?method=x"),
            StatusCode::BAD_REQUEST,
        ),
        ("no token", no_token, StatusCode::FORBIDDEN),
        ("too large", big, StatusCode::PAYLOAD_TOO_LARGE),
        ("other host", wrong_host(), StatusCode::MISDIRECTED_REQUEST),
    ] {
        let (status, _, headers) = send(&app, request).await;
        assert_eq!(status, expect, "{what}");
        assert_security_headers(&headers, what);
    }
}

#[tokio::test]
async fn every_page_answers() {
    let (_, app) = served();
    for (path, expect) in [
        ("/checkin", "Weekly check-in"),
        ("/wins", "Download the brag document"),
        ("/wins/brag.md", "# Brag document"),
        ("/tasks", "Tasks and the energy audit"),
        ("/decision", "Ruled out by a deal-breaker"),
        (
            "/decision?method=topsis",
            "TOPSIS: closeness to the ideal option",
        ),
        ("/contacts", "Contacts due"),
        ("/opportunities", "Director of Brand"),
        // The real market answers: OEWS pay for the example's occupation, and no postings yet.
        ("/market", "Marketing Managers (11-2021)"),
        ("/market", "no job postings dated on or before 2026-10-28"),
        // The occupations in the words of `market occupations`.
        (
            "/market",
            "Occupations by fit to your skills (O*NET 29.3; medians BLS OEWS May 2025)",
        ),
        ("/market", "<thead><tr><th>occupation</th><th>fit</th>"),
        ("/style.css", "prefers-color-scheme"),
        (
            "/calendar.ics",
            "SUMMARY:milemarker: weekly check-in\r\nDESCRIPTION:",
        ),
    ] {
        let (status, page, _) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(page.contains(expect), "{path}: {page}");
    }
    let (status, page, _) = send(&app, get("/decision?method=astrology")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("there is no method"));
    let (status, ..) = send(&app, get("/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_decision_page_names_an_option_at_the_line() {
    let (_, app) = served();
    let (status, page, _) = send(&app, get("/decision")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(
            ">At the line (a deal-breaker met exactly: a step less would rule the option out)</h2>"
        ),
        "{page}"
    );
    assert!(
        page.contains("meets autonomy &gt;= 6 only at the line: its autonomy score is 6"),
        "{page}"
    );
    assert!(page.contains("Product marketing manager (narrower role)"));
}

#[tokio::test]
async fn the_audit_button_keeps_todays_tasks_as_an_audit() {
    let (shelf, app) = served();
    let (status, page, _) = send(&app, get("/tasks")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"action="/tasks/audit""#), "{page}");
    let (status, ..) = send(&app, post("/tasks/audit", "csrf=nope")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let form = format!("csrf={}", app.csrf);
    let (status, _, headers) = send(&app, post("/tasks/audit", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/tasks?saved=audit");
    let audits = shelf.snapshot().audits.clone();
    assert_eq!(audits.last().unwrap().date, TODAY);
    let (_, page, _) = send(&app, get("/tasks?saved=audit")).await;
    assert!(page.contains("Audit recorded from today"), "{page}");
    // The audit in the words of `milemarker audit`: the latest, and how the share moved.
    assert!(page.contains("Energy audit, 2026-10-28"), "{page}");
    assert!(page.contains("Over time"), "{page}");
    // The audit's advice names tasks as the review does, never by their ids.
    assert!(
        page.contains("Weekly exec status deck: drop, it drains you"),
        "{page}"
    );
    assert!(!page.contains("exec-deck:"), "{page}");
}

#[tokio::test]
async fn in_touch_today_restarts_a_contacts_timer() {
    let (shelf, app) = served();
    let (_, page, _) = send(&app, get("/contacts")).await;
    assert!(page.contains("Mei Chen"), "mei-chen is due in the example");
    let form = format!("csrf={}&id=nobody", app.csrf);
    let (status, page, _) = send(&app, post("/contacts/touch", &form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("no contact") && page.contains("nothing was changed"));
    assert!(shelf.unchanged());

    let form = format!("csrf={}&id=mei-chen", app.csrf);
    let (status, _, headers) = send(&app, post("/contacts/touch", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/contacts?saved=contact");
    let (_, page, _) = send(&app, get("/contacts?saved=contact")).await;
    assert!(page.contains("timer starts again today"));
    assert!(!page.contains("Mei Chen"), "no longer due: {page}");
    let s = shelf.snapshot();
    let mei = s.contacts.iter().find(|c| c.id == "mei-chen").unwrap();
    assert_eq!(mei.log.last().unwrap().date, TODAY);
}

#[tokio::test]
async fn an_opportunity_moves_along_the_board() {
    let (shelf, app) = served();
    let (_, page, _) = send(&app, get("/opportunities")).await;
    assert!(page.contains(r#"<label class="hint" for="stage-3">Move #3 to</label>"#));
    for bad in [
        "id=3&stage=hired",
        "id=x&stage=replied",
        "id=99&stage=replied",
    ] {
        let form = format!("csrf={}&{bad}", app.csrf);
        let (status, ..) = send(&app, post("/opportunities/stage", &form)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    assert!(shelf.unchanged());
    let form = format!("csrf={}&id=3&stage=replied", app.csrf);
    let (status, _, headers) = send(&app, post("/opportunities/stage", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/opportunities?saved=stage");
    let s = shelf.snapshot();
    let moved = s.opportunities.iter().find(|o| o.id == 3).unwrap();
    assert_eq!(moved.stage(), milemarker_core::network::Stage::Replied);
    assert_eq!(moved.since(), TODAY);
    // Moved today, it says so, as the command line does: never "(0 days)".
    let (_, page, _) = send(&app, get("/opportunities")).await;
    assert!(page.contains(&format!("since {TODAY} (today)")), "{page}");
    assert!(
        !page.contains("(0 days)") && !page.contains("(1 days)"),
        "{page}"
    );
}

/// The menu never preselects a stage that ends the lead: the next stage onward leads, and an
/// offer's menu starts with a prompt; an accepted offer is the path taken.
#[tokio::test]
async fn the_move_menu_never_preselects_an_end_and_an_accepted_offer_is_the_path_taken() {
    let (shelf, app) = served();
    shelf.edit(|s| {
        s.offers.push(milemarker_core::network::Offer {
            opportunity: 2,
            base: 98_000.0,
            bonus: None,
            equity: None,
            deadline: Some(TODAY + jiff::Span::new().days(9)),
        })
    });
    let (_, page, _) = send(&app, get("/opportunities")).await;
    let deadline = format!("decide by {}", TODAY + jiff::Span::new().days(9));
    assert!(page.contains(&deadline), "{page}");
    let menu = |id: u32| {
        let start = format!(r#"<select id="stage-{id}" name="stage">"#);
        let at = page.find(&start).expect("a menu") + start.len();
        page[at..at + page[at..].find("</select>").unwrap()].to_string()
    };
    assert!(
        menu(4).starts_with(r#"<option value="interviewing">"#),
        "{}",
        menu(4)
    );
    assert!(
        menu(2).starts_with(
            r#"<option value="" selected disabled>choose</option><option value="accepted">"#
        ),
        "{}",
        menu(2)
    );
    assert!(!menu(4).contains("selected"), "{}", menu(4));
    // The prompt chosen names no stage: refused, nothing saved.
    let before = shelf.snapshot();
    let form = format!("csrf={}&id=2&stage=", app.csrf);
    let (status, ..) = send(&app, post("/opportunities/stage", &form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(shelf.snapshot(), before);

    let form = format!("csrf={}&id=2&stage=accepted", app.csrf);
    let (status, ..) = send(&app, post("/opportunities/stage", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page, _) = send(&app, get("/opportunities")).await;
    assert!(
        page.contains("The path taken: Product Marketing Manager at Fabrikam (the option &ldquo;product-marketing&rdquo;"),
        "{page}"
    );
    assert!(!page.contains(r#"id="stage-2""#), "no longer on the board");
}

#[tokio::test]
async fn a_crafted_notice_shows_nothing_of_its_own() {
    let (_, app) = served();
    let (_, page, _) = send(&app, get("/wins?saved=win-%3Cb%3Ehi%3C%2Fb%3E")).await;
    assert!(
        !page.contains("<b>hi") && !page.contains("&lt;b&gt;hi"),
        "{page}"
    );
    let (_, page, _) = send(&app, get("/?saved=win-7")).await;
    assert!(page.contains("Win #7 logged."));
}

/// A write the database is too busy for keeps the form as typed and says to try again; nothing is
/// written, and the next try goes through.
#[tokio::test]
async fn a_busy_database_keeps_the_form() {
    let (shelf, app) = served();
    let wins_before = shelf.snapshot().achievements.len();
    // Writes give up quickly here, rather than after the ten seconds a person waits.
    app.worker
        .run(|b| b.set_write_wait(std::time::Duration::from_millis(100)))
        .await
        .unwrap();
    let lock = shelf.hold_write_lock();
    let form = format!(
        "csrf={}&title=Closed+the+Q3+books&date=2026-10-27&impact=two+days+early&visibility=skip&section=projects",
        app.csrf
    );
    let (status, page, _) = send(&app, post("/wins", &form)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.contains("Busy, try again"), "{page}");
    assert!(page.contains(r#"value="Closed the Q3 books""#), "{page}");
    assert!(page.contains(r#"value="two days early""#), "{page}");
    assert!(!page.contains("fix the fields marked below"), "{page}");
    let checkin = format!(
        "csrf={}&week=2026-W44&hours=47&weekend_days=0&evenings=2&energy=3&satisfaction=4",
        app.csrf
    );
    let (status, page, _) = send(&app, post("/checkin", &checkin)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.contains(r#"value="47""#), "{page}");
    assert_eq!(shelf.snapshot().achievements.len(), wins_before);
    drop(lock);
    let (status, _, _) = send(&app, post("/wins", &form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

/// A check-in form filled in from a week as it was, then saved after that week changed elsewhere
/// (the command line, another tab), does not overwrite the change unseen: the person sees what
/// it says now, keeps their figures, and a second save replaces it.
#[tokio::test]
async fn a_checkin_changed_meanwhile_is_not_overwritten_unseen() {
    let (shelf, app) = served();
    let week = shelf.snapshot().checkins.last().unwrap().week;
    let (_, page, _) = send(&app, get(&format!("/checkin?week={week}"))).await;
    let was = page
        .split_once(r#"name="was" value=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(was, _)| was.replace("&#34;", "\"").replace("&quot;", "\""))
        .expect("the form carries the week as it showed it");
    // Meanwhile, elsewhere:
    shelf.edit(|s| s.checkins.last_mut().unwrap().hours = 61.0);
    let form = |was: &str| {
        let mut body = url_form(&[
            ("csrf", app.csrf.as_str()),
            ("week", &week.to_string()),
            ("hours", "44"),
            ("weekend_days", "0"),
            ("evenings", "1"),
            ("energy", "4"),
            ("satisfaction", "4"),
        ]);
        body.push_str(&format!("&was={}", percent(was)));
        body
    };
    let (status, page, _) = send(&app, post("/checkin", &form(&was))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("changed while this form was open"), "{page}");
    assert!(page.contains("61 hours"), "{page}");
    assert!(page.contains(r#"value="44""#), "the figures typed are kept");
    let stored = |s: &Shelf| s.snapshot().checkins.last().unwrap().hours;
    assert_eq!(stored(&shelf), 61.0);
    // The page now carries the week as it is: saving again replaces it.
    let was = page
        .split_once(r#"name="was" value=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(was, _)| was.replace("&#34;", "\"").replace("&quot;", "\""))
        .unwrap();
    let (status, _, _) = send(&app, post("/checkin", &form(&was))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&shelf), 44.0);
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn url_form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", percent(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn overlong_fields_and_script_links_are_refused_server_side() {
    let (shelf, app) = served();
    let wins_before = shelf.snapshot().achievements.len();
    let win = |title: &str, link: &str| {
        format!(
            "csrf={}&title={title}&date=2026-10-27&visibility=team&section=projects&link={link}",
            app.csrf
        )
    };
    // The form says maxlength; a request need not.
    let long = "x".repeat(milemarker_core::limits::WIN_TITLE + 1);
    let (status, page, _) = send(&app, post("/wins", &win(&long, ""))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(r#"id="title-error">301 characters is too long; keep it to 300"#),
        "{page}"
    );
    let (status, page, _) = send(&app, post("/wins", &win("Shipped", "javascript:alert(1)"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(r#"id="link-error">"#), "{page}");
    assert!(page.contains("http://, https:// or mailto:"), "{page}");
    let checkin = format!(
        "csrf={}&week=2026-W44&hours=40&energy=3&satisfaction=3&note={}",
        app.csrf,
        "n".repeat(milemarker_core::limits::CHECKIN_NOTE + 1)
    );
    let checkins_before = shelf.snapshot().checkins.clone();
    let (status, page, _) = send(&app, post("/checkin", &checkin)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(r#"id="note-error">"#), "{page}");
    let s = shelf.snapshot();
    assert_eq!(s.achievements.len(), wins_before);
    assert_eq!(s.checkins, checkins_before);
    // The limits the server enforces are the ones the form states.
    let (_, page, _) = send(&app, get("/wins")).await;
    assert!(page.contains(r#"name="title" type="text" value="" required maxlength="300""#));
    assert!(
        page.contains(r#"name="link" type="url" value="" maxlength="2000""#),
        "{page}"
    );
    // A valid link is kept.
    let (status, ..) = send(
        &app,
        post("/wins", &win("Shipped", "https%3A%2F%2Fexample.org%2Fx")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_with_a_page() {
    let (shelf, app) = served();
    let wins_before = shelf.snapshot().achievements.len();
    let form = format!(
        "csrf={}&title={}&date=2026-10-27&visibility=team&section=projects",
        app.csrf,
        "x".repeat(1_900_000)
    );
    let (status, page, headers) = send(&app, post("/wins", &form)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.contains("larger than 64 KiB"), "{page}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    // Without a length declared (streamed in chunks), the cap holds too.
    let chunks = futures_chunks(form);
    let request = Request::post("/wins")
        .header(header::HOST, "127.0.0.1:7878")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(chunks)
        .unwrap();
    let (status, ..) = send(&app, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(shelf.snapshot().achievements.len(), wins_before);
}

/// A body with no length: the text in 8 KiB chunks.
fn futures_chunks(text: String) -> Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = text
        .into_bytes()
        .chunks(8192)
        .map(|c| Ok(c.to_vec()))
        .collect();
    Body::from_stream(futures_util::stream::iter(chunks))
}

mod slow_clients {
    //! A real listener on loopback: slow clients are cut off and do not keep others out.

    use std::time::{Duration, Instant};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    use super::*;
    use crate::listen::{Limits, run};
    use crate::routes::test_app_with;

    const HOST: &str = "127.0.0.1:7878";

    /// The status of a plain GET, and how long it took.
    async fn timed_get(port: u16) -> (String, Duration) {
        let start = Instant::now();
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let request =
            format!("GET /style.css HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8_lossy(&answer);
        (
            answer.lines().next().unwrap_or("").to_string(),
            start.elapsed(),
        )
    }

    /// Whether the server closes `stream` within `within`.
    async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
        let mut buf = [0u8; 1024];
        let read = async {
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => continue,
                }
            }
        };
        tokio::time::timeout(within, read).await.is_ok()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn slowloris_neither_holds_connections_nor_keeps_a_normal_request_out() {
        let limits = Limits {
            max_connections: 50,
            header_timeout: Duration::from_secs(2),
            body_timeout: Duration::from_secs(2),
            stop_grace: Duration::from_secs(1),
        };
        let shelf = Shelf::new(Snapshot::default());
        let session = shelf.session();
        let app = blocking(move || test_app_with(session, limits));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(run(listener, crate::routes::router(app), limits, async {
            let _ = stopped.await;
        }));
        // 200 connections, four times the cap, each a request's first line and nothing more.
        let mut slow = Vec::new();
        for _ in 0..200 {
            let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            let line = format!("GET / HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: 1\r\n");
            s.write_all(line.as_bytes()).await.unwrap();
            slow.push(s);
        }
        // A normal request is answered while they are open (before: all held, no deadline).
        let (status, took) = timed_get(port).await;
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(took < Duration::from_secs(5), "took {took:?}");
        // The newest slow connection is cut off by the header deadline (before: held for ever).
        let last = slow.last_mut().unwrap();
        assert!(closed_within(last, Duration::from_secs(10)).await);
        // A body that never finishes arriving is answered 408 and its connection closed.
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let head = format!(
            "POST /wins HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntitle=x"
        );
        s.write_all(head.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut answer)).await;
        assert!(read.is_ok(), "the connection is closed");
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("nosniff"), "{answer}");
        // And it stops when told.
        stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .expect("stops")
            .unwrap();
    }
}

/// A new person begins in the browser: the dashboard points to the start; who they are is
/// saved with the occupation and area found from words; their values, ranked; a bad step shows
/// its problem beside the field and saves nothing.
#[tokio::test]
async fn a_new_person_begins_in_the_browser() {
    let shelf = Shelf::new(Snapshot::default());
    let session = shelf.session();
    let app = blocking(move || test_app(session));
    let (status, page, _) = send(&app, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<a href="/start">"#), "{page}");
    let (status, page, _) = send(&app, get("/start")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("1. Who you are"), "{page}");

    let form = |occupation: &str| {
        url_form(&[
            ("csrf", app.csrf.as_str()),
            ("name", "Rosa Delgado"),
            ("occupation", occupation),
            ("area", "Ohio"),
            ("boundary", "40"),
            ("work_days", "5"),
        ])
    };
    let (status, page, _) = send(&app, post("/start/profile", &form("zzzz qqqq"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(r#"id="occupation-error">no O*NET occupation"#),
        "{page}"
    );
    assert!(shelf.unchanged());

    let (status, page, headers) =
        send(&app, post("/start/profile", &form("registered nurse"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert!(
        headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/start?saved=profile")
    );
    let p = shelf.snapshot().profile;
    assert_eq!(p.name.as_deref(), Some("Rosa Delgado"));
    assert_eq!(p.occupation.as_deref(), Some("29-1141.00"));
    assert_eq!(p.area.as_deref(), Some("3900000"), "Ohio's OEWS code");

    let one = url_form(&[("csrf", app.csrf.as_str()), ("value1", "family time")]);
    let (status, page, _) = send(&app, post("/start/values", &one)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("name at least two"), "{page}");
    let values = url_form(&[
        ("csrf", app.csrf.as_str()),
        ("value1", "family time"),
        ("value2", "pay"),
        ("value3", "patient care"),
    ]);
    let (status, _, _) = send(&app, post("/start/values", &values)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let s = shelf.snapshot();
    let ranked: Vec<(&str, Option<u32>)> =
        s.values.iter().map(|v| (v.id.as_str(), v.rank)).collect();
    assert_eq!(
        ranked,
        [
            ("family-time", Some(1)),
            ("pay", Some(2)),
            ("patient-care", Some(3))
        ]
    );
    let (_, page, _) = send(&app, get("/start?saved=values")).await;
    assert!(page.contains("Saved: what matters to you"), "{page}");
    assert!(page.contains(r#"value="patient care""#), "{page}");

    // Deal-breakers: a rule without a threshold is shown beside its field.
    let rules = |rule: &str| url_form(&[("csrf", app.csrf.as_str()), ("rule1", rule)]);
    let (status, page, _) = send(&app, post("/start/rules", &rules("family time >="))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(r#"id="rule1-error""#), "{page}");
    let (status, page, _) = send(&app, post("/start/rules", &rules("family time >= 5"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert_eq!(shelf.snapshot().dealbreakers[0].attribute, "family-time");

    // Two paths, scored against each value; then the decision is made in the browser.
    let path = |name: &str, kind: &str, hours: &str, scores: [&str; 3]| {
        url_form(&[
            ("csrf", app.csrf.as_str()),
            ("name", name),
            ("kind", kind),
            ("hours", hours),
            ("score1-value", "family-time"),
            ("score1", scores[0]),
            ("score2-value", "pay"),
            ("score2", scores[1]),
            ("score3-value", "patient-care"),
            ("score3", scores[2]),
        ])
    };
    let bad = path("", "", "50", ["11", "6", "8"]);
    let (status, page, _) = send(&app, post("/start/path", &bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The path's name field is "path-name": the profile's form on the same page has "name".
    for field in ["path-name", "kind", "score1"] {
        assert!(
            page.contains(&format!(r#"id="{field}-error""#)),
            "{field}: {page}"
        );
    }
    let stay = path("Stay as charge nurse", "stay", "50", ["3", "6", "8"]);
    let clinic = path("Day-shift clinic nurse", "lateral", "40", ["8", "5", "7"]);
    for form in [stay, clinic] {
        let (status, page, _) = send(&app, post("/start/path", &form)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    }
    let (_, page, _) = send(&app, get("/start?saved=path")).await;
    assert!(
        page.contains(r#"<a href="/decision">See your decision</a>"#),
        "{page}"
    );
    let (status, page, _) = send(&app, get("/decision")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Stay as charge nurse · stay-as-charge-nurse"),
        "ruled out by family time: {page}"
    );
    assert!(
        page.contains("breaks family-time &gt;= 5: it is 3"),
        "{page}"
    );
}

mod records;

mod files;
mod start;
