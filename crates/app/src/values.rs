//! A person's values: what matters to them, how much, and how the decision weighs them. Every
//! edit here refuses what would leave the values inconsistent, in words that name the fix.

use anyhow::{Result, bail};
use milemarker_core::career::{Snapshot, Value, ValueJudgement, Weighting, slug, validate_id};
use milemarker_core::decision::ahp::{self, SoFar};
use milemarker_core::decision::document::Judgement;

use crate::records::invalid;

/// "Family time" and "family-time" name the same value.
pub fn value_id(name: &str) -> Result<String> {
    let id = slug(name);
    validate_id("value", &id).map_err(invalid)?;
    Ok(id)
}

/// A value to add or change; what is `None` stays as it is.
#[derive(Debug, Clone, Default)]
pub struct ValueFields {
    pub name: String,
    /// How much it matters, 1-10.
    pub weight: Option<f64>,
    /// The O*NET work value it maps to.
    pub onet: Option<String>,
    pub note: Option<String>,
}

/// A value with nothing said of it yet.
fn bare(id: String) -> Value {
    Value {
        id,
        weight: None,
        rank: None,
        onet_work_value: None,
        note: None,
    }
}

/// Adds the value, or changes the one of that name.
pub fn set(s: &mut Snapshot, fields: ValueFields) -> Result<()> {
    let id = value_id(&fields.name)?;
    let value = match s.values.iter().position(|v| v.id == id) {
        Some(at) => &mut s.values[at],
        None => {
            s.values.push(bare(id));
            s.values.last_mut().expect("just pushed")
        }
    };
    value.weight = fields.weight.or(value.weight);
    if let Some(onet) = fields.onet {
        value.onet_work_value = Some(onet);
    }
    if let Some(note) = fields.note {
        value.note = Some(note);
    }
    Ok(())
}

/// Adds the value, or changes the one of that name, as a form states it: a weight left out is
/// none, where [`set`] would keep it. Its note and work value stay unless given.
pub fn restate(s: &mut Snapshot, fields: ValueFields) -> Result<()> {
    let id = value_id(&fields.name)?;
    let weight = fields.weight;
    set(s, fields)?;
    if let Some(value) = s.values.iter_mut().find(|v| v.id == id) {
        value.weight = weight;
    }
    Ok(())
}

/// How far ahead the decision looks, and how much that view counts.
pub fn set_horizon(s: &mut Snapshot, weight: f64, years: f64) {
    s.settings.horizon_weight = weight;
    s.settings.horizon_years = years;
}

/// Switches the weighting only when the values carry what it weighs by, naming what is missing
/// and the commands that give it.
pub fn set_weighting(s: &mut Snapshot, mode: Weighting) -> Result<()> {
    match mode {
        Weighting::Direct => lacks_weights(s)?,
        Weighting::Rank => lacks_ranks(s)?,
        Weighting::Ahp if s.values.len() > 1 => {
            s.values_pairwise()
                .map_err(|err| anyhow::anyhow!("{}", err.message))?;
        }
        Weighting::Ahp | Weighting::Unsure => {}
    }
    s.settings.weighting = mode;
    Ok(())
}

/// The ids of the values that lack something.
fn lacking(s: &Snapshot, lacks: fn(&Value) -> bool) -> Vec<&str> {
    s.values
        .iter()
        .filter(|v| lacks(v))
        .map(|v| v.id.as_str())
        .collect()
}

fn has(n: usize) -> &'static str {
    if n == 1 { "has" } else { "have" }
}

fn lacks_weights(s: &Snapshot) -> Result<()> {
    let missing = lacking(s, |v| v.weight.is_none());
    if let Some(first) = missing.first() {
        bail!(
            "direct weighting needs a weight (1-10) for every value, and {} {} none; give {} \
             with `milemarker values set {first} --weight N`, then run this again",
            missing.join(", "),
            has(missing.len()),
            if missing.len() == 1 {
                "it one"
            } else {
                "each one"
            },
        );
    }
    Ok(())
}

fn lacks_ranks(s: &Snapshot) -> Result<()> {
    let missing = lacking(s, |v| v.rank.is_none());
    if !missing.is_empty() {
        let all: Vec<&str> = s.values.iter().map(|v| v.id.as_str()).collect();
        bail!(
            "rank weighting needs every value ranked, and {} {} no rank; rank them all, most \
             important first, with `milemarker values rank {}` (in your order)",
            missing.join(", "),
            has(missing.len()),
            all.join(" ")
        );
    }
    Ok(())
}

