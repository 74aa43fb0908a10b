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
use milemarker_app::{present, values};
use milemarker_core::career::{OptionKind, Snapshot, Weighting};
use milemarker_core::life::{CheckIn, record_checkin};
use milemarker_core::week::IsoWeek;

use super::{FormState, Params, act, forbidden, notice, read_form, update};
use crate::forms::Fields;
use crate::state::{PageError, Shared, csrf_ok};

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
    /// The values in their order: (id, as said, place from 1).
    order: Vec<(String, String, usize)>,
    /// How the values weigh now, in words.
    weighting: &'static str,
    /// The pair asked now, with its number and how many there are.
    pair: Option<Pair>,
    /// Why the pair answered was not saved.
    pair_problem: Option<String>,
    /// The weights the comparisons imply and their consistency ratio, in words.
    consistency: Vec<String>,
    /// What a deal-breaker can test: the values, then the paths' facts ((form value, as said)).
    attributes: Vec<(String, String)>,
    /// The operators a deal-breaker takes: (form value, as said).
    ops: Vec<(&'static str, &'static str)>,
    rule: FormState,
    checkin: FormState,
    /// This week's check-in, if it is in: (week, hours).
    checked_in: Option<(String, f64)>,
}

/// One pair of values to compare on Saaty's scale, as the page asks it.
struct Pair {
    number: usize,
    of: usize,
    a: String,
    b: String,
    /// (index, words), strongest for `a` first.
    answers: Vec<(usize, String)>,
    default: usize,
    answered: bool,
}

/// The operators a deal-breaker is picked with.
const OPS: [(&str, &str); 4] = [
    (">=", "at least"),
    ("<=", "at most"),
    (">", "more than"),
    ("<", "less than"),
];

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
    rule: Option<FormState>,
    checkin: Option<FormState>,
    /// Why the pair answered was not saved.
    pair: Option<String>,
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
    page_at(app, typed, notice, status, None).await
}

/// The pair to ask: the one asked for (`?pair=N`, to skip one or go back), else the first not
/// compared yet, else the last.
fn pair_of(s: &Snapshot, asked: Option<usize>) -> Option<Pair> {
    let questions = values::questions(s).ok()?;
    let of = questions.len();
    let at = asked
        .map(|n| n.clamp(1, of) - 1)
        .or_else(|| {
            questions
                .iter()
                .position(|q| !values::compared(s, &q.a, &q.b))
        })
        .unwrap_or(of - 1);
    let q = &questions[at];
    Some(Pair {
        number: at + 1,
        of,
        a: q.a.clone(),
        b: q.b.clone(),
        answers: q.answers.iter().cloned().enumerate().collect(),
        default: q.default,
        answered: values::compared(s, &q.a, &q.b),
    })
}

/// What a deal-breaker can test: the person's values, then the facts the paths carry.
fn attributes_of(s: &Snapshot) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = s
        .values
        .iter()
        .map(|v| {
            (
                v.id.clone(),
                format!("{} (its score, 1 to 10)", v.id.replace('-', " ")),
            )
        })
        .collect();
    let mut facts: Vec<String> = vec!["hours_per_week".into()];
    for o in &s.options {
        for key in o.attributes.keys() {
            if !facts.contains(key) {
                facts.push(key.clone());
            }
        }
    }
    out.extend(facts.into_iter().map(|f| (f.clone(), f)));
    out
}

async fn page_at(
    app: &Shared,
    typed: Typed,
    notice: Option<String>,
    status: StatusCode,
    asked: Option<usize>,
) -> Result<Response, PageError> {
    let today = app.today().await?;
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
        order: value_order(&s),
        weighting: match s.settings.weighting {
            Weighting::Rank => "Your decisions weigh what matters to you by your order.",
            Weighting::Ahp => "Your decisions weigh what matters to you by your comparisons.",
            Weighting::Unsure => {
                "You are not sure how they weigh, so your decisions try every weighting, within \
                 your order."
            }
            Weighting::Direct => {
                "Your decisions weigh what matters to you by the weights you gave."
            }
        },
        pair: pair_of(&s, asked),
        pair_problem: typed.pair,
        consistency: consistency(&s),
        attributes: attributes_of(&s),
        ops: OPS.to_vec(),
        rule: typed.rule.unwrap_or_else(|| {
            FormState::new(HashMap::from([("op".to_string(), ">=".to_string())]))
        }),
        checked_in: s
            .checkins
            .iter()
            .find(|c| c.week == IsoWeek::of(today))
            .map(|c| (c.week.to_string(), c.hours)),
        checkin: typed.checkin.unwrap_or_else(|| {
            FormState::new(HashMap::from([
                ("week".to_string(), IsoWeek::of(today).to_string()),
                ("weekend_days".to_string(), "0".to_string()),
                ("evenings".to_string(), "0".to_string()),
            ]))
        }),
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn start_page(
    State(app): State<Shared>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let asked = params.get("pair").and_then(|n| n.parse().ok());
    page_at(
        &app,
        Typed::default(),
        notice(&params),
        StatusCode::OK,
        asked,
    )
    .await
}

/// The weights the comparisons imply and their consistency ratio: once every pair is compared,
/// the decision's; before, what the pairs answered so far say.
fn consistency(s: &Snapshot) -> Vec<String> {
    let whole =
        values::questions(s).is_ok_and(|q| q.iter().all(|q| values::compared(s, &q.a, &q.b)));
    let said = if whole {
        present::values::pairwise(s)
    } else {
        present::values::pairwise_so_far(s)
    };
    said.sentences()
        .iter()
        .map(|l| l.trim().to_string())
        .collect()
}

/// The values by rank, then the unranked: (id, as said, place).
fn value_order(s: &Snapshot) -> Vec<(String, String, usize)> {
    let mut values: Vec<_> = s.values.iter().collect();
    values.sort_by_key(|v| v.rank.unwrap_or(u32::MAX));
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id.clone(), v.id.replace('-', " "), i + 1))
        .collect()
}

