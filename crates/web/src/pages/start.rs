//! The guided start (issue 21, in part): a person who opens the browser on an empty database
//! says who they are and ranks what matters to them, each step saved on its own, so they can
//! leave and come back. The rules are the app's (`profile`, `lookup`, `values`).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use milemarker_app::init;
use milemarker_app::profile::ProfileFields;
use milemarker_core::career::{OptionKind, Snapshot};

use super::{FormState, Params, notice, read_form, update};
use crate::forms::Fields;
use crate::state::{PageError, Shared};

/// Value fields offered, most important first.
const VALUES: usize = 6;
/// Deal-breaker fields offered.
const RULES: usize = 3;
/// Field names for the rules and the scores: a problem is kept beside its field by a name that
/// lives as long as the page, so the forms offer at most this many.
const RULE_SLOTS: [&str; 9] = [
    "rule1", "rule2", "rule3", "rule4", "rule5", "rule6", "rule7", "rule8", "rule9",
];
const SCORE_SLOTS: [&str; 12] = [
    "score1", "score2", "score3", "score4", "score5", "score6", "score7", "score8", "score9",
    "score10", "score11", "score12",
];
/// The kinds of path, as the form offers them.
pub(crate) const KINDS: [(OptionKind, &str); 8] = [
    (OptionKind::Stay, "stay where you are"),
    (OptionKind::Promotion, "move up"),
    (OptionKind::Lateral, "move sideways"),
    (OptionKind::StepBack, "step back"),
    (OptionKind::PartTime, "part-time"),
    (OptionKind::Offer, "an offer"),
    (OptionKind::CareerBreak, "a career break"),
    (OptionKind::Leave, "leave"),
];

#[derive(Template)]
#[template(path = "start.html")]
struct StartPage {
    current: &'static str,
    csrf: String,
    notice: Option<String>,
    profile: FormState,
    values: FormState,
    /// The value fields' names: value1, value2, ...
    slots: Vec<String>,
    rules: FormState,
    rule_slots: Vec<String>,
    path: FormState,
    /// The person's values, (score field, id, as said), for the path's scores.
    values_named: Vec<(String, String, String)>,
    /// The paths so far: (name, kind).
    paths: Vec<(String, String)>,
    /// (form value, as said).
    kinds: Vec<(&'static str, &'static str)>,
    /// What the decision still lacks, in words; empty when it can be made.
    lacks: Vec<String>,
}

/// The profile as the form shows it.
pub(crate) fn profile_values(s: &Snapshot) -> HashMap<String, String> {
    let p = &s.profile;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    HashMap::from([
        ("name".into(), text(&p.name)),
        ("level".into(), text(&p.level)),
        ("occupation".into(), text(&p.occupation)),
        ("area".into(), text(&p.area)),
        (
            "pay".into(),
            p.pay.map(|v| v.to_string()).unwrap_or_default(),
        ),
        ("boundary".into(), p.boundary_hours.to_string()),
        ("work_days".into(), p.work_days.to_string()),
    ])
}

/// The values as the form shows them: by rank, then the unranked.
fn value_values(s: &Snapshot) -> HashMap<String, String> {
    let mut values: Vec<_> = s.values.iter().collect();
    values.sort_by_key(|v| v.rank.unwrap_or(u32::MAX));
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("value{}", i + 1), v.id.replace('-', " ")))
        .collect()
}

/// The forms of the start page; the one a failed submit came from is shown as it was typed.
#[derive(Default)]
struct Typed {
    profile: Option<FormState>,
    values: Option<FormState>,
    rules: Option<FormState>,
    path: Option<FormState>,
}

/// The deal-breakers as the form shows them: "family-time >= 5".
fn rule_values(s: &Snapshot) -> HashMap<String, String> {
    RULE_SLOTS
        .iter()
        .zip(&s.dealbreakers)
        .map(|(slot, d)| {
            let rule = format!("{} {} {}", d.attribute, d.op.as_str(), d.value);
            (slot.to_string(), rule)
        })
        .collect()
}