/// A forced ranking (as the O*NET Work Importance Profiler asks): every value once, in order.
pub fn rank(s: &mut Snapshot, names: &[String]) -> Result<()> {
    let ids = names
        .iter()
        .map(|n| value_id(n))
        .collect::<Result<Vec<_>>>()?;
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            bail!("\"{id}\" is ranked twice; name each value once, most important first");
        }
        if !s.values.iter().any(|v| &v.id == id) {
            s.values.push(bare(id.clone()));
        }
    }
    if let Some(missing) = s.values.iter().find(|v| !ids.contains(&v.id)) {
        bail!(
            "\"{}\" is one of your values but is not in the ranking; rank all of them ({}), or remove it first",
            missing.id,
            s.values
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for value in &mut s.values {
        value.rank = Some(ids.iter().position(|id| *id == value.id).expect("checked") as u32 + 1);
    }
    s.settings.weighting = Weighting::Rank;
    Ok(())
}

/// Moves the value `name` to `place` (1 = most important) in the ranking, the others keeping their
/// order (unranked values after the ranked ones); a place past the end is the last.
pub fn move_to(s: &mut Snapshot, name: &str, place: usize) -> Result<()> {
    let id = value_id(name)?;
    let mut order: Vec<&Value> = s.values.iter().collect();
    order.sort_by_key(|v| v.rank.unwrap_or(u32::MAX));
    let mut ids: Vec<String> = order.iter().map(|v| v.id.clone()).collect();
    let Some(at) = ids.iter().position(|v| *v == id) else {
        bail!("no value \"{id}\"; `milemarker values` lists them");
    };
    let moved = ids.remove(at);
    ids.insert(place.clamp(1, ids.len() + 1) - 1, moved);
    rank(s, &ids)
}

/// Starts the values over as a forced ranking of `names` (the guided set-up): the options'
/// scores go with the old values.
pub fn start_over(s: &mut Snapshot, names: &[String]) -> Result<()> {
    s.values.clear();
    for option in &mut s.options {
        option.scores.clear();
        option.scores_horizon.clear();
    }
    let ids = names
        .iter()
        .map(|v| value_id(v))
        .collect::<Result<Vec<_>>>()?;
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            bail!("\"{id}\" is named twice; name each value once, most important first");
        }
        s.values.push(Value {
            rank: Some(i as u32 + 1),
            ..bare(id.clone())
        });
    }
    s.settings.weighting = Weighting::Rank;
    Ok(())
}

/// Records (or replaces) one pairwise judgement between two of the person's values.
pub fn compare(s: &mut Snapshot, a: &str, b: &str, judgement: &str) -> Result<()> {
    let (a, b) = (value_id(a)?, value_id(b)?);
    let value = Judgement::Text(judgement.to_string())
        .value()
        .map_err(|why| anyhow::anyhow!("judgement: {why}"))?;
    for id in [&a, &b] {
        if !s.values.iter().any(|v| &v.id == id) {
            bail!("\"{id}\" is not one of your values; add it with `milemarker values set {id}`");
        }
    }
    s.value_judgements
        .retain(|j| !((j.a == a && j.b == b) || (j.a == b && j.b == a)));
    s.value_judgements.push(ValueJudgement { a, b, value });
    s.settings.weighting = Weighting::Ahp;
    Ok(())
}

/// Records one judgement of a set answered a pair at a time (the browser's guided start, one
/// saved step per pair). The weighting turns pairwise only once every pair is compared, so the
/// order a decision made meanwhile weighs by (the ranking) stays until the comparisons are whole.
/// Returns how many pairs are still to compare.
pub fn compare_one(s: &mut Snapshot, a: &str, b: &str, judgement: &str) -> Result<usize> {
    let weighting = s.settings.weighting;
    compare(s, a, b, judgement)?;
    let n = s.values.len();
    let compared = questions(s)?
        .iter()
        .filter(|q| compared(s, &q.a, &q.b))
        .count();
    let left = n * (n - 1) / 2 - compared;
    if left > 0 {
        s.settings.weighting = weighting;
    }
    Ok(left)
}

