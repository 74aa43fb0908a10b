//! Reading what a person gives: files or standard input, within a limit, as UTF-8 text.

use std::path::Path;

use anyhow::{Context, Result};

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
/// `market demand --from`, `postings import-demand`: a demand table counted elsewhere, every
/// skill with its months (tens of thousands of skills over five years stay well under).
pub const DEMAND_LIMIT: Limit = Limit {
    what: "a demand table",
    bytes: 256 << 20,
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

/// A file sent whole (an upload named `name`) as text: UTF-8 checked as a file read from disk
/// is, and refused when it holds nothing.
pub fn upload_text(name: &str, bytes: Vec<u8>) -> Result<String> {
    let text = utf8_text(name, 1, bytes)?;
    if text.trim().is_empty() {
        anyhow::bail!("{name} is empty; nothing to import");
    }
    Ok(text)
}

/// Refuses an input with nothing but white space in it, saying so in `words` ("nothing to
/// import").
pub fn refuse_empty(path: &Path, text: &str, words: &str) -> Result<()> {
    if text.trim().is_empty() {
        anyhow::bail!("{} is empty; {words}", input_name(path));
    }
    Ok(())
}

/// A file (or standard input) read one text a line, a batch at a time, so memory stays flat
/// however long the input. A line that cannot be read (not UTF-8, over [`LINE_LIMIT`]) ends
/// the reading there, named, after the lines before it.
pub struct LineBatches {
    name: String,
    max: u64,
    input: Box<dyn std::io::BufRead>,
    number: u64,
    done: bool,
}

/// Lines read, the number of the first, and what stopped the reading, if something did.
pub struct Batch {
    pub first: u64,
    pub lines: Vec<String>,
    pub stopped: Option<anyhow::Error>,
}

impl LineBatches {
    pub fn open(path: &Path) -> Result<LineBatches> {
        Ok(LineBatches::new(
            input_name(path),
            LINE_LIMIT.bytes()?,
            open_input(path)?,
        ))
    }

    fn new(name: String, max: u64, input: Box<dyn std::io::BufRead>) -> LineBatches {
        LineBatches {
            name,
            max,
            input,
            number: 0,
            done: false,
        }
    }

    /// Up to `size` more lines; `None` once the input is read or stopped.
    pub fn next_batch(&mut self, size: usize) -> Option<Batch> {
        if self.done {
            return None;
        }
        let mut batch = Batch {
            first: self.number + 1,
            lines: Vec::with_capacity(size),
            stopped: None,
        };
        while batch.lines.len() < size {
            match self.line() {
                Ok(Some(line)) => batch.lines.push(line),
                Ok(None) => break,
                Err(err) => {
                    batch.stopped = Some(err);
                    break;
                }
            }
        }
        self.done = batch.lines.len() < size;
        Some(batch)
    }

    fn line(&mut self) -> Result<Option<String>> {
        use std::io::{BufRead, Read};
        let name = &self.name;
        let mut buf = Vec::new();
        let read = (&mut self.input)
            .take(self.max + 2)
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("cannot read {name}"))?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        if buf.ends_with(b"\n") {
            buf.pop();
            if buf.ends_with(b"\r") {
                buf.pop();
            }
        }
        if buf.len() as u64 > self.max {
            anyhow::bail!(
                "{name}: line {} is over {}, the most {} may be; nothing was read past it (one \
                 text a line, as --lines reads it?)",
                self.number,
                size(self.max),
                LINE_LIMIT.what
            );
        }
        utf8_text(name, self.number, buf).map(Some)
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    fn batches(text: &'static [u8], max: u64) -> LineBatches {
        LineBatches::new("posts".into(), max, Box::new(std::io::Cursor::new(text)))
    }

    #[test]
    fn lines_come_in_batches_numbered_without_their_ends() {
        let mut read = batches(b"one\r\ntwo\nthree", 100);
        let first = read.next_batch(2).unwrap();
        assert_eq!(
            (first.first, first.lines),
            (1, vec!["one".into(), "two".into()])
        );
        let second = read.next_batch(2).unwrap();
        assert_eq!((second.first, second.lines), (3, vec!["three".to_string()]));
        assert!(read.next_batch(2).is_none());
    }

    #[test]
    fn a_long_line_stops_the_reading_after_the_lines_before_it() {
        let mut read = batches(b"ok\nmuch too long\nnever read\n", 5);
        let batch = read.next_batch(10).unwrap();
        assert_eq!(batch.lines, ["ok"]);
        let err = batch.stopped.unwrap().to_string();
        assert!(err.starts_with("posts: line 2 is over"), "{err}");
        assert!(read.next_batch(10).is_none());
    }
}
