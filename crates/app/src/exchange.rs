//! The export document: every record as one JSON file, and restoring the records from it.

use std::path::Path;

use anyhow::{Result, bail};
use milemarker_core::career::{SCHEMA_VERSION, Snapshot};

use crate::input::{EXPORT_LIMIT, read_input, refuse_empty};
use crate::records::Db;

/// The records as the export document: pretty JSON, ending in a newline.
pub fn document(s: &Snapshot) -> Result<String> {
    let mut text = serde_json::to_string_pretty(s)?;
    text.push('\n');
    Ok(text)
}

/// Replaces the records with the export document `file` (- for standard input); returns what
/// was restored.
pub fn restore(db: &mut Db, file: &Path) -> Result<Snapshot> {
    let text = read_input(file, EXPORT_LIMIT)?;
    refuse_empty(file, &text, "nothing to import")?;
    restore_text(db, &file.display().to_string(), &text)
}

/// Replaces the records with an export document read from `name` (an upload, a file): all of it
/// or, refused, nothing.
pub fn restore_text(db: &mut Db, name: &str, text: &str) -> Result<Snapshot> {
    let snapshot = parse(name, text)?;
    // save() validates the whole document before it writes, in one transaction.
    db.save(&snapshot)
        .map_err(|err| anyhow::anyhow!("{name}: {err}; nothing was imported"))?;
    Ok(snapshot)
}

/// Reads an export document; a field that does not hold is named by its path, line and column.
pub fn parse(name: &str, text: &str) -> Result<Snapshot> {
    // Check the version first, so a newer document gets the right advice, not a field error.
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(|v| v.as_u64()));
    if let Some(version) = version.filter(|v| *v > u64::from(SCHEMA_VERSION)) {
        bail!(
            "{name} has schema version {version}, newer than this milemarker reads \
             ({SCHEMA_VERSION}); upgrade milemarker to import it. Nothing was imported."
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_reads_back_as_the_records() {
        let s = milemarker_core::example::person();
        let text = document(&s).unwrap();
        assert_eq!(parse("export.json", &text).unwrap(), s);
    }

    #[test]
    fn a_newer_document_is_refused_with_advice() {
        let text = format!("{{\"schema_version\": {}}}", SCHEMA_VERSION + 1);
        let err = parse("new.json", &text).unwrap_err().to_string();
        assert!(err.contains("upgrade milemarker to import it"), "{err}");
    }

    #[test]
    fn a_bad_field_is_named_by_its_path() {
        let err = parse("bad.json", r#"{"values": 3}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.json:1:"), "{err}");
        assert!(err.contains(": values: "), "{err}");
    }
}
