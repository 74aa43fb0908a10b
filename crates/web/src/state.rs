//! The state the pages share: one thread owns the database (SQLite wants one writer, and the
//! CLI's store is synchronous), handlers hand it jobs and await the answer; the dashboard is
//! rendered once per change of the data and day, then served from memory. No page is imported
//! here: the dashboard's render is handed in when the app starts.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::StatusCode;
use jiff::civil::Date;
use milemarker_app::session::{Session, Watcher, is_busy};

use crate::hosts::Hosts;
use crate::listen::Limits;

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

/// The dashboard rendered for a day, as a future the cache can await.
pub(crate) type Rendering = Pin<Box<dyn Future<Output = Result<String, PageError>> + Send>>;

/// Renders the dashboard: given by the dashboard page when the app starts, so the cache here
/// decides when to render and the page what, and state imports no page.
pub(crate) type RenderDashboard = fn(Shared, Date) -> Rendering;

pub struct App {
    pub(crate) worker: Worker<Session>,
    watch: Worker<Watcher>,
    /// Every form carries it; a POST without it is refused (another site cannot read it).
    pub(crate) csrf: String,
    dashboard: Mutex<Option<Cached>>,
    render_dashboard: RenderDashboard,
    /// Held while the dashboard renders, so a change makes one render, not one per waiting view.
    pub(crate) rendering: tokio::sync::Mutex<()>,
    /// Dashboards rendered since start: the cache's work, counted so tests can see it.
    pub(crate) renders: std::sync::atomic::AtomicUsize,
    /// The Host headers answered, on every bind.
    pub(crate) hosts: Hosts,
    /// How long a request's body may take to arrive.
    pub(crate) body_timeout: Duration,
    /// The postings imports started from the files page, numbered from 1 in this list.
    pub(crate) imports: Mutex<Vec<Arc<Mutex<ImportJob>>>>,
    /// A word new at every start, in the imports' addresses (/files/postings/RUN-N): an address
    /// from before a restart names no import of this run, rather than another import.
    pub(crate) run: String,
}

pub type Shared = Arc<App>;

/// A postings import running off the request (pages/files), or done.
#[derive(Default)]
pub struct ImportJob {
    pub name: String,
    /// "bytes" or "rows", as the reader counts.
    pub unit: String,
    pub total: u64,
    pub done: u64,
    /// Rows read so far.
    pub rows: u64,
    /// Once finished: what it did, in words, or why nothing was imported.
    pub outcome: Option<Result<Vec<String>, String>>,
}

impl App {
    /// Starts the database and watch threads. Called outside any async runtime: the session runs
    /// one of its own, and is dropped on its own thread when the server stops.
    pub(crate) fn start(
        session: Session,
        hosts: Hosts,
        limits: Limits,
        render_dashboard: RenderDashboard,
    ) -> anyhow::Result<Shared> {
        let watch = Worker::start("milemarker-watch", Box::new(session.watcher()?))?;
        Ok(Arc::new(App {
            worker: Worker::start("milemarker-db", Box::new(session))?,
            watch,
            csrf: new_token()?,
            dashboard: Mutex::new(None),
            render_dashboard,
            rendering: tokio::sync::Mutex::new(()),
            renders: std::sync::atomic::AtomicUsize::new(0),
            hosts,
            body_timeout: limits.body_timeout,
            imports: Mutex::new(Vec::new()),
            run: new_token()?[..8].to_string(),
        }))
    }

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
        let html = Bytes::from((self.render_dashboard)(self.clone(), day).await?);
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
