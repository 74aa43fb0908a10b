//! Every record, every verb (issue 21): add, edit and remove each kind of record in the browser.
//! One set of handlers and templates serves every kind; a kind says only what its form holds, how
//! its records read as rows, and which of the app's verbs save it.
//!
//! Under the write rule (docs/writes.md): an add is keyed or numbered under the lock; an edit
//! carries a fingerprint of the record as its page showed it and is refused when the record
//! changed meanwhile; a removal is asked again, saying what goes with it, and then applied to
//! the record as it is.

mod decision;
mod evidence;
mod leads;
mod life;
mod network;

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::limits::{self, check_length};

use super::{FormState, Params, notice, read_form, update};
use crate::forms::Fields;
use crate::state::{PageError, Shared, csrf_ok};

pub use decision::{DealBreakers, Options, Risks, Values};
pub use evidence::{Seasons, Skills, Wins};
pub use leads::{Offers, Opportunities, Stages};
pub use life::{FinancesKind, ProfileKind, Tasks};
pub use network::{Contacts, Conversations};

/// One input of a record's form.
pub struct Field {
    pub name: String,
    pub label: String,
    pub hint: String,
    /// "text", "number", "date", "select", "checkbox" or "textarea".
    pub input: &'static str,
    /// Extra attributes for the input (`min`, `max`, `maxlength`...), written by this crate.
    pub attrs: String,
    /// (form value, as said), for a select.
    pub choices: Vec<(String, String)>,
}

impl Field {
    pub fn new(name: &str, label: &str, input: &'static str) -> Field {
        Field {
            name: name.into(),
            label: label.into(),
            hint: String::new(),
            input,
            attrs: String::new(),
            choices: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: &str) -> Field {
        self.hint = hint.into();
        self
    }

    pub fn attrs(mut self, attrs: &str) -> Field {
        self.attrs = attrs.into();
        self
    }

    pub fn choices(mut self, choices: Vec<(String, String)>) -> Field {
        self.input = "select";
        self.choices = choices;
        self
    }
}

/// One record as a row of its list: its id (as the forms send it) and what it says.
pub struct Row {
    pub id: String,
    pub said: String,
}

/// A kind of record and the app's verbs for it.
pub trait Kind: Send + Sync + 'static {
    /// Its address: /records/SLUG.
    const SLUG: &'static str;
    /// "a path", for the pages' sentences.
    const ONE: &'static str;
    /// "Paths", the list's heading.
    const MANY: &'static str;
    /// One sentence on what these records are for.
    const ABOUT: &'static str;
    /// What the form reads into.
    type Input: Send + 'static;

    fn rows(s: &Snapshot) -> Vec<Row>;
    /// The form's inputs; the records give the choices.
    fn fields(s: &Snapshot) -> Vec<Field>;
    /// The record `id` as its form shows it.
    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>>;
    /// What a new record's form starts with.
    fn blank(_s: &Snapshot, _today: Date) -> HashMap<String, String> {
        HashMap::new()
    }
    fn read(fields: &mut Fields, today: Date) -> Option<Self::Input>;
    /// Whether the list offers to add one (not for the profile, nor finances once given).
    fn can_add(_s: &Snapshot) -> bool {
        true
    }
    fn add(s: &mut Snapshot, input: Self::Input, today: Date) -> anyhow::Result<()>;
    fn edit(s: &mut Snapshot, id: &str, input: Self::Input, today: Date) -> anyhow::Result<()>;
    /// Whether its records can be removed (not the profile).
    const REMOVABLE: bool = true;
    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()>;
    /// What goes with the record when it is removed, in words; empty when nothing does.
    fn goes_with(_s: &Snapshot, _id: &str) -> Vec<String> {
        Vec::new()
    }
    /// Why record `id` cannot be removed as things stand, if it cannot: the confirmation says so
    /// instead of offering the button.
    fn blocked(_s: &Snapshot, _id: &str) -> Option<String> {
        (!Self::REMOVABLE).then(|| "there is always one; change it instead".to_string())
    }
    /// Records of other kinds that belong to record `id` (a path's risks), as (kind's slug, id,
    /// what it says), for links from its edit page.
    fn related(_s: &Snapshot, _id: &str) -> Vec<(&'static str, String, String)> {
        Vec::new()
    }
    /// Further one-button verbs on record `id`: (address, label), each posted with the id.
    fn actions(_s: &Snapshot, _id: &str) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
    /// Inputs the form gains from what was typed (the skills that fit a name, to choose from).
    fn more_fields(_typed: &HashMap<String, String>) -> Vec<Field> {
        Vec::new()
    }
    /// The routes those verbs are posted to.
    fn more_routes(router: Router<Shared>) -> Router<Shared> {
        router
    }
}

