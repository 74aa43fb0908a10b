//! What every command needs: the database, opened once, and a way to print.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use milemarker_core::career::{InvalidField, Snapshot};
use milemarker_store::Store;

use crate::ui::terminal_safe;

/// The database path: `--db`, else `MILEMARKER_DB` (clap reads both), else the platform data
/// directory (XDG on Linux).
pub fn database_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "milemarker")
        .context("cannot find a home directory for the database; pass --db PATH")?;
    // Created by Db::open, when a command writes.
    Ok(dirs.data_dir().join("milemarker.db"))
}

/// A reading command found no database: nothing has been recorded there yet.
#[derive(Debug)]
pub struct NoRecords(pub PathBuf);

impl std::fmt::Display for NoRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no records at {} yet; start with `milemarker init` (or name another database with \
             --db)",
            self.0.display()
        )
    }
}

impl std::error::Error for NoRecords {}

/// The store behind a small runtime: commands stay synchronous and simple.
pub struct Db {
    runtime: tokio::runtime::Runtime,
    /// Always `Some` until dropped.
    store: Option<Store>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            // A failed close loses nothing: every write already committed.
            let _ = self.runtime.block_on(store.close());
        }
    }
}

impl Db {
    /// Opens the database for a command that only reads: one that does not exist yet is not
    /// created, there is simply nothing to read.
    pub fn open_existing(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Err(NoRecords(path.to_path_buf()).into());
        }
        Db::open(path)
    }

    /// Opens the database, creating it (and its directory) when it does not exist yet.
    pub fn open(path: &Path) -> Result<Db> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the database runtime")?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mut store = runtime.block_on(Store::open(path))?;
        let shown = path.display().to_string();
        store.on_wait(move || {
            eprintln!(
                "waiting for another program writing to {shown} (an import, the web server or \
                 another milemarker) to finish..."
            );
        });
        Ok(Db {
            runtime,
            store: Some(store),
        })
    }

    pub fn load(&mut self) -> Result<Snapshot> {
        let store = self.store.as_mut().expect("open until dropped");
        Ok(self.runtime.block_on(store.load())?)
    }

    /// Validates, then writes everything in one transaction: bad input changes nothing.
    pub fn save(&mut self, snapshot: &Snapshot) -> Result<()> {
        snapshot.validate().map_err(invalid)?;
        let store = self.store.as_mut().expect("open until dropped");
        Ok(self.runtime.block_on(store.save(snapshot))?)
    }

    pub fn path(&self) -> &Path {
        self.store.as_ref().expect("open until dropped").path()
    }

    /// The runtime and the store, for work beyond loading and saving the person's records
    /// (postings are stored and read apart from them).
    pub fn parts(&mut self) -> (&tokio::runtime::Runtime, &mut Store) {
        (
            &self.runtime,
            self.store.as_mut().expect("open until dropped"),
        )
    }

    /// The write rule (DESIGN 6): under the write lock, loads the records, lets `change` edit
    /// them, validates, and saves what changed; nothing is written if `change` or validation
    /// fails. What `change` reads is what it writes over: no other writer comes between.
    pub fn update<T>(&mut self, change: impl FnOnce(&mut Snapshot) -> Result<T>) -> Result<T> {
        let store = self.store.as_mut().expect("open until dropped");
        self.runtime.block_on(store.update(|s| {
            let out = change(s)?;
            s.validate().map_err(invalid)?;
            Ok(out)
        }))?
    }
}

pub fn invalid(err: InvalidField) -> anyhow::Error {
    anyhow::anyhow!("{}: {}", err.field, err.message)
}

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

/// The most a reader holds in memory at once: each kind of input has its own, far above any real
/// file of its kind, so a wrong file (or `/dev/zero`) is refused at the limit instead of filling
/// memory. [`INPUT_LIMIT_VAR`] sets another for one run.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// "a decision document" and the like.
    pub what: &'static str,
    pub bytes: u64,
}

