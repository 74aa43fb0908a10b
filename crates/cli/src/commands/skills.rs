//! Skills in text (DESIGN 4.9): the ESCO and O*NET labels a posting or a CV names.

use anyhow::Result;
use milemarker_market::skills::Matcher;

use crate::cli::SkillsCommand;
use crate::context::{print, print_json, read_input};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(command: SkillsCommand) -> Result<()> {
    match command {
        SkillsCommand::Extract { file, json } => {
            let text = read_input(&file)?;
            let hits = Matcher::global().extract(&text);
            if json.json {
                return print_json(&hits);
            }
            if hits.is_empty() {
                return print("No skills from ESCO or O*NET found in this text.\n");
            }
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| {
                    vec![
                        h.label.clone(),
                        format!("\"{}\"", h.matched),
                        paint(DIM, &format!("{}..{}", h.start, h.end)),
                        paint(DIM, &h.id),
                    ]
                })
                .collect();
            print(&format!(
                "{}\n{}",
                paint(HEADING, &format!("{} skills", hits.len())),
                table(&rows)
            ))
        }
    }
}
