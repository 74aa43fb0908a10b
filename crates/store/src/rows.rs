//! The person's records as table rows, and the statements that turn one set of rows into another.
//!
//! Every table is described once: its columns (key columns first) and how a snapshot becomes its
//! rows. A save compares the rows before and after and writes only the difference, so logging a
//! win touches one row instead of rewriting ten years of records; a full save is the difference
//! from an empty database.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use milemarker_core::career::Snapshot;

use crate::{Tx, json, to_word};

/// One stored value, as SQLite types it.
#[derive(Clone, Debug)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

// Reals compare by their bits: a row is unchanged only if it would be stored identically.
impl PartialEq for Cell {
    fn eq(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::Null, Cell::Null) => true,
            (Cell::Int(a), Cell::Int(b)) => a == b,
            (Cell::Real(a), Cell::Real(b)) => a.to_bits() == b.to_bits(),
            (Cell::Text(a), Cell::Text(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Cell {}

impl Hash for Cell {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Cell::Null => {}
            Cell::Int(i) => i.hash(state),
            Cell::Real(f) => f.to_bits().hash(state),
            Cell::Text(s) => s.hash(state),
        }
    }
}

impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Int(v)
    }
}

impl From<bool> for Cell {
    fn from(v: bool) -> Cell {
        Cell::Int(i64::from(v))
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Real(v)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(v)
    }
}

impl From<&String> for Cell {
    fn from(v: &String) -> Cell {
        Cell::Text(v.clone())
    }
}

impl From<&Option<String>> for Cell {
    fn from(v: &Option<String>) -> Cell {
        v.as_ref().into()
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or(Cell::Null, Into::into)
    }
}

fn text(v: impl ToString) -> Cell {
    Cell::Text(v.to_string())
}

fn position(i: usize) -> Cell {
    Cell::Int(i as i64)
}

type Row = Vec<Cell>;

/// A table: its name, its columns with the primary key's first, and its rows in a snapshot.
pub(crate) struct Table {
    pub name: &'static str,
    columns: &'static [&'static str],
    key: usize,
    rows: fn(&Snapshot) -> Vec<Row>,
}

