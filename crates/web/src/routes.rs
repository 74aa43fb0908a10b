//! The routes: the pages by address, behind the middleware every request passes (the host check
//! and security headers, the whole body read first), and serving them until stopped.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use milemarker_app::session::Session;

use crate::hosts::Hosts;
use crate::listen::{self, Limits};
use crate::pages;
use crate::state::{App, PageError, Shared};

pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Host names answered besides this machine's own (`--allow-host`).
    pub allowed_hosts: Vec<String>,
    /// Deadlines for headers and bodies, and the cap on open connections.
    pub limits: Limits,
    /// Called once the socket listens, with the address it got (port 0 picks a free one).
    pub on_ready: Box<dyn FnOnce(SocketAddr) + Send>,
}

/// What every page may load: its style sheet and images of its own, nothing else, no script.
macro_rules! policy {
    () => {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'"
    };
}

/// The one page that may run a script, its own (/start/rank.js: drag to rank, which the page's
/// buttons do without it).
const SCRIPTED: &str = "/start";

/// Refuses requests for any other host name: a page elsewhere that rebinds its name to
/// 127.0.0.1 could otherwise read these pages, form token included. Adds headers that keep the
/// pages from being framed, sniffed or leaking where they were.
async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let scripted = request.uri().path() == SCRIPTED;
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
    let policy = if scripted {
        concat!("script-src 'self'; ", policy!())
    } else {
        policy!()
    };
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, policy),
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
/// page (413); the forms are small, so nothing is streamed. The file uploads (`/files/...`) each
/// have their own cap, said on their page (`pages::files`), and only on their routes.
/// The body must arrive within the server's body deadline (408 otherwise): a client that sends
/// it a byte at a time does not hold its connection for ever.
async fn whole_body(State(app): State<Shared>, request: Request, next: Next) -> Response {
    // An upload's route takes its own, larger cap (pages::files); every other, MAX_BODY.
    let upload = pages::files::upload_at(request.uri().path());
    let cap = upload.map_or(MAX_BODY, |(_, cap)| cap);
    let too_large = || PageError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: match upload {
            Some((u, _)) => format!(
                "the file sent is larger than {} MiB, the most this page takes for {}; \
                 nothing was changed",
                u.cap >> 20,
                u.what
            ),
            None => format!(
                "the form sent is larger than {} KiB; nothing was changed",
                MAX_BODY / 1024
            ),
        },
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap as u64) {
        return too_large().into_response();
    }
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(app.body_timeout, Limited::new(body, cap).collect());
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
    let fixed = Router::new()
        .route("/", get(pages::dashboard::dashboard_handler))
        .route(
            "/checkin",
            get(pages::checkin::checkin_form).post(pages::checkin::checkin_submit),
        )
        .route(
            "/wins",
            get(pages::wins::wins_page).post(pages::wins::win_submit),
        )
        .route("/wins/brag.md", get(pages::wins::brag))
        .route("/tasks", get(pages::tasks::tasks_page))
        .route("/tasks/audit", post(pages::tasks::audit_submit))
        .route("/decision", get(pages::decision::decision_page))
        .route("/contacts", get(pages::contacts::contacts_page))
        .route("/contacts/touch", post(pages::contacts::contact_touch))
        .route(
            "/opportunities",
            get(pages::opportunities::opportunities_page),
        )
        .route(
            "/opportunities/stage",
            post(pages::opportunities::opportunity_move),
        )
        .route("/market", get(pages::market::market_page))
        .route("/calendar.ics", get(pages::calendar::feed))
        .route("/start", get(pages::start::start_page))
        .route("/start/rank.js", get(pages::rank_script))
        .route("/start/profile", post(pages::start::profile_submit))
        .route("/start/values", post(pages::start::values_submit))
        .route("/start/rules", post(pages::start::rules_submit))
        .route("/start/path", post(pages::start::path_submit))
        .route("/start/order", post(pages::start::order_submit))
        .route("/start/pair", post(pages::start::pair_submit))
        .route("/start/unsure", post(pages::start::unsure_submit))
        .route("/start/rule", post(pages::start::rule_submit))
        .route("/start/checkin", post(pages::start::checkin_submit))
        .route("/export.json", get(pages::downloads::export))
        .route("/contacts.vcf", get(pages::downloads::contacts))
        .route("/review.html", get(pages::downloads::review_html))
        .route("/review.md", get(pages::downloads::review_markdown))
        .route("/style.css", get(pages::style))
        .route("/files", get(pages::files::files_page))
        .route("/files/postings/{id}", get(pages::files::postings_job));
    // The uploads: whole_body caps each at its own size; the extractor's own cap is lifted.
    let uploads = Router::new()
        .route(
            pages::files::CONTACTS.path,
            post(pages::files::contacts_upload),
        )
        .route(pages::files::HOURS.path, post(pages::files::hours_upload))
        .route(
            pages::files::POSTINGS.path,
            post(pages::files::postings_upload),
        )
        .route(
            pages::files::RESTORE.path,
            post(pages::files::restore_upload),
        )
        .layer(DefaultBodyLimit::disable());
    let fixed = fixed.merge(uploads);
    pages::records::all(fixed)
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(app.clone(), whole_body))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// The app, its dashboard cache given the dashboard page's render.
fn app(session: Session, hosts: Hosts, limits: Limits) -> anyhow::Result<Shared> {
    App::start(session, hosts, limits, pages::dashboard::render)
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
