//! Makes the example council reports under `examples/report/`: the Wmo example
//! round of 2027 answered by 240 synthetic residents, closed, with the advice it
//! informed and what the municipality did with it; then its follow-up of 2028
//! (profile questions beside the population table, compared with 2027) answered
//! by 200, of whom 80 took part in 2027; and the overview across both. Fixed
//! seed, dates and key, so the same reports come out every time. With Chromium
//! installed it also prints the Dutch reports to PDF on A4.
//!
//! ```text
//! cargo run --example example_report
//! ```

use std::path::{Path, PathBuf};

use meepraten::anon::ResidentRef;
use meepraten::channel::terminal;
use meepraten::config::Settings;
use meepraten::domain::{Lang, OutcomeStatus};
use meepraten::service::{OutboundButton, Service};
use time::macros::datetime;

const ROUND: &str = "huishoudelijke-hulp-2027";
const FOLLOW_UP: &str = "huishoudelijke-hulp-2028";

/// Open answers as residents might type them (some with personal data, which
/// the scrubber takes out before storing).
const BETTER_NL: &[&str] = &[
    "Vaker dezelfde hulp, dan hoef ik niet steeds alles uit te leggen.",
    "De hulp komt vaak te laat en belt niet af.",
    "Meer tijd voor een praatje, mijn moeder is veel alleen.",
    "Het huis is niet altijd schoon, de badkamer wordt overgeslagen.",
    "Minder wisselingen van hulp, elke keer iemand anders is onrustig.",
    "Graag een vaste dag in de week, nu weet ik nooit wanneer ze komt.",
    "Bel mij gerust voor uitleg: 06 12345678.",
    "Mevrouw Jansen doet het heel goed, laat haar blijven!",
    "De hulp heeft te weinig tijd, alles moet snel.",
    "Betere afspraken over wat wel en niet gedaan wordt.",
];
const BETTER_EN: &[&str] = &[
    "The helper changes too often.",
    "More time please, everything is rushed.",
    "A fixed day each week would help.",
];
const TIPS_NL: &[&str] = &[
    "Vraag ook de mantelzorgers wat zij nodig hebben.",
    "Zorg dat de hulp Nederlands spreekt of een tolk heeft.",
    "Houd het aanvragen eenvoudig, het formulier is te lang.",
    "Luister naar de hulpen zelf, zij weten wat er misgaat.",
];

/// A small deterministic generator (no dependency needed for an example).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    /// Two different options of five, typed as a resident would ("2, 4").
    fn two_of_five(&mut self) -> String {
        let first = 1 + self.roll(5);
        let second = 1 + (first + self.roll(4)) % 5;
        format!("{first}, {second}")
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("meepraten-example-report-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let settings = Settings::new(work.join("example.db"), None, Some("42".repeat(32)));
    let service = Service::open(&settings).await?;
    let opened = datetime!(2027-01-11 09:00 +01:00);
    service
        .import_round(&root.join(format!("examples/rounds/{ROUND}.toml")), opened)
        .await?;
    service.open_round(ROUND, opened).await?;

    let mut dice = Dice(2027);
    for i in 0..240 {
        let id = format!("voorbeeld-{i}");
        let english = i % 12 == 5;
        let mut lines: Vec<String> = vec!["/start".into()];
        if english {
            lines.push("/language en".into());
        }
        // Who for: most for themselves, a fair share carers, three "other"
        // (a group too small to show).
        let rol = if i < 3 {
            3
        } else if dice.roll(10) < 7 {
            1
        } else {
            2
        };
        lines.push(rol.to_string());
        let score = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5][dice.roll(12)];
        lines.push(score.to_string());
        if score <= 3 {
            if dice.roll(3) == 0 {
                lines.push("/skip".into());
            } else if english {
                lines.push(BETTER_EN[dice.roll(BETTER_EN.len())].into());
            } else {
                lines.push(BETTER_NL[dice.roll(BETTER_NL.len())].into());
            }
        }
        // Some stop halfway; the rest answer every question.
        if i % 17 != 16 {
            lines.push(if dice.roll(5) < 3 { "1" } else { "2" }.into());
            lines.push(dice.two_of_five());
            lines.push("/done".into());
            if dice.roll(4) == 0 {
                lines.push(TIPS_NL[dice.roll(TIPS_NL.len())].into());
            } else {
                lines.push("/skip".into());
            }
        }
        run(
            &service,
            &id,
            if i % 3 == 0 { "matrix" } else { "telegram" },
            &lines,
            datetime!(2027-01-15 12:00 +01:00),
        )
        .await?;
    }
    service
        .close_round(ROUND, datetime!(2027-01-25 17:00 +01:00))
        .await?;
    service
        .add_advice(
            ROUND,
            meepraten::store::AdviceLink {
                title: "Advies over de nieuwe afspraken voor hulp bij het huishouden".into(),
                date: "2027-02-15".into(),
                url: None,
            },
        )
        .await?;

    let feedback = |nl: &str, en: &str| [(Lang::Nl, nl.to_owned()), (Lang::En, en.to_owned())].into();
    service
        .publish_outcome(
            ROUND,
            OutcomeStatus::InAdvice,
            feedback(
                "De adviesraad heeft uw antwoorden meegenomen in zijn advies. Het belangrijkste punt: steeds dezelfde hulp, die op tijd komt. De gemeente beslist in mei.",
                "The council took your answers into its advice. The main point: the same helper every time, arriving on time. The municipality decides in May.",
            ),
            Some("2027-06-01"),
            time::macros::date!(2027 - 02 - 16),
        )
        .await?;
    service
        .publish_outcome(
            ROUND,
            OutcomeStatus::PartlyAdopted,
            feedback(
                "Vanaf 1 juli werkt elke aanbieder met vaste teams van hoogstens drie hulpen. Een vaste dag in de week lukt nog niet overal; daar kijken we in 2028 opnieuw naar, met een nieuwe ronde.",
                "From 1 July every provider works with fixed teams of at most three helpers. A fixed day each week is not yet possible everywhere; we look at that again in 2028, with a new round.",
            ),
            None,
            time::macros::date!(2027 - 05 - 28),
        )
        .await?;

    follow_up(&service, root).await?;

    let out = root.join("examples/report");
    std::fs::create_dir_all(&out)?;
    let made = datetime!(2028-01-25 10:00 +01:00);
    for round in [ROUND, FOLLOW_UP] {
        for lang in [Lang::Nl, Lang::En] {
            let html = service.report_html(round, lang, None, made).await?;
            let path = out.join(format!("{round}.{lang}.html"));
            std::fs::write(&path, html)?;
            println!("wrote {}", path.display());
        }
    }
    let overview = service.overview(None, Lang::Nl, made.date()).await?;
    let path = out.join("overzicht.nl.html");
    std::fs::write(
        &path,
        meepraten::summary::report::overview_html(&overview, Lang::Nl, service.localizer(), made),
    )?;
    println!("wrote {}", path.display());
    service.close().await;
    std::fs::remove_dir_all(&work)?;
    for round in [ROUND, FOLLOW_UP] {
        print_to_pdf(
            &out.join(format!("{round}.nl.html")),
            &out.join(format!("{round}.nl.pdf")),
        );
    }
    Ok(())
}

