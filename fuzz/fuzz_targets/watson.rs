#![no_main]
//! Any input: an error or intervals that end after they start, and weeks that add up; never a panic.

use libfuzzer_sys::fuzz_target;
use milemarker_core::tracker;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = tracker::parse_watson(text) {
        common::check_parsed(&parsed);
    }
});