/// `decide FILE`: a decision document lists a few options and values.
pub const DECISION_LIMIT: Limit = Limit {
    what: "a decision document",
    bytes: 16 << 20,
};
/// `import FILE`: what `export` writes; decades of weeks, wins and contacts take a few MiB.
pub const EXPORT_LIMIT: Limit = Limit {
    what: "an export",
    bytes: 256 << 20,
};
/// `hours import`: years of a time tracker's intervals or events.
pub const TRACKER_LIMIT: Limit = Limit {
    what: "a time tracker's export",
    bytes: 512 << 20,
};
/// `contact import`: an address book's vCards, photos and all.
pub const VCARD_LIMIT: Limit = Limit {
    what: "a vCard file",
    bytes: 256 << 20,
};
/// `skills extract` and `skills from-text`: a CV or a posting, read whole.
pub const TEXT_LIMIT: Limit = Limit {
    what: "a text",
    bytes: 64 << 20,
};
/// `skills extract --lines`: the file is streamed; one line is held at a time.
pub const LINE_LIMIT: Limit = Limit {
    what: "one line",
    bytes: 1 << 20,
};
/// The settings file.
pub const CONFIG_LIMIT: Limit = Limit {
    what: "a settings file",
    bytes: 1 << 20,
};

/// Sets every [`Limit`] for one run, in bytes or with a suffix: `512M`, `2G`, `300KiB`.
pub const INPUT_LIMIT_VAR: &str = "MILEMARKER_INPUT_LIMIT";

impl Limit {
    /// The limit in effect: [`INPUT_LIMIT_VAR`] when set, else this one's.
    pub fn bytes(&self) -> Result<u64> {
        match std::env::var(INPUT_LIMIT_VAR) {
            Ok(text) => parse_size(&text).with_context(|| {
                format!("{INPUT_LIMIT_VAR}=\"{text}\" is not a size like 512M, 2G or 1048576")
            }),
            Err(_) => Ok(self.bytes),
        }
    }

    fn refuse(&self, name: &str, max: u64) -> anyhow::Error {
        anyhow::anyhow!(
            "{name} is over {}, the most {} may be; nothing was read past it. If it really is \
             that big, raise the limit for this run, e.g. {INPUT_LIMIT_VAR}={}M",
            size(max),
            self.what,
            (max >> 20).max(1) * 4
        )
    }
}

fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let number: u64 = text[..digits].parse().ok()?;
    let shift = match text[digits..].trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return None,
    };
    number.checked_mul(1 << shift)
}

/// A number of bytes as people read it: "16 MiB", "2 KiB", "300 bytes".
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// How errors name an input: its path, or "standard input" for "-".
pub fn input_name(path: &Path) -> String {
    if path == Path::new("-") {
        "standard input".into()
    } else {
        path.display().to_string()
    }
}

/// Opens a file, or standard input for "-", for reading a piece at a time.
pub fn open_input(path: &Path) -> Result<Box<dyn std::io::BufRead>> {
    if path == Path::new("-") {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Box::new(std::io::BufReader::new(file)))
}

/// Reads a file, or standard input for "-", as text: a UTF-8 byte order mark is dropped, bytes
/// that are not UTF-8 are refused naming their line and column, and an input over `limit` is
/// refused without reading on.
pub fn read_input(path: &Path, limit: Limit) -> Result<String> {
    let name = input_name(path);
    let max = limit.bytes()?;
    let input = open_input(path)?;
    if path != Path::new("-") {
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read {name}"))?;
        if meta.is_file() && meta.len() > max {
            return Err(limit.refuse(&name, max));
        }
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(input, max + 1), &mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > max {
        return Err(limit.refuse(&name, max));
    }
    utf8_text(&name, 1, bytes)
}

/// `bytes` (from line `first_line` of `name`) as text, without a leading byte order mark; bytes
/// that are not UTF-8 are an error naming their line and column, and saying how to fix them.
pub fn utf8_text(name: &str, first_line: u64, mut bytes: Vec<u8>) -> Result<String> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    if first_line == 1 && bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let at = err.utf8_error().valid_up_to();
        let good = &bytes[..at];
        let line = first_line + good.iter().filter(|&&b| b == b'\n').count() as u64;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        anyhow::anyhow!(
            "{name}: line {line}, column {column}: not valid UTF-8 (byte 0x{:02X}); {}",
            bytes[at],
            milemarker_market::postings::NOT_UTF8_FIX
        )
    })
}