async fn page(
    app: &Shared,
    typed: Typed,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let s = app.worker.run(|b| b.load()).await?;
    let kind = |k: OptionKind| {
        let said = KINDS
            .iter()
            .find(|(kind, _)| *kind == k)
            .map_or(k.as_str(), |k| k.1);
        said.to_string()
    };
    let rule_slots = RULES.max(s.dealbreakers.len()).min(RULE_SLOTS.len());
    let page = StartPage {
        current: "",
        csrf: app.csrf.clone(),
        notice,
        profile: typed
            .profile
            .unwrap_or_else(|| FormState::new(profile_values(&s))),
        values: typed
            .values
            .unwrap_or_else(|| FormState::new(value_values(&s))),
        slots: (1..=VALUES.max(s.values.len()))
            .map(|i| format!("value{i}"))
            .collect(),
        rules: typed
            .rules
            .unwrap_or_else(|| FormState::new(rule_values(&s))),
        rule_slots: RULE_SLOTS[..rule_slots]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        path: typed.path.unwrap_or_else(|| FormState::new(HashMap::new())),
        values_named: SCORE_SLOTS
            .iter()
            .zip(&s.values)
            .map(|(slot, v)| (slot.to_string(), v.id.clone(), v.id.replace('-', " ")))
            .collect(),
        paths: s
            .options
            .iter()
            .map(|o| (o.name.clone(), kind(o.kind)))
            .collect(),
        kinds: KINDS.iter().map(|(k, said)| (k.as_str(), *said)).collect(),
        lacks: s.decision_gaps(None).iter().map(|g| g.what()).collect(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn start_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    page(&app, Typed::default(), notice(&params), StatusCode::OK).await
}

pub(crate) fn read_profile(fields: &mut Fields, _: Date) -> Option<ProfileFields> {
    let mut looked_up = |name: &str, find: fn(&str) -> Result<String, String>| {
        let typed = fields.optional_text(name)?;
        find(&typed).map_err(|e| fields.fail(name, e)).ok()
    };
    let occupation = looked_up("occupation", milemarker_app::lookup::occupation);
    let area = looked_up("area", milemarker_app::lookup::area);
    // Pay is optional: left empty, the stored pay stays.
    let pay = if fields.text("pay").is_empty() {
        None
    } else {
        fields.number::<f64>("pay", None, 0.0, 100_000_000.0)
    };
    Some(ProfileFields {
        name: Some(fields.text("name").to_string()),
        level: Some(fields.text("level").to_string()),
        occupation: occupation.or(Some(String::new())),
        area: area.or(Some(String::new())),
        pay,
        boundary: fields.number("boundary", Some(init::DEFAULT_BOUNDARY), 1.0, 100.0),
        work_days: fields.number("work_days", Some(5), 1, 7),
        ..ProfileFields::default()
    })
}

fn read_values(fields: &mut Fields, _: Date) -> Option<Vec<String>> {
    let mut named: Vec<(usize, String)> = fields
        .form()
        .iter()
        .filter_map(|(k, v)| {
            let n: usize = k.strip_prefix("value")?.parse().ok()?;
            Some((n, v.trim().to_string())).filter(|(_, v)| !v.is_empty())
        })
        .collect();
    named.sort();
    if named.len() < 2 {
        fields.fail(
            "value1",
            "name at least two things that matter to you in your work, most important first",
        );
        return None;
    }
    Some(named.into_iter().map(|(_, v)| v).collect())
}

fn read_rules(fields: &mut Fields, _: Date) -> Option<Vec<String>> {
    let mut rules = Vec::new();
    for slot in RULE_SLOTS {
        let text = fields.text(slot).to_string();
        match milemarker_app::dealbreakers::check_rule(&text) {
            Err(message) => fields.fail(slot, message),
            Ok(()) if !text.is_empty() => rules.push(text),
            Ok(()) => {}
        }
    }
    fields.ok().then_some(rules)
}

/// A path to weigh: its name, kind, hours a week and a score from 1 to 10 for each value.
struct NewPath {
    name: String,
    fields: milemarker_app::options::OptionFields,
}

fn read_path(fields: &mut Fields, _: Date) -> Option<NewPath> {
    let name = fields.text("name").to_string();
    if name.is_empty() {
        fields.fail(
            "name",
            "name the path, e.g. \"stay as team lead\" or \"product manager\"",
        );
    }
    let kinds: Vec<(String, OptionKind)> = KINDS
        .iter()
        .map(|(k, _)| (k.as_str().to_string(), *k))
        .collect();
    let kind = fields.choice("kind", &kinds);
    let hours = if fields.text("hours").is_empty() {
        None
    } else {
        fields.number::<f64>("hours", None, 0.0, 168.0)
    };
    // Each score field comes with the value it scores (a hidden field beside it).
    let mut scores = Vec::new();
    for slot in SCORE_SLOTS {
        let value = fields.text(&format!("{slot}-value")).to_string();
        if value.is_empty() || fields.text(slot).is_empty() {
            continue;
        }
        if let Some(n) = fields.number::<f64>(slot, None, 1.0, 10.0) {
            scores.push(format!("{value}={n}"));
        }
    }
    Some(NewPath {
        name,
        fields: milemarker_app::options::OptionFields {
            kind,
            scores,
            attributes: hours
                .map(|h| format!("hours_per_week={h}"))
                .into_iter()
                .collect(),
            ..Default::default()
        },
    })
}

/// One step of the start: its form read, then saved by `save` under the write rule; or shown
/// again as typed, with why, when a field is wrong (422), the app refuses it (422) or the
/// database is busy (503).
async fn step<T: Send + 'static>(
    app: &Shared,
    form: HashMap<String, String>,
    read: fn(&mut Fields, Date) -> Option<T>,
    which: fn(&mut Typed) -> &mut Option<FormState>,
    save: impl FnOnce(&mut Snapshot, T) -> anyhow::Result<()> + Send + 'static,
    done: &str,
) -> Result<Response, PageError> {
    let kept = form.clone();
    let shown = |f: FormState| {
        let mut typed = Typed::default();
        *which(&mut typed) = Some(f);
        typed
    };
    let value = match read_form(app, form, read).await? {
        Ok(value) => value,
        Err(f) => return page(app, shown(f), None, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match update(app, move |s, _| save(s, value)).await {
        Ok(()) => Ok(Redirect::to(done).into_response()),
        Err(err) => {
            let status = err.status;
            page(app, shown(FormState::refused(kept, err)?), None, status).await
        }
    }
}

pub async fn profile_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let save = |s: &mut Snapshot, fields| {
        milemarker_app::profile::apply(&mut s.profile, fields);
        Ok(())
    };
    let which: fn(&mut Typed) -> &mut Option<FormState> = |t| &mut t.profile;
    step(
        &app,
        form,
        read_profile,
        which,
        save,
        "/start?saved=profile#values-heading",
    )
    .await
}

pub async fn values_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let save = |s: &mut Snapshot, names: Vec<String>| milemarker_app::values::rank(s, &names);
    let which: fn(&mut Typed) -> &mut Option<FormState> = |t| &mut t.values;
    step(
        &app,
        form,
        read_values,
        which,
        save,
        "/start?saved=values#rules-heading",
    )
    .await
}

/// The deal-breakers: the lines the person will not cross. Saved whole: the form lists them all.
pub async fn rules_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let save = |s: &mut Snapshot, rules: Vec<String>| {
        s.dealbreakers.clear();
        for rule in &rules {
            milemarker_app::dealbreakers::add(s, rule, None, None)?;
        }
        Ok(())
    };
    let which: fn(&mut Typed) -> &mut Option<FormState> = |t| &mut t.rules;
    step(
        &app,
        form,
        read_rules,
        which,
        save,
        "/start?saved=rules#paths-heading",
    )
    .await
}

pub async fn path_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let save = |s: &mut Snapshot, path: NewPath| {
        let id = milemarker_core::career::slug(&path.name);
        let fields = milemarker_app::options::OptionFields {
            name: Some(path.name),
            ..path.fields
        };
        milemarker_app::options::add(s, &id, fields)
    };
    let which: fn(&mut Typed) -> &mut Option<FormState> = |t| &mut t.path;
    step(
        &app,
        form,
        read_path,
        which,
        save,
        "/start?saved=path#paths-heading",
    )
    .await
}
