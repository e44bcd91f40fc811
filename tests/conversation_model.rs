//! The conversation checked against a small reference model of what the resident
//! meant. Random sequences of what a resident does on the terminal channel
//! (buttons by label or number, typed numbers and labels, lists of options,
//! open answers, skips, back, help, a language change mid-question, changing
//! answers after finishing, forgetting, the bot restarting) run against the real
//! service on a real SQLite file; after every step the stored answers must equal
//! the model's.

use std::collections::BTreeMap;

use meepraten::anon::ResidentRef;
use meepraten::channel::terminal;
use meepraten::domain::{AnswerValue, Lang, OptionId};
use meepraten::service::{OutboundButton, Service};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use time::OffsetDateTime;

use crate::support::Workspace;

const ROUND: &str = "huishoudelijke-hulp-2027";

/// The example round as the model knows it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Q {
    Rol,
    Tevreden,
    Beter,
    ZelfdeHulp,
    Belangrijk,
    Idee,
}

const QUESTIONS: [Q; 6] = [
    Q::Rol,
    Q::Tevreden,
    Q::Beter,
    Q::ZelfdeHulp,
    Q::Belangrijk,
    Q::Idee,
];

impl Q {
    fn id(self) -> &'static str {
        match self {
            Q::Rol => "rol",
            Q::Tevreden => "tevreden",
            Q::Beter => "beter",
            Q::ZelfdeHulp => "zelfde-hulp",
            Q::Belangrijk => "belangrijk",
            Q::Idee => "idee",
        }
    }
    fn options(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Q::Rol => &[
                ("zelf", "Voor mezelf", "For myself"),
                ("naaste", "Voor iemand voor wie ik zorg", "For someone I care for"),
                ("anders", "Anders", "Other"),
            ],
            Q::Belangrijk => &[
                (
                    "zelfde-persoon",
                    "Steeds dezelfde persoon",
                    "Always the same person",
                ),
                ("op-tijd", "Op tijd komen", "Arriving on time"),
                ("schoon", "Een schoon huis", "A clean home"),
                ("aandacht", "Tijd voor een praatje", "Time for a chat"),
                (
                    "zelf-kiezen",
                    "Zelf kiezen wat er gebeurt",
                    "Choosing myself what happens",
                ),
            ],
            _ => &[],
        }
    }
    fn applies(self, answers: &BTreeMap<&'static str, AnswerValue>) -> bool {
        match self {
            Q::Beter => matches!(answers.get("tevreden"), Some(AnswerValue::Scale(1..=3))),
            _ => true,
        }
    }
}

fn option(id: &str) -> OptionId {
    OptionId::parse(id).unwrap()
}

/// One thing the resident does, relative to the question on screen.
#[derive(Debug, Clone)]
enum Act {
    /// Pick option or value number `n` (as a button label, its position, a
    /// typed number, a word from the label, or the scale's end label).
    Pick(u8, u8),
    /// Type an open answer (or, on an open question, the number of the first button).
    Write(u8),
    /// On a multiple-choice question: type a list of two options.
    List(u8, u8),
    /// On a multiple-choice question: "klaar" or the Done button.
    Done,
    Skip(u8),
    Back,
    Help(u8),
    /// Change language: a command with a code, or the chooser and a typed name.
    Language(u8),
    Change,
    HearBack(bool),
    Forget,
    Restart,
    Start,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        8 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Act::Pick(a, b)),
        3 => any::<u8>().prop_map(Act::Write),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Act::List(a, b)),
        2 => Just(Act::Done),
        2 => any::<u8>().prop_map(Act::Skip),
        2 => Just(Act::Back),
        1 => any::<u8>().prop_map(Act::Help),
        2 => any::<u8>().prop_map(Act::Language),
        1 => Just(Act::Change),
        1 => any::<bool>().prop_map(Act::HearBack),
        1 => Just(Act::Forget),
        1 => Just(Act::Restart),
        1 => Just(Act::Start),
    ]
}

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    Answering {
        current: usize,
        trail: Vec<usize>,
        selection: Vec<&'static str>,
        reviewing: bool,
    },
    Finished,
}

