//! A decision in plain words, for someone who is not an engineer: the same document on the
//! terminal (`milemarker decide`) and on the web's decision page.

use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::decision::format_number;
use milemarker_core::decision::result::{DecisionResult, SmaaReport};
use milemarker_core::markers::grouped;
use milemarker_core::text::{count, percent};

use super::{Block, Chart, Document, Item, Section, Tone, section};

/// Names options for prose: the name the person gave, else the id.
struct Names<'a>(Option<&'a Snapshot>);

impl Names<'_> {
    fn name(&self, id: &str) -> String {
        self.0
            .and_then(|p| p.options.iter().find(|o| o.id == id))
            .map(|o| o.name.as_str())
            .filter(|name| !name.is_empty())
            .unwrap_or(id)
            .to_string()
    }

    /// The name, then the id to type in commands: "Product marketing manager · product-marketing".
    fn label(&self, id: &str) -> String {
        match self.name(id) {
            name if name != id => format!("{name} · {id}"),
            _ => id.to_string(),
        }
    }
}

/// The decision as a document; `robustness` is its SMAA-2 run when the method is another one;
/// `decide --check` with nothing missing.
pub fn ready_to_decide() -> super::Output {
    super::Output::line("Nothing is missing: ready to decide (`milemarker decide`).")
}

/// `person` gives the options their names (a decision document from a file has none).
pub fn decision_document(
    result: &DecisionResult,
    robustness: Option<&DecisionResult>,
    person: Option<&Snapshot>,
) -> Document {
    let names = Names(person);
    let total = result.ranking.len() + result.excluded.len();
    let mut sections = Vec::new();
    sections.extend(weights_section(result));
    sections.extend(excluded_section(result, &names, person));
    sections.extend(at_the_line_section(result, &names, person));
    sections.push(ranking_section(result, &names));
    sections.extend(consistency_section(result));
    let smaa = robustness
        .filter(|r| r.smaa.is_some())
        .or(result.smaa.as_ref().map(|_| result));
    if let Some(smaa) = smaa.and_then(|r| r.smaa.as_ref()) {
        sections.push(smaa_section(smaa, robustness.is_some(), &names));
    }
    sections.extend(sensitivity_section(result, &names));
    sections.extend(fear_section(result, &names, person));
    sections.extend(runway_section(result, &names));
    if !result.warnings.is_empty() {
        let notes = result
            .warnings
            .iter()
            .map(|w| Block::Line(format!("Note: {w}")))
            .collect();
        sections.push(section("notes", "Notes", notes));
    }
    Document {
        title: "Decision".into(),
        lead: format!(
            "{} weighed by {}.",
            count(total as f64, "option", "options"),
            result.method.description()
        ),
        sections,
    }
}

fn weights_section(result: &DecisionResult) -> Option<Section> {
    if result.weights.is_empty() {
        return None;
    }
    let mut weights: Vec<(&String, &f64)> = result.weights.iter().collect();
    weights.sort_by(|a, b| b.1.total_cmp(a.1));
    let text: Vec<String> = weights
        .iter()
        .map(|(id, w)| format!("{id} {}", percent(**w)))
        .collect();
    Some(section(
        "weights",
        "What counts",
        vec![Block::Line(text.join(", "))],
    ))
}

fn excluded_section(
    result: &DecisionResult,
    names: &Names,
    person: Option<&Snapshot>,
) -> Option<Section> {
    let heading = "Ruled out by a deal-breaker (never compromise on an uncompromisable)";
    if result.excluded.is_empty() {
        // Said only over a person's records: a document from a file may have no deal-breakers.
        let rules: Vec<String> = person?
            .dealbreakers
            .iter()
            .map(|d| format!("{} {} {}", d.attribute, d.op.as_str(), d.value))
            .collect();
        let kept = if rules.is_empty() {
            "Nothing: every option keeps your deal-breakers.".to_string()
        } else {
            format!(
                "Nothing: every option keeps your deal-breakers ({}).",
                rules.join(", ")
            )
        };
        return Some(section("excluded", heading, vec![Block::Line(kept)]));
    }
    let items = result
        .excluded
        .iter()
        .map(|e| Item {
            state: Some("x".into()),
            tone: Tone::Bad,
            text: names.label(&e.option),
            // The rule as the person wrote it, not the deal-breaker's id.
            details: e
                .reasons
                .iter()
                .map(|r| {
                    format!(
                        "breaks {} {} {}: it is {}",
                        r.attribute,
                        r.op.as_str(),
                        r.required,
                        r.actual
                    )
                })
                .collect(),
            ..Item::default()
        })
        .collect();
    Some(section("excluded", heading, vec![Block::Items(items)]))
}

