//! Files in (issue 21, item 3): a vCard address book, a time tracker's export, a postings file and
//! an export document to restore, each uploaded from the browser as a form (multipart, the form
//! token inside). Each kind has its own cap on what the browser may send, said on the page and
//! applied by `routes::whole_body` only on its route. The imports are the app's, the same the
//! CLI runs: a bad file is refused whole with the CLI's words (file, line, field, how to fix) and
//! nothing is written. Postings import off the request, on a thread with a connection of its own,
//! and a page that refreshes itself (no script) shows how far it has come.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use milemarker_app::hours::{self, TrackerExport};
use milemarker_app::input::upload_text;
use milemarker_app::postings::{Progress, import_upload};
use milemarker_app::present;
use milemarker_app::session::Session;
use milemarker_core::tracker::Tracker;

use super::forbidden;
use crate::state::{ImportJob as Job, PageError, Shared, csrf_ok};

const MIB: usize = 1 << 20;

/// One kind of file taken in: its route, what it is, and the most the browser may send for it.
pub struct Upload {
    pub path: &'static str,
    pub what: &'static str,
    pub cap: usize,
}

/// An address book of vCards, photos included, runs to a few MiB.
pub const CONTACTS: Upload = Upload {
    path: "/files/contacts",
    what: "a vCard file",
    cap: 32 * MIB,
};
/// Years of a time tracker's intervals.
pub const HOURS: Upload = Upload {
    path: "/files/hours",
    what: "a time tracker's export",
    cap: 32 * MIB,
};
/// Sent whole and kept on disk while it imports; a larger file goes through
/// `milemarker postings import FILE`, which streams it.
pub const POSTINGS: Upload = Upload {
    path: "/files/postings",
    what: "a postings file",
    cap: 128 * MIB,
};
/// Decades of weeks, wins and contacts take a few MiB.
pub const RESTORE: Upload = Upload {
    path: "/files/restore",
    what: "an export document",
    cap: 32 * MIB,
};

const UPLOADS: [&Upload; 4] = [&CONTACTS, &HOURS, &POSTINGS, &RESTORE];

/// Room for the form around the file: the token, the boundaries and the other fields.
const FORM_ROOM: usize = 64 * 1024;

/// The upload a POST to `path` is, for `whole_body`'s cap: the file's cap and the form around it.
pub fn upload_at(path: &str) -> Option<(&'static Upload, usize)> {
    UPLOADS
        .into_iter()
        .find(|u| u.path == path)
        .map(|u| (u, u.cap + FORM_ROOM))
}

/// The trackers the hours form offers: (form value, as said, the tracker).
const TRACKERS: [(&str, &str, Tracker); 4] = [
    (
        "timewarrior",
        "Timewarrior (timew export)",
        Tracker::Timewarrior,
    ),
    (
        "toggl",
        "Toggl Track or Clockify (detailed report, CSV)",
        Tracker::Toggl,
    ),
    (
        "watson",
        "Watson (its frames file, ~/.config/watson/frames)",
        Tracker::Watson,
    ),
    (
        "activitywatch",
        "ActivityWatch (an export; the time not away counts)",
        Tracker::Activitywatch,
    ),
];

/// The app's progress, kept where the progress page reads it.
struct Shown(Arc<Mutex<Job>>);

impl Progress for Shown {
    fn start(&mut self, total: u64, unit: &str) {
        if let Ok(mut job) = self.0.lock() {
            job.total = total;
            job.unit = unit.to_string();
        }
    }
    fn at(&mut self, done: u64) {
        if let Ok(mut job) = self.0.lock() {
            job.done = done;
        }
    }
    fn finish(&mut self) {}
    fn rows(&mut self, read: u64) {
        if let Ok(mut job) = self.0.lock() {
            job.rows = read;
        }
    }
}

/// What one form on the page says after a submit: what was done, or why nothing was.
#[derive(Default)]
struct Said {
    done: Vec<String>,
    problem: Option<String>,
}

#[derive(Template)]
#[template(path = "files.html")]
struct FilesPage {
    current: &'static str,
    csrf: String,
    contacts: Said,
    hours: Said,
    postings: Said,
    restore: Said,
    /// (form value, as said).
    trackers: Vec<(&'static str, &'static str)>,
    tracker: String,
    tz: String,
    /// The postings imports since the server started: (id, name, how far or how it ended).
    /// (address, file name, how far it has come).
    jobs: Vec<(String, String, String)>,
    caps: [String; 4],
}