/// A row as the list shows it: the record, its id for a link, its further verbs.
struct Listed {
    row: Row,
    link: String,
    actions: Vec<(&'static str, &'static str)>,
}

/// The routes of one kind: the list with its add form, the edit form, the removal.
pub fn routes<K: Kind>(router: Router<Shared>) -> Router<Shared> {
    let base = format!("/records/{}", K::SLUG);
    K::more_routes(router)
        .route(&base, get(list::<K>).post(add::<K>))
        .route(&format!("{base}/edit"), get(edit_page::<K>).post(edit::<K>))
        .route(&format!("{base}/remove"), post(remove::<K>))
}

/// One kind as the index and the router know it.
struct Entry {
    routes: fn(Router<Shared>) -> Router<Shared>,
    /// (address, heading, what they are for).
    listed: (String, &'static str, &'static str),
    /// How many there are.
    count: fn(&Snapshot) -> usize,
}

fn entry<K: Kind>() -> Entry {
    Entry {
        routes: routes::<K>,
        listed: (format!("/records/{}", K::SLUG), K::MANY, K::ABOUT),
        count: |s| K::rows(s).len(),
    }
}

/// Every kind, in the order the index lists them.
fn entries() -> Vec<Entry> {
    vec![
        entry::<ProfileKind>(),
        entry::<Values>(),
        entry::<DealBreakers>(),
        entry::<Options>(),
        entry::<Risks>(),
        entry::<FinancesKind>(),
        entry::<Tasks>(),
        entry::<Contacts>(),
        entry::<Conversations>(),
        entry::<Opportunities>(),
        entry::<Stages>(),
        entry::<Offers>(),
        entry::<Seasons>(),
        entry::<Skills>(),
        entry::<Wins>(),
    ]
}

/// Every kind's routes, and the index that leads to them.
pub fn all(router: Router<Shared>) -> Router<Shared> {
    entries()
        .iter()
        .fold(router.route("/records", get(index)), |r, e| (e.routes)(r))
}

#[derive(Template)]
#[template(path = "records.html")]
struct IndexPage {
    current: &'static str,
    /// (address, heading, what they are for, how many).
    kinds: Vec<(String, &'static str, &'static str, usize)>,
}

pub async fn index(State(app): State<Shared>) -> Result<Response, PageError> {
    let s = app.worker.run(|b| b.load()).await?;
    let kinds = entries()
        .into_iter()
        .map(|e| {
            let (href, many, about) = e.listed;
            (href, many, about, (e.count)(&s))
        })
        .collect();
    let page = IndexPage {
        current: "records",
        kinds,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "record_list.html")]
struct ListPage {
    current: &'static str,
    csrf: String,
    notice: Option<String>,
    slug: &'static str,
    one: &'static str,
    many: &'static str,
    /// What they are for, as a sentence of its own.
    about: String,
    rows: Vec<Listed>,
    removable: bool,
    /// The add form, when one is offered.
    add: Option<(FormState, Vec<Field>)>,
}