/// Every table of the person's records, parents before the tables that refer to them.
pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "profile",
        columns: &[
            "id",
            "name",
            "occupation",
            "area",
            "role_start",
            "last_promotion",
            "promotion_promised",
            "level",
            "pay",
            "bonus",
            "equity",
            "currency",
            "boundary_hours",
            "work_days",
        ],
        key: 1,
        rows: |s| {
            let p = &s.profile;
            vec![vec![
                Cell::Int(1),
                (&p.name).into(),
                (&p.occupation).into(),
                (&p.area).into(),
                p.role_start.map(text).into(),
                p.last_promotion.map(text).into(),
                p.promotion_promised.map(text).into(),
                (&p.level).into(),
                p.pay.into(),
                p.bonus.into(),
                p.equity.into(),
                (&p.currency).into(),
                p.boundary_hours.into(),
                i64::from(p.work_days).into(),
            ]]
        },
    },
    Table {
        name: "decision_settings",
        columns: &["id", "weighting", "horizon_years", "horizon_weight"],
        key: 1,
        rows: |s| {
            let d = &s.settings;
            vec![vec![
                Cell::Int(1),
                to_word(&d.weighting).into(),
                d.horizon_years.into(),
                d.horizon_weight.into(),
            ]]
        },
    },
    Table {
        name: "person_value",
        columns: &[
            "id",
            "position",
            "weight",
            "rank",
            "onet_work_value",
            "note",
        ],
        key: 1,
        rows: |s| {
            let values = s.values.iter().enumerate();
            values
                .map(|(i, v)| {
                    vec![
                        (&v.id).into(),
                        position(i),
                        v.weight.into(),
                        v.rank.map(i64::from).into(),
                        (&v.onet_work_value).into(),
                        (&v.note).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "dealbreaker",
        columns: &["id", "position", "attribute", "op", "value", "note"],
        key: 1,
        rows: |s| {
            let rules = s.dealbreakers.iter().enumerate();
            rules
                .map(|(i, d)| {
                    vec![
                        (&d.id).into(),
                        position(i),
                        (&d.attribute).into(),
                        text(d.op.as_str()),
                        json(&d.value).into(),
                        (&d.note).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "career_option",
        columns: &[
            "id",
            "position",
            "name",
            "kind",
            "attributes",
            "net_income",
            "note",
        ],
        key: 1,
        rows: |s| {
            let options = s.options.iter().enumerate();
            options
                .map(|(i, o)| {
                    vec![
                        (&o.id).into(),
                        position(i),
                        (&o.name).into(),
                        text(o.kind.as_str()),
                        json(&o.attributes).into(),
                        o.net_income.into(),
                        (&o.note).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "option_score",
        columns: &["option_id", "value_id", "at_horizon", "position", "score"],
        key: 3,
        rows: |s| {
            let mut rows = Vec::new();
            for o in &s.options {
                for (later, scores) in [(false, &o.scores), (true, &o.scores_horizon)] {
                    for (i, (value, score)) in scores.iter().enumerate() {
                        rows.push(vec![
                            (&o.id).into(),
                            value.into(),
                            later.into(),
                            position(i),
                            (*score).into(),
                        ]);
                    }
                }
            }
            rows
        },
    },
    Table {
        name: "option_risk",
        columns: &[
            "option_id",
            "position",
            "name",
            "probability",
            "seriousness",
            "kind",
        ],
        key: 2,
        rows: |s| {
            let risks = s.options.iter().flat_map(|o| {
                o.risks.iter().enumerate().map(move |(i, r)| {
                    vec![
                        (&o.id).into(),
                        position(i),
                        (&r.name).into(),
                        r.probability.into(),
                        r.seriousness.into(),
                        text(r.kind.as_str()),
                    ]
                })
            });
            risks.collect()
        },
    },
    Table {
        name: "value_judgement",
        columns: &["a", "b", "position", "value"],
        key: 2,
        rows: |s| {
            let judgements = s.value_judgements.iter().enumerate();
            judgements
                .map(|(i, j)| vec![(&j.a).into(), (&j.b).into(), position(i), j.value.into()])
                .collect()
        },
    },
    Table {
        name: "finances",
        columns: &["id", "monthly_expenses", "savings", "other_income"],
        key: 1,
        rows: |s| {
            let finances = s.finances.iter();
            finances
                .map(|f| {
                    vec![
                        Cell::Int(1),
                        f.monthly_expenses.into(),
                        f.savings.into(),
                        f.other_income.into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "checkin",
        columns: &[
            "week",
            "hours",
            "weekend_days",
            "evenings",
            "energy",
            "satisfaction",
            "note",
        ],
        key: 1,
        rows: |s| {
            let checkins = s.checkins.iter();
            checkins
                .map(|c| {
                    vec![
                        text(c.week),
                        c.hours.into(),
                        i64::from(c.weekend_days).into(),
                        i64::from(c.evenings).into(),
                        i64::from(c.energy).into(),
                        i64::from(c.satisfaction).into(),
                        (&c.note).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "task",
        columns: &[
            "id",
            "position",
            "name",
            "hours_per_week",
            "energy",
            "skill_fit",
            "delegable",
        ],
        key: 1,
        rows: |s| {
            let tasks = s.tasks.iter().enumerate();
            tasks
                .map(|(i, t)| {
                    vec![
                        (&t.id).into(),
                        position(i),
                        (&t.name).into(),
                        t.hours_per_week.into(),
                        i64::from(t.energy).into(),
                        i64::from(t.skill_fit).into(),
                        t.delegable.into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "audit",
        columns: &["date", "tasks"],
        key: 1,
        rows: |s| {
            let audits = s.audits.iter();
            audits
                .map(|a| vec![text(a.date), json(&a.tasks).into()])
                .collect()
        },
    },
    Table {
        name: "tracked_interval",
        columns: &["source", "start", "\"end\"", "tz"],
        key: 3,
        rows: |s| {
            let intervals = s.tracked.iter();
            intervals
                .map(|t| {
                    vec![
                        to_word(&t.source).into(),
                        text(t.start),
                        text(t.end),
                        (&t.tz).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "season",
        columns: &["area", "since", "season"],
        key: 2,
        rows: |s| {
            let seasons = s.seasons.iter();
            seasons
                .map(|x| {
                    vec![
                        to_word(&x.area).into(),
                        text(x.since),
                        to_word(&x.season).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "person_skill",
        columns: &["id", "position", "label", "level", "added", "source"],
        key: 1,
        rows: |s| {
            let skills = s.skills.iter().enumerate();
            skills
                .map(|(i, k)| {
                    vec![
                        (&k.id).into(),
                        position(i),
                        (&k.label).into(),
                        k.level.as_ref().map(to_word).into(),
                        text(k.added),
                        (&k.source).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "achievement",
        columns: &[
            "id",
            "date",
            "title",
            "impact",
            "visibility",
            "section",
            "skills",
            "link",
        ],
        key: 1,
        rows: |s| {
            let wins = s.achievements.iter();
            wins.map(|w| {
                vec![
                    i64::from(w.id).into(),
                    text(w.date),
                    (&w.title).into(),
                    (&w.impact).into(),
                    to_word(&w.visibility).into(),
                    to_word(&w.section).into(),
                    json(&w.skills).into(),
                    (&w.link).into(),
                ]
            })
            .collect()
        },
    },
    Table {
        name: "contact",
        columns: &[
            "id",
            "position",
            "name",
            "company",
            "org_units",
            "title",
            "emails",
            "phones",
            "urls",
            "note",
            "how_known",
            "mentor",
            "cadence_days",
        ],
        key: 1,
        rows: |s| {
            let contacts = s.contacts.iter().enumerate();
            contacts
                .map(|(i, c)| {
                    vec![
                        (&c.id).into(),
                        position(i),
                        (&c.name).into(),
                        (&c.company).into(),
                        json(&c.org_units).into(),
                        (&c.title).into(),
                        json(&c.emails).into(),
                        json(&c.phones).into(),
                        json(&c.urls).into(),
                        (&c.note).into(),
                        (&c.how_known).into(),
                        c.mentor.into(),
                        c.cadence_days.map(i64::from).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "contact_log",
        columns: &["contact_id", "position", "date", "note"],
        key: 2,
        rows: |s| {
            let log = s.contacts.iter().flat_map(|c| {
                c.log.iter().enumerate().map(move |(i, entry)| {
                    vec![
                        (&c.id).into(),
                        position(i),
                        text(entry.date),
                        (&entry.note).into(),
                    ]
                })
            });
            log.collect()
        },
    },
    Table {
        name: "opportunity",
        columns: &[
            "id",
            "company",
            "role",
            "source",
            "contact_id",
            "note",
            "link",
            "option_id",
        ],
        key: 1,
        rows: |s| {
            let opportunities = s.opportunities.iter();
            opportunities
                .map(|o| {
                    vec![
                        i64::from(o.id).into(),
                        (&o.company).into(),
                        (&o.role).into(),
                        to_word(&o.source).into(),
                        (&o.contact).into(),
                        (&o.note).into(),
                        (&o.link).into(),
                        (&o.option).into(),
                    ]
                })
                .collect()
        },
    },
    Table {
        name: "opportunity_stage",
        columns: &["opportunity_id", "position", "stage", "date"],
        key: 2,
        rows: |s| {
            let stages = s.opportunities.iter().flat_map(|o| {
                o.history.iter().enumerate().map(move |(i, change)| {
                    vec![
                        i64::from(o.id).into(),
                        position(i),
                        to_word(&change.stage).into(),
                        text(change.date),
                    ]
                })
            });
            stages.collect()
        },
    },
    Table {
        name: "opportunity_offer",
        columns: &["opportunity_id", "base", "bonus", "equity", "deadline"],
        key: 1,
        rows: |s| {
            let offers = s.offers.iter();
            offers
                .map(|f| {
                    vec![
                        i64::from(f.opportunity).into(),
                        f.base.into(),
                        f.bonus.into(),
                        f.equity.into(),
                        f.deadline.map(text).unwrap_or(Cell::Null),
                    ]
                })
                .collect()
        },
    },
];

impl Table {
    fn upsert_sql(&self) -> String {
        let columns = self.columns.join(", ");
        let marks = vec!["?"; self.columns.len()].join(", ");
        let key = self.columns[..self.key].join(", ");
        let rest = &self.columns[self.key..];
        // An update in place, never delete-and-insert: deleting a parent row would cascade to
        // children that did not change.
        let action = if rest.is_empty() {
            "NOTHING".to_string()
        } else {
            let set: Vec<String> = rest.iter().map(|c| format!("{c} = excluded.{c}")).collect();
            format!("UPDATE SET {}", set.join(", "))
        };
        format!(
            "INSERT INTO {} ({columns}) VALUES ({marks}) ON CONFLICT ({key}) DO {action}",
            self.name
        )
    }

    fn delete_sql(&self) -> String {
        let key: Vec<String> = self.columns[..self.key]
            .iter()
            .map(|c| format!("{c} = ?"))
            .collect();
        format!("DELETE FROM {} WHERE {}", self.name, key.join(" AND "))
    }

    /// The rows of `after` that are new or changed, and the keys of `before` that are gone.
    fn changes<'a>(&self, before: &'a [Row], after: &'a [Row]) -> (Vec<&'a Row>, Vec<&'a [Cell]>) {
        let old: HashMap<&[Cell], &Row> = before.iter().map(|r| (&r[..self.key], r)).collect();
        let kept: HashSet<&[Cell]> = after.iter().map(|r| &r[..self.key]).collect();
        let upserts = after
            .iter()
            .filter(|r| old.get(&r[..self.key]) != Some(r))
            .collect();
        let deletes = before
            .iter()
            .map(|r| &r[..self.key])
            .filter(|key| !kept.contains(key))
            .collect();
        (upserts, deletes)
    }
}

async fn execute(tx: &mut Tx<'_>, sql: &str, cells: &[Cell]) -> Result<(), sqlx::Error> {
    let mut query = sqlx::query(sql);
    for cell in cells {
        query = match cell {
            Cell::Null => query.bind(None::<String>),
            Cell::Int(i) => query.bind(*i),
            Cell::Real(f) => query.bind(*f),
            Cell::Text(s) => query.bind(s.as_str()),
        };
    }
    query.execute(&mut **tx).await.map(drop)
}

/// Writes what differs between `before` (what the database holds; `None` when the tables are
/// empty) and `after`. Foreign keys are checked at commit, so the order of rows within the change
/// does not matter.
pub(crate) async fn write_changes(
    tx: &mut Tx<'_>,
    before: Option<&Snapshot>,
    after: &Snapshot,
) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA defer_foreign_keys = ON")
        .execute(&mut **tx)
        .await?;
    let rows: Vec<(Vec<Row>, Vec<Row>)> = TABLES
        .iter()
        .map(|t| (before.map_or_else(Vec::new, t.rows), (t.rows)(after)))
        .collect();
    let changes: Vec<_> = TABLES
        .iter()
        .zip(&rows)
        .map(|(t, (old, new))| t.changes(old, new))
        .collect();
    // Children's rows go first, so no cascade from a removed parent reaches a row kept.
    for (table, (_, deletes)) in TABLES.iter().zip(&changes).rev() {
        let sql = table.delete_sql();
        for key in deletes {
            execute(tx, &sql, key).await?;
        }
    }
    for (table, (upserts, _)) in TABLES.iter().zip(&changes) {
        let sql = table.upsert_sql();
        for row in upserts {
            execute(tx, &sql, row).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_one_cell_per_column() {
        let s =
            milemarker_core::example::person_with_history("2026-10-28".parse().expect("a date"));
        for table in TABLES {
            for row in (table.rows)(&s) {
                assert_eq!(row.len(), table.columns.len(), "{}", table.name);
            }
        }
    }

    #[test]
    fn a_changed_row_is_upserted_and_a_missing_one_deleted() {
        let table = &TABLES[9];
        assert_eq!(table.name, "checkin");
        let row = |week: &str, hours: f64| {
            let mut r = vec![text(week), hours.into()];
            r.resize(table.columns.len(), Cell::Null);
            r
        };
        let before = vec![row("2026-W01", 40.0), row("2026-W02", 41.0)];
        let after = vec![row("2026-W02", 45.0), row("2026-W03", 40.0)];
        let (upserts, deletes) = table.changes(&before, &after);
        assert_eq!(upserts, vec![&after[0], &after[1]]);
        assert_eq!(deletes, vec![&before[0][..1]]);
        let (upserts, deletes) = table.changes(&after, &after);
        assert!(upserts.is_empty() && deletes.is_empty());
    }

    #[test]
    fn statements_name_the_key() {
        let season = TABLES.iter().find(|t| t.name == "season").expect("season");
        assert_eq!(
            season.upsert_sql(),
            "INSERT INTO season (area, since, season) VALUES (?, ?, ?) \
             ON CONFLICT (area, since) DO UPDATE SET season = excluded.season"
        );
        assert_eq!(
            season.delete_sql(),
            "DELETE FROM season WHERE area = ? AND since = ?"
        );
    }
}
