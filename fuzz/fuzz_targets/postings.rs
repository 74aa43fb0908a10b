#![no_main]
//! Any bytes as a postings file, CSV and JSON Lines: every record read or refused with a line
//! inside the input, a file-level error instead of records, and never a panic. The CSV reader is
//! milemarker's own (it names the line of a quote that never closes and caps a record), so it is
//! the reader most in need of this.

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use milemarker_market::postings::{self, Columns, Format};

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64 + 1;
    let mut file = tempfile::NamedTempFile::new_in("/dev/shm").expect("a scratch file");
    file.write_all(data).expect("written");
    let latest = jiff::civil::date(2026, 11, 28);
    for format in [Format::Csv, Format::Jsonl] {
        let Ok(reader) = postings::open(file.path(), format, &Columns::default(), latest) else {
            continue;
        };
        for record in reader.records {
            if let Err(bad) = record {
                assert!(bad.line >= 1 && bad.line <= lines, "{bad} of {lines} lines");
            }
        }
    }
});