#[derive(Template)]
#[template(path = "record_edit.html")]
struct EditPage {
    current: &'static str,
    csrf: String,
    slug: &'static str,
    one: &'static str,
    many: &'static str,
    id: String,
    /// The fingerprint of the record as this page shows it.
    shown: String,
    removable: bool,
    f: FormState,
    fields: Vec<Field>,
    /// (address, what it says) of the records that belong to this one.
    related: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "record_remove.html")]
struct ConfirmPage {
    current: &'static str,
    csrf: String,
    slug: &'static str,
    one: &'static str,
    id: String,
    said: String,
    goes: Vec<String>,
    blocked: Option<String>,
}

/// A query or form value put in a link: every byte but the unreserved ones percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A record as shown, reduced to a word that changes when any field does (FNV-1a over the
/// fields in name order): stable across restarts, unlike std's hasher.
fn fingerprint(shown: &HashMap<String, String>) -> String {
    let mut pairs: Vec<_> = shown.iter().collect();
    pairs.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, value) in pairs {
        for b in name.bytes().chain([0]).chain(value.bytes()).chain([0]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The form's inputs: the kind's, and those what was typed calls for.
fn every_field<K: Kind>(s: &Snapshot, f: &FormState) -> Vec<Field> {
    let mut fields = K::fields(s);
    fields.extend(K::more_fields(&f.values));
    fields
}

async fn list_render<K: Kind>(
    app: &Shared,
    typed: Option<FormState>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let today = app.today().await?;
    let s = app.worker.run(|b| b.load()).await?;
    let add = K::can_add(&s).then(|| {
        let f = typed.unwrap_or_else(|| FormState::new(K::blank(&s, today)));
        let fields = every_field::<K>(&s, &f);
        (f, fields)
    });
    let page = ListPage {
        current: "records",
        csrf: app.csrf.clone(),
        notice,
        slug: K::SLUG,
        one: K::ONE,
        many: K::MANY,
        about: sentence(K::ABOUT),
        rows: K::rows(&s)
            .into_iter()
            .map(|row| Listed {
                link: encode(&row.id),
                actions: K::actions(&s, &row.id),
                row,
            })
            .collect(),
        removable: K::REMOVABLE,
        add,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn list<K: Kind>(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    list_render::<K>(&app, None, notice(&params), StatusCode::OK).await
}

fn gone<K: Kind>(id: &str) -> PageError {
    PageError {
        status: StatusCode::NOT_FOUND,
        message: format!(
            "there is no {} \"{id}\" (removed meanwhile?); the list is at /records/{}",
            K::ONE.trim_start_matches("a ").trim_start_matches("an "),
            K::SLUG
        ),
    }
}

/// The edit form of record `id`: as stored, or as typed when `typed` is given.
async fn edit_render<K: Kind>(
    app: &Shared,
    id: String,
    typed: Option<FormState>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let s = app.worker.run(|b| b.load()).await?;
    let Some(stored) = K::shown(&s, &id) else {
        return Err(gone::<K>(&id));
    };
    let f = typed.unwrap_or_else(|| FormState::new(stored.clone()));
    let related = K::related(&s, &id)
        .into_iter()
        .map(|(slug, id, said)| (format!("/records/{slug}/edit?id={}", encode(&id)), said))
        .collect();
    let page = EditPage {
        current: "records",
        csrf: app.csrf.clone(),
        slug: K::SLUG,
        one: K::ONE,
        many: K::MANY,
        shown: fingerprint(&stored),
        id,
        removable: K::REMOVABLE,
        fields: every_field::<K>(&s, &f),
        related,
        f,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn edit_page<K: Kind>(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let id = params.get("id").cloned().unwrap_or_default();
    edit_render::<K>(&app, id, None, StatusCode::OK).await
}

/// Reads a form with `K::read`, after refusing any field longer than the limit on text (a request
/// need not keep to the form's `maxlength`).
fn read_within<K: Kind>(fields: &mut Fields, today: Date) -> Option<K::Input> {
    let long: Vec<(String, String)> = fields
        .form()
        .iter()
        .filter_map(|(name, text)| {
            let refused = check_length(name, text, limits::TEXT).err()?;
            Some((name.clone(), refused.message))
        })
        .collect();
    for (name, message) in long {
        fields.fail(&name, message);
    }
    K::read(fields, today)
}

/// Reads a form with `K::read`, saves it with `save` under the write rule, and goes to `done`; or
/// shows the form again as typed, with why, by `again`.
async fn submit<K: Kind, F>(
    app: &Shared,
    form: HashMap<String, String>,
    save: impl FnOnce(&mut Snapshot, K::Input, Date) -> anyhow::Result<()> + Send + 'static,
    done: String,
    again: impl FnOnce(FormState, StatusCode) -> F,
) -> Result<Response, PageError>
where
    F: Future<Output = Result<Response, PageError>>,
{
    let kept = form.clone();
    let input = match read_form(app, form, read_within::<K>).await? {
        Ok(input) => input,
        Err(f) => return again(f, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match update(app, move |s, today| save(s, input, today)).await {
        Ok(()) => Ok(Redirect::to(&done).into_response()),
        Err(err) => {
            let status = err.status;
            again(FormState::refused(kept, err)?, status).await
        }
    }
}

pub async fn add<K: Kind>(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let done = format!("/records/{}?saved=added", K::SLUG);
    let again = |f, status| list_render::<K>(&app, Some(f), None, status);
    submit::<K, _>(&app, form, K::add, done, again).await
}

pub async fn edit<K: Kind>(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = form.get("id").cloned().unwrap_or_default();
    let shown = form.get("shown").cloned().unwrap_or_default();
    let done = format!("/records/{}?saved=edited", K::SLUG);
    let save = {
        let id = id.clone();
        move |s: &mut Snapshot, input, today| {
            // Applied only to the record as the page showed it: a change made meanwhile (another
            // tab, the CLI) is not overwritten unseen. The page shown again carries the record's
            // new fingerprint, so saving again replaces it knowingly.
            match K::shown(s, &id) {
                Some(now) if fingerprint(&now) == shown => K::edit(s, &id, input, today),
                Some(_) => anyhow::bail!(
                    "this was changed elsewhere since the page showed it; reload to see it, or \
                     save again to replace it with what you typed"
                ),
                None => anyhow::bail!("it was removed meanwhile"),
            }
        }
    };
    let again = |f, status| edit_render::<K>(&app, id.clone(), Some(f), status);
    submit::<K, _>(&app, form, save, done, again).await
}

/// Removal in two steps, both posted: the first shows what goes with the record and asks; the
/// second (`confirm=yes`) removes it.
pub async fn remove<K: Kind>(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    if !csrf_ok(&app, &form) {
        return Err(super::forbidden());
    }
    let id = form.get("id").cloned().unwrap_or_default();
    if form.get("confirm").map(String::as_str) == Some("yes") {
        let removed = id.clone();
        update(&app, move |s, _| K::remove(s, &removed)).await?;
        return Ok(Redirect::to(&format!("/records/{}?saved=removed", K::SLUG)).into_response());
    }
    let s = app.worker.run(|b| b.load()).await?;
    let Some(row) = K::rows(&s).into_iter().find(|r| r.id == id) else {
        return Err(gone::<K>(&id));
    };
    let page = ConfirmPage {
        current: "records",
        csrf: app.csrf.clone(),
        slug: K::SLUG,
        one: K::ONE,
        goes: K::goes_with(&s, &id),
        blocked: K::blocked(&s, &id),
        id,
        said: row.said,
    };
    Ok(Html(page.render()?).into_response())
}

/// `text` with its first letter a capital.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "1 path" or "2 paths".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
