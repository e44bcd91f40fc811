//! Dutch licence plates in their sidecodes (XX-99-99 up to 9-XX-999). Written
//! with dashes as on the plate they count anywhere; written without them or with
//! spaces ("JT45DK", "5 JF 829") only when the text around them speaks of a
//! vehicle or a plate (kenteken, auto, car, plaka, tablica, номер, لوحة).

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector {
    dashed: Regex,
    bare: Regex,
}

/// The sidecodes as (letters or digits, length) groups: `L` letters, `D` digits.
const SIDECODES: &[[(char, usize); 3]] = &[
    [('L', 2), ('D', 2), ('D', 2)],
    [('D', 2), ('D', 2), ('L', 2)],
    [('D', 2), ('L', 2), ('D', 2)],
    [('L', 2), ('D', 2), ('L', 2)],
    [('L', 2), ('L', 2), ('D', 2)],
    [('D', 2), ('L', 2), ('L', 2)],
    [('D', 2), ('L', 3), ('D', 1)],
    [('D', 1), ('L', 3), ('D', 2)],
    [('L', 2), ('D', 3), ('L', 1)],
    [('L', 1), ('D', 3), ('L', 2)],
    [('L', 3), ('D', 2), ('L', 1)],
    [('L', 1), ('D', 2), ('L', 3)],
    [('D', 1), ('L', 2), ('D', 3)],
    [('D', 3), ('L', 2), ('D', 1)],
];

/// Words (or their beginnings) that, near a code, make it a licence plate.
const VEHICLE_WORDS: &[&str] = &[
    "kenteken",
    "nummerbord",
    "auto",
    "wagen",
    "busje",
    "bus ",
    "bestelbus",
    "camper",
    "caravan",
    "aanhanger",
    "motor",
    "scooter",
    "brommer",
    "taxi",
    "vrachtwagen",
    "parkeer",
    "geparkeerd",
    "car ",
    "cars",
    "car,",
    "plate",
    "registration",
    "vehicle",
    "parking",
    "parked",
    "plaka",
    "araba",
    "aracım",
    "araç",
    "rejestrac",
    "samoch",
    "auta",
    "autem",
    "номер",
    "машин",
    "автомоб",
    "авто",
    "لوحة",
    "سيار",
];

impl Detector {
    pub(super) fn new() -> Self {
        let group = |(kind, n): (char, usize)| match kind {
            'L' => format!("[A-Za-z]{{{n}}}"),
            _ => format!(r"\d{{{n}}}"),
        };
        let codes = |sep: &str| {
            SIDECODES
                .iter()
                .map(|c| c.map(group).join(sep))
                .collect::<Vec<_>>()
                .join("|")
        };
        Self {
            dashed: Regex::new(&format!("(?:{})", codes("-"))).expect("valid pattern"),
            bare: Regex::new(&format!("(?:{})", codes(" ?"))).expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if text.contains('-') {
            for m in self.dashed.find_iter(text) {
                if text[..m.start()].ends_with('-') || text[m.end()..].starts_with('-') {
                    continue; // part of a longer code
                }
                push(text, m.start(), m.end(), out);
            }
        }
        let mut context = None;
        let mut at = 0;
        while let Some(m) = self.bare.find_at(text, at) {
            // On a miss, look again one character on: "auta VG76LH" first matches
            // "ta VG76", which hides the plate.
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            let s = m.as_str();
            if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                continue;
            }
            // Plates on paper are capitals; lowercase only right after "kenteken".
            let upper = !s.bytes().any(|b| b.is_ascii_lowercase());
            let after_kenteken = text[..m.start()]
                .trim_end_matches([' ', ':'])
                .to_lowercase()
                .ends_with("kenteken");
            // "1234AB" is a postcode unless it follows "kenteken" (an old sidecode).
            let compact: String = s.chars().filter(|c| *c != ' ').collect();
            let postcode_shape = compact.bytes().take(4).all(|b| b.is_ascii_digit());
            if !(after_kenteken || upper && !postcode_shape) {
                continue;
            }
            if *context.get_or_insert_with(|| vehicle_context(text)) {
                push(text, m.start(), m.end(), out);
                at = m.end();
            }
        }
    }
}

/// Whether the text speaks of a vehicle or a plate.
fn vehicle_context(text: &str) -> bool {
    let lower = text.to_lowercase() + " ";
    VEHICLE_WORDS.iter().any(|w| lower.contains(w))
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Candidate>) {
    if alnum_before(text, start) || alnum_after(text, end) {
        return;
    }
    // Plates are written in capitals or all in lowercase, not in mixed words.
    let s = &text[start..end];
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    if has_upper && has_lower {
        return;
    }
    out.push(Candidate {
        start,
        end,
        kind: PiiKind::Plate,
    });
}