/// Options that pass a deal-breaker only exactly at its threshold: the moment to name, since a
/// step less would have ruled them out (seed 000: "I compromised on some of my uncompromisables").
fn at_the_line_section(
    result: &DecisionResult,
    names: &Names,
    person: Option<&Snapshot>,
) -> Option<Section> {
    if result.at_the_line.is_empty() {
        return None;
    }
    let mut items: Vec<Item> = Vec::new();
    let mut last: Option<&str> = None;
    for a in &result.at_the_line {
        if last != Some(a.option.as_str()) {
            items.push(Item {
                state: Some("!".into()),
                tone: Tone::Warn,
                text: names.label(&a.option),
                ..Item::default()
            });
            last = Some(a.option.as_str());
        }
        // A deal-breaker naming a value tests the score unless an attribute of that name exists.
        let scored = person
            .and_then(|p| p.options.iter().find(|o| o.id == a.option))
            .is_some_and(|o| !o.attributes.contains_key(&a.attribute));
        let fact = if scored {
            format!("its {} score is {}", a.attribute, a.actual)
        } else {
            format!("{} is {}", a.attribute, a.actual)
        };
        let item = items.last_mut().expect("pushed above");
        item.details.push(format!("{}: {fact}", a.phrase()));
    }
    Some(section(
        "at-the-line",
        "At the line (a deal-breaker met exactly: a step less would rule the option out)",
        vec![
            Block::Line("Passing at the line is where a compromise hides.".into()),
            Block::Items(items),
        ],
    ))
}

fn ranking_section(result: &DecisionResult, names: &Names) -> Section {
    if result.ranking.is_empty() {
        let mut blocks = Vec::new();
        if !result.excluded.is_empty() {
            blocks.push(Block::Alert(
                "No option left. No option passes all your deal-breakers, so there is no \
                 ranking. Look for another option rather than compromise; loosen a deal-breaker \
                 only if it truly is not one."
                    .into(),
            ));
        }
        return section("ranking", "Ranking", blocks);
    }
    let score_label = match result.method {
        Method::Smaa => "first in",
        Method::Kt => "total",
        Method::Topsis => "closeness",
        _ => "score",
    };
    let rows = result
        .ranking
        .iter()
        .map(|r| {
            let score = match result.method {
                Method::Smaa => percent(r.score),
                Method::Kt => format!("{:.1}", r.score),
                _ => format!("{:.3}", r.score),
            };
            vec![r.rank.to_string(), names.label(&r.option), score]
        })
        .collect();
    section(
        "ranking",
        "Ranking",
        vec![Block::Table {
            header: vec!["rank".into(), "option".into(), score_label.into()],
            rows,
        }],
    )
}

fn consistency_section(result: &DecisionResult) -> Option<Section> {
    let report = result.consistency.as_ref()?;
    let matrices = report
        .criteria
        .iter()
        .map(|c| ("criteria", c))
        .chain(report.options.iter().map(|(k, c)| (k.as_str(), c)));
    let items = matrices
        .map(|(name, c)| {
            let cr =
                c.cr.map_or("n/a (over 10 items)".to_string(), |cr| format!("{cr:.3}"));
            let (state, tone, text) = match (&c.most_inconsistent, c.consistent) {
                (Some(worst), _) => (
                    Some("inconsistent"),
                    Tone::Bad,
                    format!(
                        "CR {cr} > 0.10. Revisit {} against {}: you said {}, the rest of your \
                         answers imply about {}.",
                        worst.row, worst.column, worst.given, worst.suggested
                    ),
                ),
                (None, Some(true)) => (Some("consistent"), Tone::Good, format!("CR {cr}")),
                _ => (None, Tone::Plain, format!("CR {cr}")),
            };
            Item {
                state: state.map(String::from),
                tone,
                label: Some(name.to_string()),
                text,
                details: Vec::new(),
            }
        })
        .collect();
    Some(section(
        "consistency",
        "Are your comparisons consistent?",
        vec![Block::Items(items)],
    ))
}

