//! Any text a resident can send: the scrubber must not panic, its spans must be
//! ordered, non-overlapping and inside the text, and scrubbing must be idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meepraten::anon::Scrubber;
use meepraten::domain::Lang;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let scrubber = Scrubber::get();
    let chars = text.chars().count();
    for lang in Lang::ALL {
        let once = scrubber.scrub(&text, lang);
        let mut end = 0;
        for f in &once.findings {
            assert!(f.start >= end && f.start < f.end && f.end <= chars, "bad span {f:?}");
            end = f.end;
        }
        if once.findings.is_empty() {
            assert_eq!(once.text, text);
        }
        assert_eq!(scrubber.scrub(&once.text, lang).text, once.text, "not idempotent");
    }
});
