//! The week's tasks, and the energy audit over them (002: "do more that you enjoy, less that you
//! dread").

use anyhow::{Result, bail};
use jiff::civil::Date;
use milemarker_core::career::{Snapshot, find_named, validate_id};
use milemarker_core::life::{Audit, AuditReport, Task, audit};

use crate::records::{Db, invalid};

/// A task to add; its name is the id when not given.
#[derive(Debug, Clone)]
pub struct NewTask {
    pub id: String,
    pub name: Option<String>,
    pub hours: f64,
    /// -2 drains .. +2 energises.
    pub energy: i8,
    /// 1-5.
    pub fit: u8,
    pub delegable: bool,
}

/// A change to a task: what is `None` stays.
#[derive(Debug, Clone, Default)]
pub struct TaskChange {
    pub name: Option<String>,
    pub hours: Option<f64>,
    pub energy: Option<i8>,
    pub fit: Option<u8>,
    pub delegable: Option<bool>,
}

pub fn add(s: &mut Snapshot, new: NewTask) -> Result<()> {
    validate_id("id", &new.id).map_err(invalid)?;
    if s.tasks.iter().any(|t| t.id == new.id) {
        bail!(
            "a task \"{}\" exists already; change it with `milemarker task edit {}`",
            new.id,
            new.id
        );
    }
    let name = new.name.unwrap_or_else(|| new.id.clone());
    s.tasks.push(Task {
        id: new.id,
        name,
        hours_per_week: new.hours,
        energy: new.energy,
        skill_fit: new.fit,
        delegable: new.delegable,
    });
    Ok(())
}

/// Changes the task `given` names.
pub fn edit(s: &mut Snapshot, given: &str, change: TaskChange) -> Result<()> {
    let i = find(s, given)?;
    let task = &mut s.tasks[i];
    task.name = change.name.unwrap_or(task.name.clone());
    task.hours_per_week = change.hours.unwrap_or(task.hours_per_week);
    task.energy = change.energy.unwrap_or(task.energy);
    task.skill_fit = change.fit.unwrap_or(task.skill_fit);
    task.delegable = change.delegable.unwrap_or(task.delegable);
    Ok(())
}

pub fn remove(s: &mut Snapshot, given: &str) -> Result<()> {
    let i = find(s, given)?;
    s.tasks.remove(i);
    Ok(())
}

/// The task a person means: by id, by name (case-blind), or by the start of either.
pub fn find(s: &Snapshot, given: &str) -> Result<usize> {
    let tasks = s.tasks.iter().map(|t| (t.id.as_str(), t.name.as_str()));
    find_named("task", given, tasks).map_err(|message| {
        let known: Vec<&str> = s.tasks.iter().map(|t| t.id.as_str()).collect();
        anyhow::anyhow!("{message}; the tasks are: {}", known.join(", "))
    })
}

/// Keeps today's tasks as the audit of `date` (replacing one on that day); returns every audit's
/// report, oldest first, for the trend.
pub fn record_audit(s: &mut Snapshot, date: Date) -> Result<Vec<AuditReport>> {
    // The refusal reads alone ("no tasks to audit; ..."): no flag to name.
    Audit::record(&mut s.audits, &s.tasks, date).map_err(|e| anyhow::Error::msg(e.message))?;
    Ok(s.audits.iter().map(audit).collect())
}

/// Records the audit of `date` (see [`record_audit`]): that day's report, and every audit's.
pub fn audit_of(db: &mut Db, date: Date) -> Result<(AuditReport, Vec<AuditReport>)> {
    let reports = db.update(|s| record_audit(s, date))?;
    let report = reports
        .iter()
        .find(|r| r.date == date)
        .expect("just recorded")
        .clone();
    Ok((report, reports))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meetings() -> NewTask {
        NewTask {
            id: "status-meetings".into(),
            name: None,
            hours: 6.0,
            energy: -1,
            fit: 2,
            delegable: false,
        }
    }

    #[test]
    fn a_task_is_added_once_and_found_by_its_start() {
        let mut s = Snapshot::default();
        add(&mut s, meetings()).unwrap();
        assert_eq!(s.tasks[0].name, "status-meetings");
        let twice = add(&mut s, meetings()).unwrap_err().to_string();
        assert!(twice.contains("exists already"), "{twice}");
        let change = TaskChange {
            hours: Some(4.0),
            ..TaskChange::default()
        };
        edit(&mut s, "status", change).unwrap();
        assert_eq!((s.tasks[0].hours_per_week, s.tasks[0].energy), (4.0, -1));
        let gone = remove(&mut s, "reviews").unwrap_err().to_string();
        assert!(gone.ends_with("the tasks are: status-meetings"), "{gone}");
    }

    #[test]
    fn an_audit_needs_tasks_and_replaces_its_day() {
        let mut s = Snapshot::default();
        let day = Date::constant(2026, 11, 2);
        let none = record_audit(&mut s, day).unwrap_err().to_string();
        assert!(none.starts_with("no tasks to audit"), "{none}");
        add(&mut s, meetings()).unwrap();
        record_audit(&mut s, day).unwrap();
        let reports = record_audit(&mut s, day).unwrap();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].date, day);
    }
}