/// What the pairs compared so far say (the weights among the values they connect and, once they
/// close a loop, how consistent they are); `None` before any pair is compared.
pub fn so_far(s: &Snapshot) -> Option<SoFar> {
    let at = |id: &str| s.values.iter().position(|v| v.id == id);
    let judgements: Vec<(usize, usize, f64)> = s
        .value_judgements
        .iter()
        .filter_map(|j| Some((at(&j.a)?, at(&j.b)?, j.value)))
        .collect();
    let labels: Vec<&str> = s.values.iter().map(|v| v.id.as_str()).collect();
    ahp::so_far(&labels, &judgements)
}

/// Whether `a` and `b` are compared already.
pub fn compared(s: &Snapshot, a: &str, b: &str) -> bool {
    s.value_judgements
        .iter()
        .any(|j| (j.a == a && j.b == b) || (j.a == b && j.b == a))
}

/// Renames a value; its scores on every path, its comparisons and the deal-breakers that test it
/// follow it.
pub fn rename(s: &mut Snapshot, name: &str, to: &str) -> Result<()> {
    let (id, new) = (value_id(name)?, value_id(to)?);
    if id == new {
        return Ok(());
    }
    if s.values.iter().any(|v| v.id == new) {
        bail!("\"{new}\" is one of your values already; remove one of the two first");
    }
    let Some(value) = s.values.iter_mut().find(|v| v.id == id) else {
        bail!("no value \"{id}\"; `milemarker values` lists them");
    };
    value.id = new.clone();
    for j in &mut s.value_judgements {
        for side in [&mut j.a, &mut j.b] {
            if *side == id {
                side.clone_from(&new);
            }
        }
    }
    for option in &mut s.options {
        for scores in [&mut option.scores, &mut option.scores_horizon] {
            if let Some(at) = scores.get_index_of(&id) {
                let (_, score) = scores.shift_remove_index(at).expect("found");
                scores.shift_insert(at, new.clone(), score);
            }
        }
    }
    for d in s.dealbreakers.iter_mut().filter(|d| d.attribute == id) {
        d.attribute.clone_from(&new);
    }
    Ok(())
}

/// Removes a value with its comparisons and the options' scores for it.
pub fn remove(s: &mut Snapshot, name: &str) -> Result<()> {
    let id = value_id(name)?;
    let before = s.values.len();
    s.values.retain(|v| v.id != id);
    if s.values.len() == before {
        bail!("no value \"{id}\"; `milemarker values` lists them");
    }
    s.value_judgements.retain(|j| j.a != id && j.b != id);
    for option in &mut s.options {
        option.scores.shift_remove(&id);
        option.scores_horizon.shift_remove(&id);
    }
    // Ranks must stay 1..n without gaps.
    let mut ranked: Vec<&mut Value> = s.values.iter_mut().filter(|v| v.rank.is_some()).collect();
    ranked.sort_by_key(|v| v.rank);
    for (i, v) in ranked.into_iter().enumerate() {
        v.rank = Some(i as u32 + 1);
    }
    Ok(())
}

/// Saaty's scale as a person answers it, strongest for the first value down to strongest for the
/// second: (answer, judgement).
const SAATY: [(&str, &str); 9] = [
    ("{a} matters extremely more (9)", "9"),
    ("{a} matters very strongly more (7)", "7"),
    ("{a} matters strongly more (5)", "5"),
    ("{a} matters moderately more (3)", "3"),
    ("they matter equally (1)", "1"),
    ("{b} matters moderately more (1/3)", "1/3"),
    ("{b} matters strongly more (1/5)", "1/5"),
    ("{b} matters very strongly more (1/7)", "1/7"),
    ("{b} matters extremely more (1/9)", "1/9"),
];

/// A judgement of `a` against `b` in words, as the scale offered it: "pay matters moderately more
/// (3)"; a judgement off the offered scale (a CLI's "2") as itself.
pub fn judged(a: &str, b: &str, judgement: &str) -> String {
    SAATY
        .iter()
        .find(|(_, j)| *j == judgement)
        .map_or(judgement.to_string(), |(words, _)| {
            words.replace("{a}", a).replace("{b}", b)
        })
}

/// The answer the scale offers nearest a ratio of `a` to `b`, in words: "pay matters strongly
/// more (5)".
pub fn nearest_answer(a: &str, b: &str, ratio: f64) -> String {
    SAATY[closest(ratio)].0.replace("{a}", a).replace("{b}", b)
}