fn smaa_section(smaa: &SmaaReport, as_robustness: bool, names: &Names) -> Section {
    let title = if as_robustness {
        "How firm is this, if only the order of your values is right?"
    } else {
        "How often each option comes first"
    };
    // The seed stays in the JSON for whoever reruns it; in prose it is a number to no one.
    let drawn = format!(
        "{} weightings drawn{}.",
        grouped(smaa.samples as f64),
        if smaa.criteria_ranking.is_empty() {
            String::new()
        } else {
            format!(", keeping {}", smaa.criteria_ranking.join(" >= "))
        }
    );
    let mut by_first: Vec<_> = smaa.rank_acceptability.iter().collect();
    by_first.sort_by(|a, b| {
        b.1.first()
            .unwrap_or(&0.0)
            .total_cmp(a.1.first().unwrap_or(&0.0))
    });
    let items = by_first
        .into_iter()
        .map(|(option, acceptability)| {
            let first = acceptability.first().copied().unwrap_or(0.0);
            let confidence = match smaa.confidence.get(option).copied().flatten() {
                Some(c) if c < 1.0 => {
                    " (even its most favourable weights do not make it clearly first)"
                }
                _ => "",
            };
            Item::text(format!(
                "{} is first in {}{confidence}",
                names.name(option),
                percent(first)
            ))
        })
        .collect();
    section(
        "firmness",
        title,
        vec![
            Block::Line(drawn),
            Block::Items(items),
            Block::Chart(Chart::Acceptability),
        ],
    )
}

fn sensitivity_section(result: &DecisionResult, names: &Names) -> Option<Section> {
    let (Some(sensitivity), Some(leader)) = (&result.sensitivity, result.leader()) else {
        return None;
    };
    if result.ranking.len() < 2 {
        return None;
    }
    let mut flips: Vec<_> = sensitivity
        .iter()
        .filter_map(|(id, f)| f.as_ref().map(|f| (id, f)))
        .collect();
    flips.sort_by(|a, b| a.1.delta.abs().total_cmp(&b.1.delta.abs()));
    let mut items: Vec<Item> = flips
        .iter()
        .map(|(id, flip)| {
            let now = result.weights.get(*id).copied().unwrap_or(0.0);
            let direction = if flip.delta > 0.0 { "rises" } else { "falls" };
            Item::text(format!(
                "If {id} {direction} from {} to {} of the weight, {} leads.",
                percent(now),
                percent(flip.weight_to_flip),
                names.name(&flip.new_leader)
            ))
        })
        .collect();
    let steady: Vec<&str> = sensitivity
        .iter()
        .filter(|(_, f)| f.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    if !steady.is_empty() {
        items.push(Item::text(format!(
            "No change in the weight of {} alone changes the leader.",
            steady.join(", ")
        )));
    }
    Some(section(
        "sensitivity",
        format!(
            "What would change the answer from {}?",
            names.name(&leader.option)
        ),
        vec![Block::Items(items)],
    ))
}

fn fear_section(
    result: &DecisionResult,
    names: &Names,
    person: Option<&Snapshot>,
) -> Option<Section> {
    let fear = result.fear_check.as_ref()?;
    let verdict = fear.verdict_named(&|id: &str| names.name(id));
    let mut blocks = vec![if fear.held_back_by_fears {
        Block::Alert(verdict)
    } else {
        Block::Line(verdict)
    }];
    if person.is_some()
        && let Some(first) = fear.risks_not_recorded.first()
    {
        let listed: Vec<String> = fear
            .risks_not_recorded
            .iter()
            .map(|id| names.name(id))
            .collect();
        blocks.push(Block::Line(format!(
            "Risks not recorded: {}. Name them: `milemarker risk add {first} \"RISK\" -p N -s N` \
             (add --fact for a fact).",
            listed.join(", ")
        )));
    }
    let rows: Vec<Vec<String>> = fear
        .fears_to_test
        .iter()
        .chain(&fear.facts_to_plan)
        .map(|r| {
            let what = if r.kind.as_str() == "fear" {
                "fear: test it"
            } else {
                "fact: plan for it"
            };
            vec![
                r.name.clone(),
                format!(
                    "{} x {} = {}",
                    format_number(r.probability),
                    format_number(r.seriousness),
                    format_number(r.score)
                ),
                what.to_string(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Table {
            header: vec![
                "risk".into(),
                "probability x seriousness".into(),
                "what to do".into(),
            ],
            rows,
        });
    }
    Some(section("fears", "Fears and facts", blocks))
}

fn runway_section(result: &DecisionResult, names: &Names) -> Option<Section> {
    let runway = result.runway_months.as_ref()?;
    let items = runway
        .iter()
        .map(|(option, months)| {
            let text = match months {
                Some(m) => format!("{} months", format_number((m * 10.0).round() / 10.0)),
                None => "income covers expenses".to_string(),
            };
            Item::text(format!("{}: {text}", names.name(option)))
        })
        .collect();
    Some(section(
        "runway",
        "Runway: how long your savings last on each path",
        vec![Block::Items(items)],
    ))
}
