//! The server: one thread owns the database (SQLite wants one writer, and the CLI's store is
//! synchronous), handlers hand it jobs and await the answer; the dashboard is rendered once per
//! change of the data and day, then served from memory.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use jiff::civil::Date;
use milemarker_app::session::{Session, Watcher, is_busy};

use crate::hosts::Hosts;
use crate::listen::{self, Limits};
use crate::pages;

pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Host names answered besides this machine's own (`--allow-host`).
    pub allowed_hosts: Vec<String>,
    /// Deadlines for headers and bodies, and the cap on open connections.
    pub limits: Limits,
    /// Called once the socket listens, with the address it got (port 0 picks a free one).
    pub on_ready: Box<dyn FnOnce(SocketAddr) + Send>,
}

type Job<S> = Box<dyn FnOnce(&mut S) + Send>;

/// A thread that owns `S` and runs jobs on it one at a time.
pub(crate) struct Worker<S: ?Sized> {
    jobs: Mutex<Option<mpsc::Sender<Job<S>>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl<S: ?Sized> Drop for Worker<S> {
    /// Lets the thread finish its jobs and drop `S` (closing the database cleanly) before the
    /// process goes on.
    fn drop(&mut self) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl<S: ?Sized + Send + 'static> Worker<S> {
    fn start(name: &str, mut state: Box<S>) -> anyhow::Result<Worker<S>> {
        let (jobs, inbox) = mpsc::channel::<Job<S>>();
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                for job in inbox {
                    job(&mut *state);
                }
            })
            .map_err(|e| anyhow::anyhow!("cannot start the {name} thread: {e}"))?;
        Ok(Worker {
            jobs: Mutex::new(Some(jobs)),
            thread: Some(thread),
        })
    }

    /// Runs `job` on the thread and waits for its answer without blocking the server.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut S) -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, PageError> {
        let (answer, reply) = tokio::sync::oneshot::channel();
        let job: Job<S> = Box::new(move |state: &mut S| {
            let _ = answer.send(job(state));
        });
        let sent = match self.jobs.lock().as_deref() {
            Ok(Some(jobs)) => jobs.send(job).is_ok(),
            _ => false,
        };
        if !sent {
            return Err(PageError::internal("the database thread stopped"));
        }
        match reply.await {
            Ok(result) => result.map_err(PageError::from),
            Err(_) => Err(PageError::internal(
                "the database thread stopped while answering",
            )),
        }
    }
}

/// The dashboard as last rendered, and for which version of the data and which day.
struct Cached {
    version: u64,
    day: Date,
    html: Bytes,
}

pub struct App {
    pub(crate) worker: Worker<Session>,
    watch: Worker<Watcher>,
    /// Every form carries it; a POST without it is refused (another site cannot read it).
    pub(crate) csrf: String,
    dashboard: Mutex<Option<Cached>>,
    /// Held while the dashboard renders, so a change makes one render, not one per waiting view.
    pub(crate) rendering: tokio::sync::Mutex<()>,
    /// Dashboards rendered since start: the cache's work, counted so tests can see it.
    pub(crate) renders: std::sync::atomic::AtomicUsize,
    /// The Host headers answered, on every bind.
    hosts: Hosts,
    /// How long a request's body may take to arrive.
    body_timeout: Duration,
}

pub type Shared = Arc<App>;

impl App {
    async fn version_and_day(&self) -> Result<(u64, Date), PageError> {
        self.watch.run(|w| Ok((w.version()?, w.today()?))).await
    }

    /// Today, from the watch thread: never waits behind a save or a render.
    pub(crate) async fn today(&self) -> Result<Date, PageError> {
        self.watch.run(|w| w.today()).await
    }

    fn cached(&self, version: u64, day: Date) -> Option<Bytes> {
        let cached = self.dashboard.lock().expect("not poisoned");
        let c = cached.as_ref()?;
        (c.version == version && c.day == day).then(|| c.html.clone())
    }

    fn last_rendered(&self) -> Option<Bytes> {
        let cached = self.dashboard.lock().expect("not poisoned");
        cached.as_ref().map(|c| c.html.clone())
    }

    /// The dashboard for the current data and day, rendered at most once per change. While a
    /// render runs, a view that did not ask for `fresh` gets the page as last rendered instead of
    /// waiting (it was current a moment ago); the person who just saved asks for `fresh` and
    /// sees their change.
    pub(crate) async fn dashboard(self: &Arc<Self>, fresh: bool) -> Result<Bytes, PageError> {
        let (version, day) = self.version_and_day().await?;
        if let Some(html) = self.cached(version, day) {
            return Ok(html);
        }
        let (_rendering, version, day) = match self.rendering.try_lock() {
            Ok(guard) => (guard, version, day),
            Err(_) => {
                if let Some(html) = self.last_rendered().filter(|_| !fresh) {
                    return Ok(html);
                }
                let guard = self.rendering.lock().await;
                // The render waited for may have been this change's, or a newer one landed.
                let (version, day) = self.version_and_day().await?;
                if let Some(html) = self.cached(version, day) {
                    return Ok(html);
                }
                (guard, version, day)
            }
        };
        let html = Bytes::from(pages::dashboard(self, day).await?);
        self.renders
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        *self.dashboard.lock().expect("not poisoned") = Some(Cached {
            version,
            day,
            html: html.clone(),
        });
        Ok(html)
    }

    /// After a save: renders the dashboard now, off the request, so the views that follow find
    /// it ready.
    pub(crate) fn saved(self: &Arc<Self>) {
        let app = self.clone();
        tokio::spawn(async move {
            // A failure shows on the next view, which renders again.
            let _ = app.dashboard(true).await;
        });
    }
}

