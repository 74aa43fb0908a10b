use anyhow::{Result, bail};
use milemarker_core::career::{Snapshot, find_named, validate_id};
use milemarker_core::decision::format_number;
use milemarker_core::life::Task;

use crate::cli::TaskCommand;
use crate::context::{Db, invalid, print, print_json};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, command: TaskCommand) -> Result<()> {
    match command {
        TaskCommand::List(flag) => {
            let s = db.load()?;
            if flag.json {
                print_json(&s.tasks)
            } else {
                print(&render(&s.tasks))
            }
        }
        TaskCommand::Add(a) => {
            db.update(|s| {
                validate_id("id", &a.id).map_err(invalid)?;
                if s.tasks.iter().any(|t| t.id == a.id) {
                    bail!(
                        "a task \"{}\" exists already; change it with `milemarker task edit {}`",
                        a.id,
                        a.id
                    );
                }
                let name = a.name.unwrap_or_else(|| a.id.clone());
                s.tasks.push(Task {
                    id: a.id,
                    name,
                    hours_per_week: a.hours,
                    energy: a.energy,
                    skill_fit: a.fit,
                    delegable: a.delegable,
                });
                Ok(())
            })?;
            print(&render(&db.load()?.tasks))
        }
        TaskCommand::Edit(a) => {
            db.update(|s| {
                let i = find_task(s, &a.id)?;
                let task = &mut s.tasks[i];
                task.name = a.name.unwrap_or(task.name.clone());
                task.hours_per_week = a.hours.unwrap_or(task.hours_per_week);
                task.energy = a.energy.unwrap_or(task.energy);
                task.skill_fit = a.fit.unwrap_or(task.skill_fit);
                task.delegable = a.delegable.unwrap_or(task.delegable);
                Ok(())
            })?;
            print(&render(&db.load()?.tasks))
        }
        TaskCommand::Remove { id } => {
            db.update(|s| {
                let i = find_task(s, &id)?;
                s.tasks.remove(i);
                Ok(())
            })?;
            print(&render(&db.load()?.tasks))
        }
    }
}

fn render(tasks: &[Task]) -> String {
    if tasks.is_empty() {
        return "No tasks yet: `milemarker task add status-meetings --hours 6 --energy -1 --fit 2`.\n".into();
    }
    let mut rows = vec![
        [
            "task",
            "hours",
            "energy",
            "fit",
            "someone else could",
            "name",
        ]
        .map(|h| paint(DIM, h))
        .to_vec(),
    ];
    for t in tasks {
        rows.push(vec![
            t.id.clone(),
            format_number(t.hours_per_week),
            format!("{:+}", t.energy),
            format!("{}/5", t.skill_fit),
            if t.delegable {
                "yes".into()
            } else {
                "no".into()
            },
            t.name.clone(),
        ]);
    }
    format!("{}\n{}", paint(HEADING, "Tasks"), table(&rows))
}

/// The task a person means: by id, by name (case-blind), or by the start of either.
fn find_task(s: &Snapshot, given: &str) -> Result<usize> {
    let tasks = s.tasks.iter().map(|t| (t.id.as_str(), t.name.as_str()));
    find_named("task", given, tasks).map_err(|message| {
        let known: Vec<&str> = s.tasks.iter().map(|t| t.id.as_str()).collect();
        anyhow::anyhow!("{message}; the tasks are: {}", known.join(", "))
    })
}
