//! Bank account numbers: IBANs, with or without spaces (also "NL 91 ABNA ..."),
//! accepted when their ISO 7064 mod-97 checksum holds (so an order number is
//! not a bank account), or when they have the unmistakable Dutch shape (NL, two
//! digits, four letters, ten digits): one mistyped digit leaves it someone's
//! account number all the same.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector(Regex);

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            Regex::new(r"(?i)[a-z]{2} ?\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?")
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
                let found = &s[..end];
                if !alnum_after(text, m.start() + end) && (valid(found) || dutch_shape(found)) {
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

/// NL, two digits, a bank's four letters and ten digits, whatever the checksum.
fn dutch_shape(candidate: &str) -> bool {
    let compact: Vec<u8> = candidate.bytes().filter(|b| *b != b' ').collect();
    compact.len() == 18
        && compact[..2].eq_ignore_ascii_case(b"NL")
        && compact[2..4].iter().all(u8::is_ascii_digit)
        && compact[4..8].iter().all(u8::is_ascii_alphabetic)
        && compact[8..].iter().all(u8::is_ascii_digit)
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
