//! What every command needs from the application layer, and a way to print.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

pub use milemarker_app::clock::{as_of, happened_on, today};
pub use milemarker_app::input::*;
pub use milemarker_app::records::{Db, database_path, if_any};
pub use milemarker_app::settings::{Settings, load_settings};

use crate::ui::terminal_safe;

/// Prints text (ANSI styles stripped for pipes and NO_COLOR; control characters in the person's
/// words neutralised, see [`terminal_safe`]); a closed pipe is an io error the caller treats as
/// success.
pub fn print(text: &str) -> Result<()> {
    write_stdout(&terminal_safe(text))
}

/// Prints a document (a vCard file, a review, a brag document) asked for on standard output: as
/// is into a pipe or a file, so its bytes are the export's; made safe only on a terminal.
fn print_document(text: &str) -> Result<()> {
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        print(text)
    } else {
        write_stdout(text)
    }
}

fn write_stdout(text: &str) -> Result<()> {
    let mut out = anstream::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print_raw(&text)
}

/// Prints machine output as is: JSON holds no styles, so it skips the scan for them.
pub fn print_raw(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `text` to `out` (whole or not at all), or prints it when there is no file.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<()> {
    match out.filter(|p| *p != Path::new("-")) {
        Some(path) => milemarker_app::output::write_whole(path, text),
        None => print_document(text),
    }
}