/// One pair of values to compare on Saaty's scale, the face asking it however it asks.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub a: String,
    pub b: String,
    /// The answers, strongest for `a` first.
    pub answers: Vec<String>,
    /// The answer nearest the judgement already given ("equally" when there is none).
    pub default: usize,
}

impl Question {
    /// The question as asked, the `n`th (from 1) of `of`: "2/6: autonomy or pay?".
    pub fn asked(&self, n: usize, of: usize) -> String {
        format!("{n}/{of}: {} or {}?", self.a, self.b)
    }

    /// The judgement the answer at `chosen` records, for [`compare`].
    pub fn judgement(&self, chosen: usize) -> &'static str {
        SAATY[chosen].1
    }
}

/// Every pair of the person's values, in order, to compare; refused under two values.
pub fn questions(s: &Snapshot) -> Result<Vec<Question>> {
    let ids: Vec<&String> = s.values.iter().map(|v| &v.id).collect();
    if ids.len() < 2 {
        bail!("comparing needs two values or more; add them with `milemarker values set NAME`");
    }
    let pairs = ids
        .iter()
        .enumerate()
        .flat_map(|(i, a)| ids[i + 1..].iter().map(move |b| (*a, *b)));
    Ok(pairs
        .map(|(a, b)| Question {
            a: a.clone(),
            b: b.clone(),
            answers: SAATY
                .iter()
                .map(|(words, _)| words.replace("{a}", a).replace("{b}", b))
                .collect(),
            default: closest(given(s, a, b)),
        })
        .collect())
}

/// The judgement of `a` against `b` already given, or 1 (equally).
fn given(s: &Snapshot, a: &str, b: &str) -> f64 {
    s.value_judgements
        .iter()
        .find_map(|j| match (&j.a, &j.b) {
            (x, y) if x == a && y == b => Some(j.value),
            (x, y) if x == b && y == a => Some(1.0 / j.value),
            _ => None,
        })
        .unwrap_or(1.0)
}

