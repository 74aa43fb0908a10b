use anyhow::{Result, bail};
use milemarker_core::career::{SCHEMA_VERSION, Snapshot};

use crate::cli::ImportArgs;
use milemarker_core::text::count;

use crate::context::{Db, EXPORT_LIMIT, read_input, refuse_empty};

pub fn run(db: &mut Db, args: ImportArgs) -> Result<()> {
    let name = args.file.display().to_string();
    let text = read_input(&args.file, EXPORT_LIMIT)?;
    refuse_empty(&args.file, &text, "nothing to import")?;
    let snapshot = parse(&name, &text)?;
    // save() validates the whole document before it writes, in one transaction.
    db.save(&snapshot)
        .map_err(|err| anyhow::anyhow!("{name}: {err}; nothing was imported"))?;
    anstream::eprintln!(
        "imported {}, {} and {} from {name}",
        count(snapshot.values.len() as f64, "value", "values"),
        count(
            snapshot.dealbreakers.len() as f64,
            "deal-breaker",
            "deal-breakers"
        ),
        count(snapshot.options.len() as f64, "option", "options")
    );
    Ok(())
}

fn parse(name: &str, text: &str) -> Result<Snapshot> {
    // Check the version first, so a newer document gets the right advice, not a field error.
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(|v| v.as_u64()));
    if let Some(version) = version.filter(|v| *v > u64::from(SCHEMA_VERSION)) {
        bail!(
            "{name} has schema version {version}, newer than this milemarker reads ({SCHEMA_VERSION}); \
             upgrade milemarker to import it. Nothing was imported."
        );
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let mut snapshot: Snapshot = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        anyhow::anyhow!(
            "{name}:{}:{}: {}{inner}; nothing was imported",
            inner.line(),
            inner.column(),
            if path == "." {
                String::new()
            } else {
                format!("{path}: ")
            }
        )
    })?;
    // An older document lacks only the sections added since; they start empty.
    snapshot.schema_version = SCHEMA_VERSION;
    Ok(snapshot)
}