/// What the resident meant, and so what must be stored.
#[derive(Debug, Clone)]
struct Model {
    lang: Lang,
    stage: Stage,
    answers: BTreeMap<&'static str, AnswerValue>,
    /// The stored answers (a resident who forgets mid-round takes them back).
    stored: BTreeMap<&'static str, AnswerValue>,
    completed: bool,
}

impl Model {
    fn new() -> Model {
        Model {
            lang: Lang::Nl,
            stage: Stage::Idle,
            answers: BTreeMap::new(),
            stored: BTreeMap::new(),
            completed: false,
        }
    }

    fn first(&self) -> usize {
        (0..QUESTIONS.len())
            .find(|i| QUESTIONS[*i].applies(&self.answers))
            .unwrap()
    }

    fn selection_of(&self, i: usize) -> Vec<&'static str> {
        match self.answers.get(QUESTIONS[i].id()) {
            Some(AnswerValue::Multi(ids)) => QUESTIONS[i]
                .options()
                .iter()
                .map(|o| o.0)
                .filter(|o| ids.iter().any(|c| c.as_str() == *o))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn record(&mut self, current: usize, trail: Vec<usize>, reviewing: bool, answer: AnswerValue) {
        let q = QUESTIONS[current];
        self.answers.insert(q.id(), answer.clone());
        self.stored.insert(q.id(), answer);
        for later in QUESTIONS {
            if !later.applies(&self.answers) {
                self.answers.remove(later.id());
                self.stored.remove(later.id());
            } else if reviewing && !self.answers.contains_key(later.id()) {
                // A finished response stays whole: a follow-up a change brings
                // up is skipped until answered (the resident may stop there).
                self.answers.insert(later.id(), AnswerValue::Skipped);
                self.stored.insert(later.id(), AnswerValue::Skipped);
            }
        }
        self.advance(current, trail, reviewing);
    }

    fn advance(&mut self, current: usize, mut trail: Vec<usize>, reviewing: bool) {
        match (current + 1..QUESTIONS.len()).find(|i| QUESTIONS[*i].applies(&self.answers)) {
            Some(next) => {
                trail.push(current);
                self.stage = Stage::Answering {
                    current: next,
                    trail,
                    selection: self.selection_of(next),
                    reviewing,
                };
            }
            None => {
                self.completed = true;
                self.stage = Stage::Finished;
            }
        }
    }
}

/// Runs one act: the lines the resident sends, and the model's new state.
fn play(m: &mut Model, act: &Act) -> Vec<String> {
    let lang = m.lang;
    let label = |o: &(&str, &'static str, &'static str)| if lang == Lang::Nl { o.1 } else { o.2 };
    let stage = m.stage.clone();
    let Stage::Answering {
        current,
        trail,
        selection,
        reviewing,
    } = stage
    else {
        return match act {
            Act::Start | Act::Pick(..) if m.stage == Stage::Idle => {
                m.answers = if m.completed {
                    m.answers.clone()
                } else {
                    BTreeMap::new()
                };
                if m.completed {
                    // Already took part: the round offers a change.
                    return vec!["/start".into()];
                }
                m.stage = Stage::Answering {
                    current: m.first(),
                    trail: vec![],
                    selection: vec![],
                    reviewing: false,
                };
                vec!["/start".into()]
            }
            Act::Change if m.stage == Stage::Finished => {
                let first = m.first();
                m.stage = Stage::Answering {
                    current: first,
                    trail: vec![],
                    selection: m.selection_of(first),
                    reviewing: true,
                };
                vec!["/wijzig".into()]
            }
            Act::HearBack(yes) if m.stage == Stage::Finished => {
                let (nl, en) = if *yes {
                    ("Ja, graag", "Yes, please")
                } else {
                    ("Nee, dank u", "No, thank you")
                };
                vec![if lang == Lang::Nl { nl } else { en }.into()]
            }
            Act::Language(b) => language(m, *b),
            Act::Forget => {
                forget(m);
                vec!["/vergeet".into()]
            }
            Act::Help(_) => vec!["/hulp".into()],
            _ => vec![],
        };
    };
    let q = QUESTIONS[current];
    match act {
        Act::Pick(n, how) => match q {
            Q::Rol => {
                let i = usize::from(*n) % 3;
                let o = &q.options()[i];
                let line = match how % 3 {
                    0 => label(o).to_owned(),
                    1 => (i + 1).to_string(),
                    // A distinctive word of the label, as residents type it.
                    _ => ["mezelf", "zorg", "anders"][i].to_owned(),
                };
                m.record(current, trail, reviewing, AnswerValue::Choice(option(o.0)));
                vec![line]
            }
            Q::Tevreden => {
                let v = 1 + i64::from(*n % 5);
                let line = match (how % 3, v) {
                    (2, 1) => if lang == Lang::Nl {
                        "heel ontevreden"
                    } else {
                        "very unhappy"
                    }
                    .to_owned(),
                    (2, 5) => if lang == Lang::Nl {
                        "heel tevreden"
                    } else {
                        "very happy"
                    }
                    .to_owned(),
                    _ => v.to_string(),
                };
                m.record(current, trail, reviewing, AnswerValue::Scale(v));
                vec![line]
            }
            Q::ZelfdeHulp => {
                let yes = n % 2 == 0;
                let line = match (how % 2, yes, lang) {
                    (0, true, Lang::Nl) => "ja",
                    (0, false, Lang::Nl) => "nee",
                    (0, true, Lang::En) => "yes",
                    (0, false, Lang::En) => "no",
                    (_, true, _) => "1",
                    (_, false, _) => "2",
                };
                m.record(current, trail, reviewing, AnswerValue::YesNo(yes));
                vec![line.into()]
            }
            Q::Belangrijk => {
                // Tick or untick one option by its button.
                let i = usize::from(*n) % 5;
                let id = q.options()[i].0;
                let mut selection = selection;
                if let Some(p) = selection.iter().position(|s| *s == id) {
                    selection.remove(p);
                } else {
                    selection.push(id);
                }
                let line = if how % 2 == 0 {
                    (i + 1).to_string()
                } else {
                    label(&q.options()[i]).to_owned()
                };
                m.stage = Stage::Answering {
                    current,
                    trail,
                    selection,
                    reviewing,
                };
                vec![line]
            }
            Q::Beter | Q::Idee => vec![],
        },
        Act::Write(n) => match q {
            Q::Beter | Q::Idee => {
                if n % 4 == 0 {
                    // A bare number under an open question presses no button
                    // (they are shown without numbers there) and is no answer
                    // in words: the bot asks again, nothing changes.
                    vec!["1".into()]
                } else {
                    let text = format!("de hulp komt te laat nummer {n}");
                    m.record(current, trail, reviewing, AnswerValue::Open(text.clone()));
                    vec![text]
                }
            }
            _ => vec![],
        },
        Act::List(a, b) if q == Q::Belangrijk => {
            let (a, b) = (usize::from(*a) % 5, usize::from(*b) % 5);
            let mut chosen = selection.clone();
            for i in [a, b] {
                let id = q.options()[i].0;
                if !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
            let ids: Vec<OptionId> = q
                .options()
                .iter()
                .filter(|o| chosen.contains(&o.0))
                .map(|o| option(o.0))
                .collect();
            let and = if lang == Lang::Nl { "en" } else { "and" };
            m.record(current, trail, reviewing, AnswerValue::Multi(ids));
            vec![format!("{} {and} {}", a + 1, b + 1)]
        }
        Act::Done if q == Q::Belangrijk => {
            if !selection.is_empty() {
                let ids = q
                    .options()
                    .iter()
                    .filter(|o| selection.contains(&o.0))
                    .map(|o| option(o.0))
                    .collect();
                m.record(current, trail, reviewing, AnswerValue::Multi(ids));
            }
            vec![if lang == Lang::Nl { "klaar" } else { "done" }.into()]
        }
        Act::Skip(how) => {
            m.record(current, trail, reviewing, AnswerValue::Skipped);
            let label = if lang == Lang::Nl { "overslaan" } else { "skip" };
            vec![if how % 2 == 0 {
                "/overslaan".into()
            } else {
                label.into()
            }]
        }
        Act::Back => {
            let mut trail = trail;
            if let Some(previous) = trail.pop() {
                m.stage = Stage::Answering {
                    current: previous,
                    trail,
                    selection: m.selection_of(previous),
                    reviewing,
                };
            }
            vec!["/terug".into()]
        }
        Act::Help(b) => vec![if b % 2 == 0 { "/hulp" } else { "/privacy" }.into()],
        Act::Language(b) => language(m, *b),
        Act::Forget => {
            forget(m);
            vec!["/vergeet".into()]
        }
        Act::Start => vec!["/start".into()],
        _ => vec![],
    }
}

/// `/taal en`, or the chooser followed by a typed language name.
fn language(m: &mut Model, b: u8) -> Vec<String> {
    let to = if b.is_multiple_of(2) { Lang::En } else { Lang::Nl };
    m.lang = to;
    let name = match (to, b % 4 < 2) {
        (Lang::En, true) => "engels",
        (Lang::En, false) => "English",
        (Lang::Nl, true) => "nederlands",
        (Lang::Nl, false) => "Dutch",
    };
    if b.is_multiple_of(3) {
        vec![format!("/taal {}", to.code())]
    } else {
        vec!["/taal".into(), name.into()]
    }
}

fn forget(m: &mut Model) {
    if !m.completed {
        m.stored.clear();
    }
    m.answers.clear();
    m.stage = Stage::Idle;
    // Forgetting erases the conversation, its language included.
    m.lang = Lang::Nl;
    if m.completed {
        // A finished response stays (anonymously); the conversation is gone,
        // so the resident starts afresh and may answer again as a new respondent.
        m.completed = false;
        m.stored.clear();
    }
}

/// The stored answers, one map per respondent.
async fn stored(service: &Service) -> Vec<BTreeMap<String, AnswerValue>> {
    crate::support::answers_by_respondent(service, ROUND).await
}

async fn run(acts: Vec<Act>) -> Result<(), TestCaseError> {
    let ws = Workspace::new();
    let mut service = ws.service_with_open_example().await;
    let mut model = Model::new();
    let mut buttons: Vec<OutboundButton> = Vec::new();
    let mut finished_before: Vec<BTreeMap<String, AnswerValue>> = Vec::new();
    let mut transcript = String::new();
    for act in &acts {
        if matches!(act, Act::Restart) {
            service.close().await;
            service = ws.service().await;
            continue;
        }
        let was_completed = model.completed;
        let stored_before = stored(&service).await;
        for line in play(&mut model, act) {
            let input = terminal::interpret(&line, &buttons);
            let who = ResidentRef {
                platform: terminal::PLATFORM,
                user: "model-resident",
                address: None,
            };
            let replies = service
                .handle(&who, None, &input, OffsetDateTime::now_utc())
                .await
                .unwrap();
            transcript.push_str(&format!("> {line}\n"));
            for r in &replies {
                transcript.push_str(&terminal::format_message(r));
                if !r.buttons.is_empty() || r.free_text {
                    buttons.clone_from(&r.buttons);
                }
            }
        }
        if matches!(act, Act::Forget) && was_completed {
            // The finished response stays stored, apart from the resident.
            finished_before = stored_before.into_iter().filter(|r| !r.is_empty()).collect();
        }
        let want: BTreeMap<String, AnswerValue> = model
            .stored
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        let mut got = stored(&service).await;
        for f in &finished_before {
            if let Some(p) = got.iter().position(|g| g == f) {
                got.remove(p);
            }
        }
        let got = got.into_iter().next().unwrap_or_default();
        prop_assert_eq!(&got, &want, "after {:?}\n{}", act, transcript);
    }
    service.close().await;
    Ok(())
}

#[test]
fn stored_answers_always_equal_what_the_resident_meant() {
    let mut runner = TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    });
    let rt = tokio::runtime::Runtime::new().unwrap();
    runner
        .run(&proptest::collection::vec(act(), 1..40), |acts| {
            let mut acts = acts;
            acts.insert(0, Act::Start);
            rt.block_on(run(acts))
        })
        .unwrap();
}
