//! Table tests for each detector: what must be found, and what must be left alone.

use super::{PiiKind, Scrubber};
use crate::domain::Lang;

fn kinds(text: &str) -> Vec<(String, PiiKind)> {
    let found = Scrubber::get().find(text);
    found
        .iter()
        .map(|f| (text.chars().skip(f.start).take(f.end - f.start).collect(), f.kind))
        .collect()
}

#[test]
fn finds_each_kind() {
    use PiiKind::*;
    let cases: &[(&str, &str, PiiKind)] = &[
        ("Bel me op 06-12345678 aub", "06-12345678", Phone),
        ("mijn nummer is 06 1234 5678.", "06 1234 5678", Phone),
        ("nummer: +31 6 1234 5678", "+31 6 1234 5678", Phone),
        ("0031 6 12345678 werkt ook", "0031 6 12345678", Phone),
        ("kantoor 020-1234567", "020-1234567", Phone),
        ("(010) 123 45 67 is de wijkpost", "(010) 123 45 67", Phone),
        ("+31 (0)20 123 4567", "+31 (0)20 123 4567", Phone),
        ("06.12.34.56.78", "06.12.34.56.78", Phone),
        (
            "mail naar jan.devries@example.nl graag",
            "jan.devries@example.nl",
            Email,
        ),
        (
            "zie https://gemeente.nl/wmo?x=1.",
            "https://gemeente.nl/wmo?x=1",
            Url,
        ),
        ("kijk op www.mijnzorg.nl", "www.mijnzorg.nl", Url),
        (
            "op mijnzorgportaal.nl/afspraak staat het",
            "mijnzorgportaal.nl/afspraak",
            Url,
        ),
        ("stuur een bericht naar @fatima_88", "@fatima_88", Handle),
        ("mijn matrix is @piet:matrix.org", "@piet:matrix.org", Handle),
        ("rekening NL91ABNA0417164300", "NL91ABNA0417164300", Iban),
        (
            "iban NL91 ABNA 0417 1643 00 en verder",
            "NL91 ABNA 0417 1643 00",
            Iban,
        ),
        ("bsn 111222333 staat op de brief", "111222333", Bsn),
        ("mijn bsn is 123.456.782", "123.456.782", Bsn),
        ("postcode 1234 AB", "1234 AB", Postcode),
        ("ik woon in 3511ab", "3511ab", Postcode),
        ("ik woon op de Kerkstraat 12", "Kerkstraat 12", Address),
        (
            "Van Speijkstraat 3a is mijn adres",
            "Van Speijkstraat 3a",
            Address,
        ),
        (
            "Laan van Meerdervoort 100, Den Haag",
            "Laan van Meerdervoort 100",
            Address,
        ),
        ("geboren op 12-03-1956", "12-03-1956", DateOfBirth),
        ("ik ben van 3 maart 1948", "3 maart 1948", DateOfBirth),
        ("mijn auto XX-123-X staat er", "XX-123-X", Plate),
        ("kenteken 12-ABC-3", "12-ABC-3", Plate),
        ("mevrouw de Vries helpt mij", "de Vries", Person),
        ("ik heb gesproken met fatima", "fatima", Person),
        ("buurman Henk komt altijd", "Henk", Person),
        ("mijn hulp Kees Bakker is fijn", "Kees Bakker", Person),
        ("juf Anna is lief", "Anna", Person),
        ("ik heet Olena Shevchenko", "Olena Shevchenko", Person),
        ("dhr. Yilmaz belde", "Yilmaz", Person),
        ("ik sprak Fatima el Amrani gisteren", "Fatima el Amrani", Person),
    ];
    for (text, want, kind) in cases {
        let got = kinds(text);
        assert!(
            got.contains(&((*want).to_owned(), *kind)),
            "{text}: want {want:?} {kind:?}, got {got:?}"
        );
    }
}

#[test]
fn leaves_ordinary_content_alone() {
    let texts = [
        "Ik krijg al 3 maanden geen hulp",
        "Het kost € 1.250 per jaar",
        "In 2024 en 2025 ging het beter",
        "Er wonen 1234 mensen in de wijk",
        "Zie artikel 2.3 van de Wmo",
        "Bus lijn 12 rijdt niet meer",
        "De Jeugdwet en de Participatiewet, het UWV en de SVB",
        "de bakker op de hoek is aardig",
        "De hulp komt om 10:00 uur, 2 keer per week",
        "Ik ben blij met de hulp",
        "Mijn afspraak is op 01-02-2027 om 10:00",
        "Het nummer 123456789 is geen bsn",
        "Een rekening van NL00 TEST 0000 0000 00",
        "We liepen de snelweg 2 keer af",
        "Wil de gemeente meer doen?",
        "Ik woon in de Kerkstraat",
        "Op maandag 12 februari was ik jarig",
    ];
    for text in texts {
        let got = kinds(text);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn replaces_with_placeholders_in_the_residents_language() {
    let s = Scrubber::get();
    let nl = s.scrub("Bel mevrouw de Vries op 06-12345678", Lang::Nl);
    assert_eq!(nl.text, "Bel mevrouw [naam] op [telefoonnummer]");
    let en = s.scrub("Call Fatima on 06-12345678", Lang::En);
    assert_eq!(en.text, "Call [name] on [phone number]");
    assert_eq!(s.scrub(&nl.text, Lang::Nl).text, nl.text, "idempotent");
    let offsets = s.find("é 06-12345678");
    assert_eq!(
        (offsets[0].start, offsets[0].end),
        (2, 13),
        "character offsets, not bytes"
    );
}

#[test]
fn glued_findings_are_scrubbed_in_one_go() {
    // Found by the fuzzer: a finding glued to another one only stands free once the
    // other is replaced, and handles can chain.
    let s = Scrubber::get();
    for (text, want) in [
        ("@ab@Cm", "[gebruikersnaam][gebruikersnaam]"),
        ("Fatima06-12345678", "[naam][telefoonnummer]"),
        ("@ms@ms@ms@ms@ms@ms@ms@ms@ms@ms@ms@msA.b", ""),
    ] {
        let once = s.scrub(text, Lang::Nl);
        assert_eq!(s.scrub(&once.text, Lang::Nl).text, once.text, "{text}");
        if !want.is_empty() {
            assert_eq!(once.text, want);
        }
        for f in &once.findings {
            assert!(f.end <= text.chars().count());
        }
    }
}