/// The round of 2028: the same questions a year later, with age and district
/// beside the population table. 80 residents of 2027 answer again; the youngest
/// and West are reached least.
async fn follow_up(service: &Service, root: &Path) -> anyhow::Result<()> {
    let opened = datetime!(2028-01-10 09:00 +01:00);
    service
        .import_round(&root.join(format!("examples/rounds/{FOLLOW_UP}.toml")), opened)
        .await?;
    service.open_round(FOLLOW_UP, opened).await?;
    let mut dice = Dice(2028);
    for i in 0..200 {
        // The first 80 took part in 2027 (same people, same chat).
        let id = if i < 80 {
            format!("voorbeeld-{i}")
        } else {
            format!("nieuw-{i}")
        };
        let platform = if i % 3 == 0 { "matrix" } else { "telegram" };
        let mut lines: Vec<String> = vec!["/start".into()];
        lines.push(if dice.roll(10) < 7 { "1" } else { "2" }.into());
        let score = [2, 3, 3, 4, 4, 4, 4, 5, 5, 5][dice.roll(10)];
        lines.push(score.to_string());
        if score <= 3 {
            lines.push(BETTER_NL[dice.roll(BETTER_NL.len())].into());
        }
        lines.push(if dice.roll(5) < 4 { "1" } else { "2" }.into());
        lines.push(dice.two_of_five());
        lines.push("/done".into());
        lines.push("/skip".into());
        // Age: 18-64 rarely, then 65-74, 75-84 most, 85+; some rather not say.
        let age = [1, 2, 2, 3, 3, 3, 3, 4, 4, 5][dice.roll(10)];
        lines.push(age.to_string());
        // District: West least of all.
        let district = [1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6][dice.roll(11)];
        lines.push(district.to_string());
        run(service, &id, platform, &lines, datetime!(2028-01-15 12:00 +01:00)).await?;
    }
    service
        .close_round(FOLLOW_UP, datetime!(2028-01-24 17:00 +01:00))
        .await?;
    Ok(())
}

/// One synthetic resident's lines on `platform`, read like the terminal reads them.
async fn run(
    service: &Service,
    id: &str,
    platform: &str,
    lines: &[String],
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    let who = ResidentRef {
        platform,
        user: id,
        address: None,
    };
    let mut buttons: Vec<OutboundButton> = Vec::new();
    for line in lines {
        let input = terminal::interpret(line, &buttons);
        for reply in service.handle(&who, None, &input, now).await? {
            if !reply.buttons.is_empty() || reply.free_text {
                buttons.clone_from(&reply.buttons);
            }
        }
    }
    Ok(())
}

/// Prints the report to PDF with headless Chromium, when it is installed.
fn print_to_pdf(html: &Path, pdf: &Path) {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
    else {
        println!("Chromium not found: no PDF made (apt-get install chromium)");
        return;
    };
    let profile = std::env::temp_dir().join(format!("meepraten-chromium-{}", std::process::id()));
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stderr(std::process::Stdio::null())
        .status();
    let _ = std::fs::remove_dir_all(&profile);
    match status {
        Ok(s) if s.success() => println!("wrote {}", pdf.display()),
        other => println!("Chromium could not print the PDF: {other:?}"),
    }
}
