//! Accepting connections: a deadline for a request's headers (hyper's) and for its body (the
//! router's), a cap on open connections, and a graceful stop. At the cap, a new connection makes
//! room by closing the oldest one that is not answering a request (a slow client that never
//! finishes its headers, or an idle keep-alive one), so connections held open on purpose
//! (slowloris) cannot keep a person's own requests out.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most; at the cap the oldest idle one is closed for a new one.
    pub max_connections: usize,
    /// From the moment a connection waits for a request to its last header line.
    pub header_timeout: Duration,
    /// For the whole request body, once the headers are in.
    pub body_timeout: Duration,
    /// On stopping, how long requests under way may take to finish.
    pub stop_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // Far under the usual 1,024 open files, far over what one person's browser opens.
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            stop_grace: Duration::from_secs(5),
        }
    }
}

/// One open connection, as the registry sees it.
struct Conn {
    /// Requests being answered on it.
    busy: AtomicUsize,
    /// When it last finished answering one (ms since the server started).
    done_at: AtomicU64,
    close: Notify,
}

/// A connection that answered within this long is not closed to make room: its response may
/// still be on its way out.
const RECENT: Duration = Duration::from_secs(1);

struct Registry {
    /// What `Conn::done_at` counts from.
    started: Instant,
    next: u64,
    /// Oldest first.
    open: BTreeMap<u64, Arc<Conn>>,
}

impl Registry {
    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Closes the oldest connection that is not answering a request; false when every one is.
    fn evict_one(&mut self) -> bool {
        let now = self.now_ms();
        let idle = |c: &Conn| {
            let done = c.done_at.load(Ordering::SeqCst);
            c.busy.load(Ordering::SeqCst) == 0
                && (done == 0 || now.saturating_sub(done) >= RECENT.as_millis() as u64)
        };
        let found = self.open.iter().find(|(_, c)| idle(c));
        let Some((&id, _)) = found else {
            return false;
        };
        let conn = self.open.remove(&id).expect("found");
        conn.close.notify_one();
        true
    }
}

/// Counts a request as under way until its response is made (or the request is dropped).
struct Busy {
    conn: Arc<Conn>,
    started: Instant,
}

impl Drop for Busy {
    fn drop(&mut self) {
        let ms = self.started.elapsed().as_millis() as u64;
        self.conn.done_at.store(ms.max(1), Ordering::SeqCst);
        self.conn.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Connections waiting to be accepted: more than the 128 of `std::net::TcpListener`, so a burst
/// of them (an attacker reconnecting as fast as it is cut off) does not make the kernel drop a
/// person's connection attempt, which their system retries only a second later.
const BACKLOG: u32 = 4096;

/// Listens on `addr` (within a runtime).
pub fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    // As std does on Unix: a restart does not wait for the old connections' TIME_WAIT.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves `router` on `listener` until `stop` resolves, then lets requests under way finish
/// (up to `limits.stop_grace`) and returns.
pub async fn run(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let registry = Arc::new(Mutex::new(Registry {
        started: Instant::now(),
        next: 0,
        open: BTreeMap::new(),
    }));
    let room = Arc::new(Notify::new());
    let (stopping, stopped) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let mut tasks = tokio::task::JoinSet::new();
    tokio::pin!(stop);
    loop {
        // Room for one more, or wait (every connection is answering a request).
        loop {
            let full = {
                let mut r = registry.lock().expect("not poisoned");
                r.open.len() >= limits.max_connections && !r.evict_one()
            };
            if !full {
                break;
            }
            tokio::select! {
                () = room.notified() => {}
                () = tokio::time::sleep(Duration::from_millis(50)) => {}
                () = &mut stop => return finish(stopping, tasks, limits).await,
            }
        }
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of open files, say: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut stop => return finish(stopping, tasks, limits).await,
        };
        let _ = stream.set_nodelay(true);
        let conn = Arc::new(Conn {
            busy: AtomicUsize::new(0),
            done_at: AtomicU64::new(0),
            close: Notify::new(),
        });
        let (id, started) = {
            let mut r = registry.lock().expect("not poisoned");
            let id = r.next;
            r.next += 1;
            r.open.insert(id, conn.clone());
            (id, r.started)
        };
        let service = {
            let (router, conn) = (router.clone(), conn.clone());
            hyper::service::service_fn(move |request: Request<Incoming>| {
                conn.busy.fetch_add(1, Ordering::SeqCst);
                let busy = Busy {
                    conn: conn.clone(),
                    started,
                };
                let router = router.clone();
                async move {
                    let response = router.oneshot(request.map(Body::new)).await;
                    drop(busy);
                    response
                }
            })
        };
        let serving = builder.serve_connection(TokioIo::new(stream), service);
        let (registry, room, mut stopped) = (registry.clone(), room.clone(), stopped.clone());
        tasks.spawn(async move {
            tokio::pin!(serving);
            let mut stopping = false;
            loop {
                tokio::select! {
                    _ = serving.as_mut() => break,
                    // Made room for a newer connection: close it now.
                    () = conn.close.notified() => break,
                    _ = stopped.changed(), if !stopping => {
                        stopping = true;
                        serving.as_mut().graceful_shutdown();
                    }
                }
            }
            registry.lock().expect("not poisoned").open.remove(&id);
            room.notify_one();
        });
        // Reap the finished ones so the set does not grow.
        while tasks.try_join_next().is_some() {}
    }
}

/// Stops taking connections, asks each open one to finish its request and close, and waits up
/// to the grace period.
async fn finish(
    stopping: watch::Sender<bool>,
    mut tasks: tokio::task::JoinSet<()>,
    limits: Limits,
) {
    let _ = stopping.send(true);
    let all_done = async { while tasks.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(limits.stop_grace, all_done).await;
    tasks.abort_all();
}