fn mib(cap: usize) -> String {
    format!("{} MiB", cap / MIB)
}

/// The form as sent: its text fields, and the file (its name as sent, its bytes).
struct Sent {
    fields: HashMap<String, String>,
    file: Option<(String, Vec<u8>)>,
}

impl Sent {
    fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |v| v.trim())
    }
}

async fn read_sent(mut form: Multipart) -> Result<Sent, PageError> {
    let unreadable = |err: axum::extract::multipart::MultipartError| PageError {
        status: StatusCode::BAD_REQUEST,
        message: format!("the form could not be read: {err}; nothing was changed"),
    };
    let mut sent = Sent {
        fields: HashMap::new(),
        file: None,
    };
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            // A browser sends the name alone; any folder a client adds is dropped.
            let file_name = field.file_name().unwrap_or("").to_string();
            let file_name = file_name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or("")
                .to_string();
            let bytes = field.bytes().await.map_err(unreadable)?;
            sent.file = Some((file_name, bytes.to_vec()));
        } else {
            let text = field.text().await.map_err(unreadable)?;
            sent.fields.insert(name, text);
        }
    }
    Ok(sent)
}

/// The file sent, or why there is none.
fn file_of(sent: &mut Sent) -> Result<(String, Vec<u8>), String> {
    match sent.file.take() {
        Some((name, bytes)) if !(name.is_empty() && bytes.is_empty()) => {
            let name = if name.is_empty() {
                "the file sent".to_string()
            } else {
                name
            };
            Ok((name, bytes))
        }
        _ => Err("choose a file first; nothing was changed".into()),
    }
}

