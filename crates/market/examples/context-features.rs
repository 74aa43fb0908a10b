//! The context layer's features, for training it (`bench/train-context.py`): `cargo run --release
//! -p milemarker-market --example context-features -- TEXTS`, one text per line. Prints one JSON
//! line per text: every candidate hit (repeats included) with its features, whether it sits in a
//! boilerplate passage, and the current model's verdict. The features come from the code that
//! scores hits at run time, so training and matching cannot disagree on them.

use std::io::{BufWriter, Write};

use milemarker_market::skills::Matcher;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: context-features TEXTS");
    let text = std::fs::read_to_string(&path).expect("TEXTS is readable");
    let matcher = Matcher::global();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in text.lines() {
        let explained = matcher.explain(line);
        serde_json::to_writer(&mut out, &explained).expect("stdout is writable");
        writeln!(out).expect("stdout is writable");
    }
    out.flush().expect("stdout is writable");
}
