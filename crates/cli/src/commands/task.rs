//! The week's tasks, for the energy audit.

use anyhow::Result;
use milemarker_app::tasks::{self, NewTask, TaskChange};
use milemarker_core::decision::format_number;
use milemarker_core::life::Task;

use crate::cli::TaskCommand;
use crate::context::{Db, print, print_json};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, command: TaskCommand) -> Result<()> {
    // Each edit shows the tasks as written: taken from the write, not loaded again.
    let written = match command {
        TaskCommand::List(flag) => {
            let s = db.load()?;
            if flag.json {
                return print_json(&s.tasks);
            }
            s.tasks
        }
        TaskCommand::Add(a) => {
            let new = NewTask {
                id: a.id,
                name: a.name,
                hours: a.hours,
                energy: a.energy,
                fit: a.fit,
                delegable: a.delegable,
            };
            db.update(|s| tasks::add(s, new).map(|()| s.tasks.clone()))?
        }
        TaskCommand::Edit(a) => {
            let change = TaskChange {
                name: a.name,
                hours: a.hours,
                energy: a.energy,
                fit: a.fit,
                delegable: a.delegable,
            };
            db.update(|s| tasks::edit(s, &a.id, change).map(|()| s.tasks.clone()))?
        }
        TaskCommand::Remove { id } => {
            db.update(|s| tasks::remove(s, &id).map(|()| s.tasks.clone()))?
        }
    };
    print(&render(&written))
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
