//! Bank account numbers: IBANs, with or without spaces, accepted only when their
//! ISO 7064 mod-97 checksum holds (so an order number is not a bank account).

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector(Regex);

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            Regex::new(r"(?i)[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?")
                .expect("valid pattern"),
        )
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        for m in self.0.find_iter(text) {
            if alnum_before(text, m.start()) {
                continue;
            }
            // The last group may belong to the next word: try without it too.
            let s = m.as_str();
            let mut ends = vec![s.len()];
            if let Some(i) = s.rfind(' ') {
                ends.push(i);
            }
            for end in ends {
                if !alnum_after(text, m.start() + end) && valid(&s[..end]) {
                    out.push(Candidate {
                        start: m.start(),
                        end: m.start() + end,
                        kind: PiiKind::Iban,
                    });
                    break;
                }
            }
        }
    }
}

/// ISO 13616 check: move the first four characters to the end, turn letters into
/// numbers (A = 10), and the remainder modulo 97 must be 1.
pub(crate) fn valid(candidate: &str) -> bool {
    let compact: Vec<u8> = candidate
        .bytes()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    if compact.starts_with(b"NL") && compact.len() != 18 {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut rem: u32 = 0;
    for b in tail.iter().chain(head) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}