async fn page(
    app: &Shared,
    fill: impl FnOnce(&mut FilesPage),
    status: StatusCode,
) -> Result<Response, PageError> {
    let tz = hours::zone_named(None).unwrap_or_else(|_| "UTC".into());
    let jobs = app
        .imports
        .lock()
        .map(|jobs| {
            jobs.iter()
                .enumerate()
                .map(|(i, job)| {
                    let job = job.lock().expect("not poisoned");
                    (job_address(app, i + 1), job.name.clone(), state_of(&job))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut shown = FilesPage {
        current: "files",
        csrf: app.csrf.clone(),
        contacts: Said::default(),
        hours: Said::default(),
        postings: Said::default(),
        restore: Said::default(),
        trackers: TRACKERS.iter().map(|(v, said, _)| (*v, *said)).collect(),
        tracker: "timewarrior".into(),
        tz,
        jobs,
        caps: UPLOADS.map(|u| mib(u.cap)),
    };
    fill(&mut shown);
    Ok((status, Html(shown.render()?)).into_response())
}

/// How far a job has come, or how it ended, in a few words.
fn state_of(job: &Job) -> String {
    match &job.outcome {
        Some(Ok(_)) => "imported".into(),
        Some(Err(_)) => "refused: nothing was imported".into(),
        None => format!("running: {}", how_far(job)),
    }
}

/// "8,192 rows read (40% of 10,000,000 bytes)", or "4,096 of 10,000 rows read (40%)" when the
/// reader counts rows.
fn how_far(job: &Job) -> String {
    let grouped = |n: u64| milemarker_core::markers::grouped(n as f64);
    if job.total == 0 {
        return "starting".into();
    }
    let share = job.done.min(job.total) * 100 / job.total;
    if job.unit == "rows" {
        return format!(
            "{} of {} rows read ({share}%)",
            grouped(job.done),
            grouped(job.total)
        );
    }
    format!(
        "{} rows read ({share}% of {} {})",
        grouped(job.rows),
        grouped(job.total),
        job.unit
    )
}

pub async fn files_page(State(app): State<Shared>) -> Result<Response, PageError> {
    page(&app, |_| {}, StatusCode::OK).await
}

/// Answers an upload: what it did, or the problem on the page (422, nothing written).
async fn answered(
    app: &Shared,
    which: fn(&mut FilesPage) -> &mut Said,
    outcome: Result<Vec<String>, String>,
    fill: impl FnOnce(&mut FilesPage),
) -> Result<Response, PageError> {
    let status = match outcome {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    page(
        app,
        move |p| {
            fill(p);
            let said = which(p);
            match outcome {
                Ok(done) => said.done = done,
                Err(problem) => said.problem = Some(problem),
            }
        },
        status,
    )
    .await
}

/// A refusal from the app, in its words; a busy database or a failure of the server's own is
/// an error page.
fn refusal(err: PageError) -> Result<String, PageError> {
    match err.status {
        StatusCode::INTERNAL_SERVER_ERROR => Ok(err.message),
        _ => Err(err),
    }
}

/// Saves what was read from the file with `save` on the session, under the write rule: what it
/// did, in words, or why nothing was written (the problem reading it, or the app's refusal).
async fn saved_by<T: Send + 'static>(
    app: &Shared,
    read: Result<T, String>,
    save: impl FnOnce(&mut Session, T) -> anyhow::Result<Vec<String>> + Send + 'static,
) -> Result<Result<Vec<String>, String>, PageError> {
    let read = match read {
        Ok(read) => read,
        Err(problem) => return Ok(Err(problem)),
    };
    match app.worker.run(move |s| save(s, read)).await {
        Ok(done) => {
            app.saved();
            Ok(Ok(done))
        }
        Err(err) => Ok(Err(refusal(err)?)),
    }
}

/// The form's token checked, then its file as text.
async fn sent_text(
    app: &Shared,
    form: Multipart,
) -> Result<(Sent, Result<(String, String), String>), PageError> {
    let mut sent = read_sent(form).await?;
    if !csrf_ok(app, &sent.fields) {
        return Err(forbidden());
    }
    let text = file_of(&mut sent).and_then(|(name, bytes)| {
        upload_text(&name, bytes)
            .map(|text| (name, text))
            .map_err(|e| format!("{e:#}"))
    });
    Ok((sent, text))
}

pub async fn contacts_upload(
    State(app): State<Shared>,
    form: Multipart,
) -> Result<Response, PageError> {
    let (_, text) = sent_text(&app, form).await?;
    let outcome = saved_by(&app, text, |s, (name, text)| {
        let done = s.import_cards(&name, &text)?;
        Ok(present::network::imported(&done, &name).sentences())
    })
    .await?;
    answered(&app, |p| &mut p.contacts, outcome, |_| {}).await
}

pub async fn hours_upload(
    State(app): State<Shared>,
    form: Multipart,
) -> Result<Response, PageError> {
    let (sent, text) = sent_text(&app, form).await?;
    let tracker = sent.field("tracker").to_string();
    let tz = sent.field("tz").to_string();
    let keep = {
        let (tracker, tz) = (tracker.clone(), tz.clone());
        move |p: &mut FilesPage| {
            p.tracker = tracker;
            p.tz = tz;
        }
    };
    let source = TRACKERS.iter().find(|t| t.0 == tracker).map(|t| t.2);
    let export = text.and_then(|(name, text)| {
        let source = source.ok_or_else(|| {
            "choose the tracker that wrote the file; nothing was changed".to_string()
        })?;
        let tz = hours::zone_named(Some(tz.clone()).filter(|t| !t.is_empty()))
            .map_err(|e| format!("{e:#}"))?;
        hours::parse(&name, source, &text, tz).map_err(|e| format!("{e:#}"))
    });
    let outcome = saved_by(&app, export, |s, export| {
        let added = s.import_hours(&export)?;
        Ok(hours_said(&export, &added))
    })
    .await?;
    answered(&app, |p| &mut p.hours, outcome, keep).await
}

/// What a tracker import did, with what the tracker's file warned of.
fn hours_said(export: &TrackerExport, added: &hours::Added) -> Vec<String> {
    let mut said = present::life::intervals_imported(added, &export.name, &export.tz).sentences();
    said.extend(
        export
            .parsed
            .warnings
            .iter()
            .map(|w| format!("warning: {}: {w}", export.name)),
    );
    said
}

pub async fn restore_upload(
    State(app): State<Shared>,
    form: Multipart,
) -> Result<Response, PageError> {
    let (sent, text) = sent_text(&app, form).await?;
    let confirmed = sent.field("confirm") == "yes";
    let text = text.and_then(|file| {
        if confirmed {
            Ok(file)
        } else {
            Err(
                "tick \"Replace all my records with this file\" to restore it; nothing was changed"
                    .to_string(),
            )
        }
    });
    let outcome = saved_by(&app, text, |s, (name, text)| {
        let back = s.restore(&name, &text)?;
        Ok(present::records::restored(&back, &name).sentences())
    })
    .await?;
    answered(&app, |p| &mut p.restore, outcome, |_| {}).await
}

/// Takes the postings file, keeps it on disk and starts importing it on a thread of its own;
/// answers with the progress page.
pub async fn postings_upload(
    State(app): State<Shared>,
    form: Multipart,
) -> Result<Response, PageError> {
    let mut sent = read_sent(form).await?;
    if !csrf_ok(&app, &sent.fields) {
        return Err(forbidden());
    }
    let (name, bytes) = match file_of(&mut sent) {
        Ok(file) => file,
        Err(problem) => {
            return answered(&app, |p| &mut p.postings, Err(problem), |_| {}).await;
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let problem = format!("{name} is empty; nothing to import");
        return answered(&app, |p| &mut p.postings, Err(problem), |_| {}).await;
    }
    let skip_bad = sent.field("skip_bad") == "yes";
    let today = app.today().await?;
    let db = app.worker.run(|s| Ok(s.path().to_path_buf())).await?;
    let kept = tempfile::Builder::new()
        .prefix("milemarker-upload-")
        .tempfile()
        .and_then(|mut f| f.write_all(&bytes).and(f.flush()).map(|()| f))
        .map_err(|e| PageError::internal(&format!("cannot keep the file sent: {e}")))?;
    drop(bytes);
    let job = Arc::new(Mutex::new(Job {
        name: name.clone(),
        ..Job::default()
    }));
    let id = {
        let mut jobs = app.imports.lock().expect("not poisoned");
        jobs.push(job.clone());
        jobs.len()
    };
    std::thread::Builder::new()
        .name("milemarker-postings".into())
        .spawn(move || {
            let file = kept.path().to_path_buf();
            let done = import_upload(&db, &file, &name, skip_bad, today, &mut Shown(job.clone()));
            let said = done
                .map(|o| present::market::imported(&name, &o).sentences())
                .map_err(|e| format!("{e:#}"));
            // The file kept is removed before the page says the import is over.
            drop(kept);
            if let Ok(mut job) = job.lock() {
                job.outcome = Some(said);
            }
        })
        .map_err(|e| PageError::internal(&format!("cannot start the import: {e}")))?;
    Ok(Redirect::to(&job_address(&app, id)).into_response())
}

/// The address of import `n` (from 1) of this run of the server.
pub fn job_address(app: &Shared, n: usize) -> String {
    format!("/files/postings/{}-{n}", app.run)
}

#[derive(Template)]
#[template(path = "files_job.html")]
struct JobPage {
    current: &'static str,
    name: String,
    running: bool,
    how_far: String,
    done: Vec<String>,
    problem: Option<String>,
}

#[derive(Template)]
#[template(path = "files_job_unknown.html")]
struct UnknownJobPage {
    current: &'static str,
    said: Vec<String>,
}

/// How far a postings import has come; the page refreshes itself every second until it is done.
/// An import this run of the server did not start (it restarted since, or the address is wrong)
/// is not found, and the page says so, and what the store holds now.
pub async fn postings_job(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let n = id
        .split_once('-')
        .filter(|(run, _)| *run == app.run)
        .and_then(|(_, n)| n.parse::<usize>().ok());
    let job = app
        .imports
        .lock()
        .ok()
        .zip(n)
        .and_then(|(jobs, n)| jobs.get(n.wrapping_sub(1)).cloned());
    let Some(job) = job else {
        let said = app
            .worker
            .run(|s| Ok(present::market::import_unknown(&s.postings_held()?)))
            .await?
            .sentences();
        let page = UnknownJobPage {
            current: "files",
            said,
        };
        return Ok((StatusCode::NOT_FOUND, Html(page.render()?)).into_response());
    };
    let shown = {
        let job = job.lock().expect("not poisoned");
        let (done, problem) = match &job.outcome {
            Some(Ok(done)) => (done.clone(), None),
            Some(Err(problem)) => (Vec::new(), Some(problem.clone())),
            None => (Vec::new(), None),
        };
        JobPage {
            current: "files",
            name: job.name.clone(),
            running: job.outcome.is_none(),
            how_far: how_far(&job),
            done,
            problem,
        }
    };
    let status = if shown.problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Html(shown.render()?)).into_response())
}