/// The answer on Saaty's scale nearest a judgement, on the log scale the ratios live on.
fn closest(before: f64) -> usize {
    SAATY
        .iter()
        .enumerate()
        .min_by(|(_, x), (_, y)| {
            let value = |j: &str| Judgement::Text(j.into()).value().unwrap_or(1.0);
            let off = |j: &str| (value(j).ln() - before.ln()).abs();
            off(x.1).total_cmp(&off(y.1))
        })
        .map_or(4, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_values(ids: &[&str]) -> Snapshot {
        let mut s = Snapshot::default();
        for id in ids {
            set(
                &mut s,
                ValueFields {
                    name: id.to_string(),
                    ..ValueFields::default()
                },
            )
            .unwrap();
        }
        s
    }

    #[test]
    fn pairs_answered_one_at_a_time_turn_the_weighting_pairwise_once_whole() {
        let mut s = with_values(&["pay", "autonomy", "growth"]);
        rank(&mut s, &["autonomy".into(), "pay".into(), "growth".into()]).unwrap();
        assert_eq!(compare_one(&mut s, "pay", "autonomy", "1/3").unwrap(), 2);
        assert_eq!(
            s.settings.weighting,
            Weighting::Rank,
            "the ranking still weighs"
        );
        assert!(compared(&s, "autonomy", "pay"));
        assert_eq!(compare_one(&mut s, "pay", "growth", "3").unwrap(), 1);
        // Answering a pair again replaces it; it is not counted twice.
        assert_eq!(compare_one(&mut s, "growth", "pay", "1/5").unwrap(), 1);
        assert_eq!(compare_one(&mut s, "autonomy", "growth", "5").unwrap(), 0);
        assert_eq!(s.settings.weighting, Weighting::Ahp);
        assert_eq!(s.value_judgements.len(), 3);
        assert!(compare_one(&mut s, "pay", "fame", "3").is_err());
    }

    #[test]
    fn a_restated_value_has_no_weight_when_none_is_given() {
        let mut s = with_values(&["pay"]);
        let weighed = |weight| ValueFields {
            name: "Pay".into(),
            weight,
            note: Some("rent".into()),
            ..ValueFields::default()
        };
        set(&mut s, weighed(Some(7.0))).unwrap();
        set(&mut s, weighed(None)).unwrap();
        assert_eq!(s.values[0].weight, Some(7.0), "set keeps it");
        restate(&mut s, weighed(None)).unwrap();
        assert_eq!(s.values[0].weight, None);
        assert_eq!(s.values[0].note.as_deref(), Some("rent"));
    }

    #[test]
    fn a_ranking_numbers_every_value_and_switches_to_rank() {
        let mut s = with_values(&["pay", "autonomy"]);
        rank(&mut s, &["Autonomy".into(), "pay".into()]).unwrap();
        let ranks: Vec<_> = s.values.iter().map(|v| (v.id.as_str(), v.rank)).collect();
        assert_eq!(ranks, [("pay", Some(2)), ("autonomy", Some(1))]);
        assert_eq!(s.settings.weighting, Weighting::Rank);
    }

    #[test]
    fn a_ranking_that_leaves_a_value_out_is_refused() {
        let mut s = with_values(&["pay", "autonomy"]);
        let err = rank(&mut s, &["pay".into()]).unwrap_err().to_string();
        assert_eq!(
            err,
            "\"autonomy\" is one of your values but is not in the ranking; rank all of them \
             (pay, autonomy), or remove it first"
        );
    }

    #[test]
    fn direct_weighting_names_the_values_without_a_weight() {
        let mut s = with_values(&["pay"]);
        let err = set_weighting(&mut s, Weighting::Direct).unwrap_err();
        assert!(err.to_string().contains("and pay has none; give it one"));
        assert_eq!(s.settings.weighting, Snapshot::default().settings.weighting);
    }

    #[test]
    fn removing_a_value_closes_the_gap_in_the_ranks() {
        let mut s = with_values(&["a", "b", "c"]);
        rank(&mut s, &["a".into(), "b".into(), "c".into()]).unwrap();
        remove(&mut s, "b").unwrap();
        let ranks: Vec<_> = s.values.iter().map(|v| v.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2)]);
    }

    #[test]
    fn a_value_moves_to_its_place_and_the_rest_keep_their_order() {
        let mut s = with_values(&["a", "b", "c"]);
        rank(&mut s, &["a".into(), "b".into(), "c".into()]).unwrap();
        move_to(&mut s, "c", 1).unwrap();
        let ranks: Vec<_> = s.values.iter().map(|v| v.rank).collect();
        assert_eq!(ranks, [Some(2), Some(3), Some(1)]);
        move_to(&mut s, "c", 99).unwrap();
        let ranks: Vec<_> = s.values.iter().map(|v| v.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), Some(3)]);
        assert!(move_to(&mut s, "d", 1).is_err());
    }

    #[test]
    fn a_renamed_value_keeps_its_scores_comparisons_and_deal_breakers() {
        let mut s = with_values(&["pay", "autonomy"]);
        compare(&mut s, "pay", "autonomy", "3").unwrap();
        let mut option = milemarker_core::career::CareerOption::default();
        option.scores.insert("pay".into(), 7.0);
        option.scores.insert("autonomy".into(), 5.0);
        s.options.push(option);
        crate::dealbreakers::add(&mut s, "pay >= 5", None, None).unwrap();
        rename(&mut s, "pay", "Money").unwrap();
        assert_eq!(s.values[0].id, "money");
        assert_eq!(s.value_judgements[0].a, "money");
        let keys: Vec<&String> = s.options[0].scores.keys().collect();
        assert_eq!(keys, ["money", "autonomy"], "in its place");
        assert_eq!(s.dealbreakers[0].attribute, "money");
        assert!(rename(&mut s, "money", "autonomy").is_err());
        assert!(rename(&mut s, "pay", "wage").is_err());
    }

    #[test]
    fn questions_start_from_the_judgement_given() {
        let mut s = with_values(&["pay", "autonomy"]);
        compare(&mut s, "autonomy", "pay", "5").unwrap();
        let asked = questions(&s).unwrap();
        assert_eq!(asked.len(), 1);
        // pay against autonomy is 1/5.
        assert_eq!(asked[0].judgement(asked[0].default), "1/5");
        assert_eq!(asked[0].asked(1, 1), "1/1: pay or autonomy?");
        assert!(questions(&with_values(&["pay"])).is_err());
    }
}
