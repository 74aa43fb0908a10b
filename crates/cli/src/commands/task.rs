//! The week's tasks, for the energy audit.

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::present::records as present;
use milemarker_app::tasks::{self, NewTask, TaskChange};

use crate::cli::{JsonFlag, TaskId};
use crate::context::{Db, print_json};
use crate::document::show;

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
            db.update(|s| tasks::edit(s, &a.task.id, change).map(|()| s.tasks.clone()))?
        }
        TaskCommand::Remove(task) => {
            db.update(|s| tasks::remove(s, &task.id).map(|()| s.tasks.clone()))?
        }
    };
    show(&present::tasks(&written))
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a task: something you do every week
    Add(TaskAddArgs),
    /// Change a task; what is not given stays
    Edit(TaskEditArgs),
    /// List your tasks
    List(JsonFlag),
    /// Remove a task
    Remove(TaskId),
}

#[derive(Debug, Args)]
pub struct TaskAddArgs {
    /// A short id, e.g. status-meetings
    pub id: String,
    /// A name to show [default: the id]
    #[arg(long)]
    pub name: Option<String>,
    /// Hours a week it takes
    #[arg(long)]
    pub hours: f64,
    /// -2 drains you .. +2 energises you
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(-2..=2))]
    pub energy: i8,
    /// How well it uses your skills, 1-5
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub fit: u8,
    /// Someone else could do it
    #[arg(long)]
    pub delegable: bool,
}

#[derive(Debug, Args)]
pub struct TaskEditArgs {
    #[command(flatten)]
    pub task: TaskId,
    /// A new name to show
    #[arg(long)]
    pub name: Option<String>,
    /// Hours a week it takes
    #[arg(long)]
    pub hours: Option<f64>,
    /// What it does to your energy, -2 (drains) to +2 (gives)
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(-2..=2))]
    pub energy: Option<i8>,
    /// How well it uses your skills, 1 to 5
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub fit: Option<u8>,
    /// Someone else could do it (true or false)
    #[arg(long)]
    pub delegable: Option<bool>,
}