pub(crate) fn read_profile(fields: &mut Fields, _: Date) -> Option<ProfileFields> {
    let mut looked_up = |name: &str, find: fn(&str) -> Result<String, String>| {
        let typed = fields.optional_text(name)?;
        find(&typed).map_err(|e| fields.fail(name, e)).ok()
    };
    let occupation = looked_up("occupation", milemarker_app::lookup::occupation);
    let area = looked_up("area", milemarker_app::lookup::area);
    // Pay is optional: left empty, /start keeps the stored pay and a record's edit clears it.
    let pay = fields.optional_number("pay", 0.0, 100_000_000.0);
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

/// Where the values step goes back to after a move, a comparison or "not sure".
const ORDER: &str = "#order-heading";

/// Moves a value one place up or down (a button each, no script): the ranking as it is then.
pub async fn order_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let value = form.get("value").cloned().unwrap_or_default();
    let place: usize = form.get("place").and_then(|p| p.parse().ok()).unwrap_or(1);
    act(&app, &form, move |s, _| values::move_to(s, &value, place)).await?;
    Ok(Redirect::to(&format!("/start?saved=order{ORDER}")).into_response())
}

/// One pair compared on Saaty's scale; the next pair not compared is asked next.
pub async fn pair_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    if !csrf_ok(&app, &form) {
        return Err(forbidden());
    }
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let (a, b) = (field("a"), field("b"));
    let chosen: Option<usize> = field("answer").parse().ok();
    let asked = field("number").parse().ok();
    let question = app
        .worker
        .run({
            let (a, b) = (a.clone(), b.clone());
            move |s| {
                Ok(values::questions(&s.load()?)
                    .ok()
                    .and_then(|q| q.into_iter().find(|q| q.a == a && q.b == b)))
            }
        })
        .await?;
    let Some((question, chosen)) = question.zip(chosen.filter(|c| *c < 9)) else {
        let typed = Typed {
            pair: Some("choose how the two compare; nothing was saved".into()),
            ..Typed::default()
        };
        return page_at(&app, typed, None, StatusCode::UNPROCESSABLE_ENTITY, asked).await;
    };
    let judgement = question.judgement(chosen);
    act(&app, &form, move |s, _| {
        values::compare_one(s, &a, &b, judgement).map(drop)
    })
    .await?;
    Ok(Redirect::to("/start?saved=pair#pairs-heading").into_response())
}

/// "I'm not sure": no weights; the decision tries them all (SMAA-2), within the order if any.
pub async fn unsure_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    act(&app, &form, |s, _| {
        values::set_weighting(s, Weighting::Unsure)
    })
    .await?;
    Ok(Redirect::to(&format!("/start?saved=unsure{ORDER}")).into_response())
}

/// A deal-breaker picked from a list: what it tests, how, and the threshold.
struct PickedRule(String);

fn read_rule(fields: &mut Fields, _: Date) -> Option<PickedRule> {
    let attribute = fields.text("attribute").to_string();
    if attribute.is_empty() {
        fields.fail("attribute", "choose what the deal-breaker tests");
    }
    let ops: Vec<(String, &str)> = OPS.iter().map(|(op, _)| (op.to_string(), *op)).collect();
    let op = fields.choice("op", &ops);
    let value = fields
        .parse::<f64>(
            "threshold",
            None,
            "a number, e.g. 5 for a score or 45 for hours",
        )
        .filter(|v| v.is_finite());
    let rule = format!("{attribute} {} {}", op?, value?);
    if let Err(message) = milemarker_app::dealbreakers::check_rule(&rule) {
        fields.fail("threshold", message);
    }
    Some(PickedRule(rule))
}

pub async fn rule_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let save = |s: &mut Snapshot, PickedRule(rule)| {
        milemarker_app::dealbreakers::add(s, &rule, None, None)
    };
    let which: fn(&mut Typed) -> &mut Option<FormState> = |t| &mut t.rule;
    step(
        &app,
        form,
        read_rule,
        which,
        save,
        "/start?saved=rule#rules-heading",
    )
    .await
}

/// The first check-in, the start's last step. It never replaces one: a week checked in already
/// (another tab, the command line) is changed on the check-in page.
pub async fn checkin_submit(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let save = |s: &mut Snapshot, checkin: CheckIn| {
        let week = checkin.week;
        if s.checkins.iter().any(|c| c.week == week) {
            anyhow::bail!(
                "{week} is checked in already; change it on the check-in page (/checkin?week={week})"
            );
        }
        record_checkin(&mut s.checkins, checkin);
        Ok(())
    };
    let which: fn(&mut Typed) -> &mut Option<FormState> = |t| &mut t.checkin;
    step(
        &app,
        form,
        super::checkin::read_checkin,
        which,
        save,
        "/start?saved=first-checkin#checkin-heading",
    )
    .await
}
