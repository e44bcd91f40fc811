//! Phone numbers spoken out in words ("nul zes, twaalf, vierendertig,
//! zesenvijftig, achtenzeventig", "zero six one two ..."): a run of number
//! words that adds up to nine digits or more is no ordinary sentence.

use regex::Regex;

use super::{Candidate, PiiKind};

pub(super) struct Detector {
    run: Regex,
    word: Regex,
}

/// Number words of one digit, in Dutch and English.
const UNITS: &str = "nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|zero|oh|one|two|three|four|five|six|seven|eight|nine";
/// Dutch number words of two digits.
const TENS: &str = "tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig";
/// The fewest digits a phone number has (a Dutch one has ten; nine without the 0).
const DIGITS: usize = 9;

impl Detector {
    pub(super) fn new() -> Self {
        let compound = format!("(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)(?:{TENS})");
        let word = format!(r"\b(?:{compound}|{TENS}|{UNITS})\b");
        let run = format!(r"(?i){word}(?:[\s,.-]+{word}){{4,}}");
        Self {
            run: Regex::new(&run).expect("valid pattern"),
            word: Regex::new(&format!("(?i){word}")).expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        for m in self.run.find_iter(text) {
            let digits: usize = self
                .word
                .find_iter(m.as_str())
                .map(|w| {
                    let w = w.as_str().to_lowercase();
                    if UNITS.split('|').any(|u| u == w) { 1 } else { 2 }
                })
                .sum();
            if digits >= DIGITS {
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: PiiKind::Phone,
                });
            }
        }
    }
}
