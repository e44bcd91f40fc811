//! Any bytes an official can save as a round file: the parser must answer with a
//! round or with diagnostics, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(d) = meepraten::round_file::parse("fuzz.toml", data) {
        assert!(!d.items.is_empty());
        let _ = d.to_string();
    }
});