/// Refuses an input with nothing but white space in it, saying so in `words` ("nothing to
/// import").
pub fn refuse_empty(path: &Path, text: &str, words: &str) -> Result<()> {
    if text.trim().is_empty() {
        anyhow::bail!("{} is empty; {words}", input_name(path));
    }
    Ok(())
}

/// Today, read here at the edge only: `MILEMARKER_TODAY` (YYYY-MM-DD) pins it for scripts and
/// tests; otherwise the system clock in the local time zone.
pub fn today() -> Result<jiff::civil::Date> {
    match std::env::var("MILEMARKER_TODAY") {
        Ok(text) => text
            .parse()
            .with_context(|| format!("MILEMARKER_TODAY=\"{text}\" is not a date like 2026-11-22")),
        Err(_) => Ok(jiff::Zoned::now().date()),
    }
}

/// The weeks as milemarker counts them: check-ins decide their week, trackers fill the rest.
pub fn counted_weeks(s: &Snapshot) -> Vec<milemarker_core::life::WeekHours> {
    // Zones were checked on import; one the system has since lost falls back to UTC.
    let tracked = milemarker_core::tracker::tracked_weeks(&s.tracked, |name| {
        jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
    });
    milemarker_core::life::merged_weeks(&s.checkins, &tracked)
}

/// The settings file: `--config`, else `MILEMARKER_CONFIG` (clap reads both), else
/// `config.toml` in the platform config directory.
pub fn config_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "milemarker")
        .context("cannot find a home directory for the settings; pass --config PATH")?;
    Ok(dirs.config_dir().join("config.toml"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    markers: milemarker_core::markers::Thresholds,
}

/// The marker thresholds in effect, and whether a file set any of them.
pub struct Settings {
    pub path: PathBuf,
    pub file_exists: bool,
    pub thresholds: milemarker_core::markers::Thresholds,
}

pub fn load_settings(flag: Option<&Path>) -> Result<Settings> {
    let path = config_path(flag)?;
    let text = match std::fs::metadata(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        _ => Some(read_input(&path, CONFIG_LIMIT)?),
    };
    let file: ConfigFile = match &text {
        Some(text) => toml::from_str(text).map_err(|err| {
            let place = err
                .span()
                .map(|span| {
                    let line = text[..span.start].matches('\n').count() + 1;
                    format!(" line {line}:")
                })
                .unwrap_or_default();
            anyhow::anyhow!(
                "{}:{place} {}; `milemarker config` shows every setting with its default",
                path.display(),
                err.message()
            )
        })?,
        None => ConfigFile::default(),
    };
    file.markers
        .validate()
        .map_err(|err| anyhow::anyhow!("{}: [markers] {err}", path.display()))?;
    Ok(Settings {
        file_exists: text.is_some(),
        path,
        thresholds: file.markers,
    })
}

/// Writes `text` to `out` (whole or not at all), or prints it when there is no file.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<()> {
    let Some(path) = out.filter(|p| *p != Path::new("-")) else {
        return print_document(text);
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(text.as_bytes())?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The day something happened: `--date`, else today; a day after today is refused.
pub fn happened_on(flag: Option<jiff::civil::Date>) -> Result<jiff::civil::Date> {
    up_to_today(flag, "--date", "record it once it happened")
}

/// The day to judge by: `--as-of`, else today; never a day after today.
pub fn as_of(flag: Option<jiff::civil::Date>) -> Result<jiff::civil::Date> {
    up_to_today(flag, "--as-of", "the records cannot speak for it yet")
}

fn up_to_today(
    flag: Option<jiff::civil::Date>,
    name: &str,
    advice: &str,
) -> Result<jiff::civil::Date> {
    let today = today()?;
    match flag {
        Some(date) if date > today => {
            anyhow::bail!("{name} {date} is in the future (today is {today}); {advice}")
        }
        Some(date) => Ok(date),
        None => Ok(today),
    }
}
