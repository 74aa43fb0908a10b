#![no_main]
//! Any input: an error naming a line inside the input, or cards that write and read back the
//! same; never a panic.

use libfuzzer_sys::fuzz_target;
use milemarker_core::vcard;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match vcard::parse(text) {
        Ok(cards) => {
            let written = vcard::write(&cards.contacts);
            let again = vcard::parse(&written).expect("what we write we read");
            assert_eq!(again.contacts, cards.contacts, "round trip");
        }
        Err(err) => assert!(err.line >= 1 && err.line <= text.split('\n').count(), "{err}"),
    }
});
