//! `milemarker brag`: the brag document, as Markdown or JSON.

use anyhow::Result;

use crate::cli::{BragArgs, BragFormat};
use crate::context::{Db, today, write_output};

pub fn run(db: &mut Db, args: BragArgs) -> Result<()> {
    let s = db.load()?;
    let doc = milemarker_app::brag::document(&s, args.from, args.to, today()?)?;
    let text = match args.format {
        BragFormat::Json => format!("{}\n", serde_json::to_string_pretty(&doc)?),
        BragFormat::Markdown => milemarker_app::brag::markdown(&s, &doc),
    };
    write_output(args.out.as_deref(), &text)
}
