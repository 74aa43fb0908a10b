//! In-process skill-extraction throughput on one core: `cargo run --release --example throughput
//! -- TEXTS [RUNS]`, one text per line (bench/extract.sh makes them). Prints one JSON line: the
//! megabytes, the best time of RUNS for `skills_in` (what an import does), for `concepts`
//! (offsets and strings too), for `extract` (concepts and the span tagger's phrases) and for
//! `extract_all` (the matcher without the context layer), and the skills found.

use std::time::Instant;

use milemarker_market::skills::Matcher;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput TEXTS [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(&path).expect("TEXTS is readable");
    let lines: Vec<&str> = text.lines().collect();
    let matcher = Matcher::global();
    let best = |f: &dyn Fn() -> usize| {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                let found = f();
                (start.elapsed().as_secs_f64(), found)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("at least one run")
    };
    let (ids_seconds, found) = best(&|| lines.iter().map(|l| matcher.skills_in(l).len()).sum());
    let (concepts_seconds, _) = best(&|| lines.iter().map(|l| matcher.concepts(l).len()).sum());
    let (hits_seconds, _) = best(&|| lines.iter().map(|l| matcher.extract(l).len()).sum());
    let (all_seconds, _) = best(&|| lines.iter().map(|l| matcher.extract_all(l).len()).sum());
    println!(
        "{{\"megabytes\": {:.3}, \"skills_in_seconds\": {ids_seconds:.4}, \"concepts_seconds\": {concepts_seconds:.4}, \"extract_seconds\": {hits_seconds:.4}, \"extract_all_seconds\": {all_seconds:.4}, \"found\": {found}}}",
        text.len() as f64 / 1e6
    );
}