/// A page that could not be made: shown as a page, with a status, never as a stack trace.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub message: String,
}

impl PageError {
    pub fn internal(message: &str) -> PageError {
        PageError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<anyhow::Error> for PageError {
    /// A database held by another writer for longer than a write waits is 503: nothing was
    /// written, trying again shortly will do, and the page keeps what the person typed.
    fn from(err: anyhow::Error) -> PageError {
        if is_busy(&err) {
            return PageError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: format!("Busy, try again: {err}"),
            };
        }
        PageError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("{err:#}"),
        }
    }
}

impl From<askama::Error> for PageError {
    fn from(err: askama::Error) -> PageError {
        PageError::internal(&format!("cannot render the page: {err}"))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = pages::error_page(self.status, &self.message);
        (self.status, Html(page)).into_response()
    }
}

/// A 32-byte random token from the operating system, as hex.
fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot get random bytes for the form token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether a submitted form carries this server's token (compared in constant time).
pub(crate) fn csrf_ok(app: &App, form: &HashMap<String, String>) -> bool {
    let Some(given) = form.get("csrf") else {
        return false;
    };
    let (a, b) = (given.as_bytes(), app.csrf.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuses requests for any other host name: a page elsewhere that rebinds its name to
/// 127.0.0.1 could otherwise read these pages, form token included. Adds headers that keep the
/// pages from being framed, sniffed or leaking where they were.
async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let mut response = if !app.hosts.allows(host) {
        PageError {
            status: StatusCode::MISDIRECTED_REQUEST,
            message: format!("this server answers for {}", app.hosts.described()),
        }
        .into_response()
    } else {
        next.run(request).await
    };
    // Every response, a refusal included: an error page is a page too.
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The largest request body read: the longest form (a win with every field at its limit, each
/// character percent-encoded) fits several times over.
pub const MAX_BODY: usize = 64 * 1024;

/// Reads the whole request body before any handler sees it, refusing one over [`MAX_BODY`] with a
/// page (413); the forms are small, so nothing is streamed.
/// The body must arrive within the server's body deadline (408 otherwise): a client that sends
/// it a byte at a time does not hold its connection for ever.
async fn whole_body(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let too_large = || PageError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!(
            "the form sent is larger than {} KiB; nothing was changed",
            MAX_BODY / 1024
        ),
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large().into_response();
    }
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(app.body_timeout, Limited::new(body, MAX_BODY).collect());
    let bytes = match read.await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(err)) if err.is::<LengthLimitError>() => return too_large().into_response(),
        Err(_) => {
            let mut response = PageError {
                status: StatusCode::REQUEST_TIMEOUT,
                message: format!(
                    "the form took over {} s to arrive; nothing was changed",
                    app.body_timeout.as_secs()
                ),
            }
            .into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
        Ok(Err(err)) => {
            return PageError {
                status: StatusCode::BAD_REQUEST,
                message: format!("the form could not be read: {err}"),
            }
            .into_response();
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(pages::dashboard_handler))
        .route(
            "/checkin",
            get(pages::checkin_form).post(pages::checkin_submit),
        )
        .route("/wins", get(pages::wins_page).post(pages::win_submit))
        .route("/wins/brag.md", get(pages::brag))
        .route("/tasks", get(pages::tasks_page))
        .route("/tasks/audit", post(pages::audit_submit))
        .route("/decision", get(pages::decision_page))
        .route("/contacts", get(pages::contacts_page))
        .route("/contacts/touch", post(pages::contact_touch))
        .route("/opportunities", get(pages::opportunities_page))
        .route("/opportunities/stage", post(pages::opportunity_move))
        .route("/market", get(pages::market_page))
        .route("/style.css", get(pages::style))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(app.clone(), whole_body))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Starts the database and watch threads. Called outside any async runtime: the session runs
/// one of its own, and is dropped on its own thread when the server stops.
fn app(session: Session, hosts: Hosts, limits: Limits) -> anyhow::Result<Shared> {
    let watch = Worker::start("milemarker-watch", Box::new(session.watcher()?))?;
    Ok(Arc::new(App {
        worker: Worker::start("milemarker-db", Box::new(session))?,
        watch,
        csrf: new_token()?,
        dashboard: Mutex::new(None),
        rendering: tokio::sync::Mutex::new(()),
        renders: std::sync::atomic::AtomicUsize::new(0),
        hosts,
        body_timeout: limits.body_timeout,
    }))
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM; never when neither can be listened for.
async fn stop_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = async {
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    term.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}

/// Serves until interrupted (Ctrl-C) or terminated (SIGTERM), then stops gracefully: requests
/// under way finish, and the session is dropped (a `--demo` database's folder removed) before
/// this returns.
pub fn serve(session: Session, options: ServeOptions) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the server's runtime: {e}"))?;
    let listener = {
        let _in_runtime = runtime.enter();
        listen::bind(options.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", options.bind))?
    };
    let bound = listener.local_addr()?;
    let hosts = Hosts::new(bound, None, &options.allowed_hosts);
    let app = app(session, hosts, options.limits)?;
    runtime.block_on(async move {
        (options.on_ready)(bound);
        listen::run(listener, router(app), options.limits, stop_signal()).await;
        anyhow::Ok(())
    })
}

#[cfg(test)]
pub(crate) fn test_app(session: Session) -> Shared {
    test_app_with(session, Limits::default())
}

/// An app that answers for 127.0.0.1:7878, whatever it listens on.
#[cfg(test)]
pub(crate) fn test_app_with(session: Session, limits: Limits) -> Shared {
    let bound = "127.0.0.1:7878".parse().expect("an address");
    app(session, Hosts::new(bound, None, &[]), limits).expect("an app")
}
