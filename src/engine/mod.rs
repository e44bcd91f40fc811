//! The pure conversation engine.
//!
//! `step(context, conversation, input)` decides what happens when a resident sends
//! something: the next conversation state, the replies to send and the effects to
//! store. It does no I/O and knows no platform: time arrives in the [`Context`],
//! rounds are passed in, and replies are message keys the service renders. That
//! makes every conversation rule testable as a plain function, and lets Telegram,
//! Matrix and the terminal share one behaviour.

mod effect;
mod flow;
mod input;
mod reply;
mod state;
mod subscribe;
mod validate;

use time::OffsetDateTime;

pub use effect::Effect;
pub use input::{Command, Input};
pub use reply::{Arg, Button, ButtonAction, Reply, Text};
pub use state::{Conversation, Progress, Stage};

use crate::domain::{
    AnswerValue, Lang, Named, Phase, Question, QuestionKind, Round, RoundId, RoundState, Subscriptions,
};
use crate::i18n::Key;

/// A round as the engine may see it: its definition and its lifecycle state.
#[derive(Debug, Clone, Copy)]
pub struct RoundView<'a> {
    /// The checked round.
    pub round: &'a Round,
    /// Its state in storage.
    pub state: RoundState,
}

/// Everything outside the conversation that a step may depend on.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The current moment, passed in so the engine stays deterministic.
    pub now: OffsetDateTime,
    /// Days of silence after which a conversation is erased, for `/privacy`.
    pub retention_days: u32,
    /// The open rounds, plus the round the conversation is about (whatever its state).
    pub rounds: &'a [RoundView<'a>],
    /// True when the service removed personal data from the typed text in the input,
    /// so the resident can be told (and can rephrase).
    pub personal_data_removed: bool,
    /// What residents can follow, and what this resident follows.
    pub reach: Reach<'a>,
}

/// Topics and neighbourhoods to follow, for `/abonneer`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach<'a> {
    /// Topics residents can follow, with readable names.
    pub topics: &'a [Named],
    /// The municipality's neighbourhoods (empty: none to choose).
    pub neighbourhoods: &'a [Named],
    /// What this resident follows now, loaded by the service for subscription
    /// commands and buttons ([`Input::needs_subscriptions`]).
    pub mine: Option<&'a Subscriptions>,
    /// Closed rounds whose results residents can see, newest first, loaded by
    /// the service for `/resultaten` ([`Input::needs_results`]).
    pub results: &'a [&'a Round],
}

impl Context<'_> {
    fn view(&self, id: &RoundId) -> Option<&RoundView<'_>> {
        self.rounds.iter().find(|v| &v.round.id == id)
    }

    /// The round with this id if it takes answers now.
    fn accepting(&self, id: &RoundId) -> Option<&Round> {
        self.view(id)
            .filter(|v| v.round.accepts_answers(v.state, self.now))
            .map(|v| v.round)
    }

    fn open_rounds(&self) -> Vec<&Round> {
        self.rounds
            .iter()
            .filter(|v| v.round.accepts_answers(v.state, self.now))
            .map(|v| v.round)
            .collect()
    }
}

/// The outcome of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The state to store for the next message.
    pub next: Conversation,
    /// Messages to send, in order.
    pub replies: Vec<Reply>,
    /// Changes to store, in order, in one transaction.
    pub effects: Vec<Effect>,
}

/// Decides what a resident's input means and what follows.
pub fn step(ctx: &Context<'_>, conversation: &Conversation, input: &Input) -> Step {
    let mut turn = Turn {
        ctx,
        lang: conversation.lang,
        choosing_language: false,
        replies: Vec::new(),
        effects: Vec::new(),
    };
    // A typed language name right after the chooser changes the language;
    // anything else ends the choosing and is read as usual.
    if conversation.choosing_language
        && let Input::Text(text) = input
        && let Some(lang) = chosen_language(text)
    {
        let stage = turn.set_language(conversation.stage.clone(), lang);
        return Step {
            next: Conversation {
                lang: turn.lang,
                stage,
                choosing_language: false,
                closed_meanwhile: false,
            },
            replies: closed_meanwhile(conversation, turn.replies),
            effects: turn.effects,
        };
    }
    let stage = turn.handle(conversation.stage.clone(), input);
    Step {
        next: Conversation {
            lang: turn.lang,
            stage,
            choosing_language: turn.choosing_language,
            closed_meanwhile: false,
        },
        replies: closed_meanwhile(conversation, turn.replies),
        effects: turn.effects,
    }
}

/// A resident whose round closed while they were answering hears it first,
/// once: otherwise their next answer would get only a welcome. The notice
/// takes the welcome's place (a welcome after a goodbye reads oddly to
/// someone who was halfway through).
fn closed_meanwhile(conversation: &Conversation, mut replies: Vec<Reply>) -> Vec<Reply> {
    if conversation.closed_meanwhile {
        let line = Text::msg(Key::RoundClosedMeanwhile);
        match replies.first_mut() {
            Some(first) => {
                first.lines.retain(|l| *l != Text::msg(Key::Welcome));
                first.lines.insert(0, line);
            }
            None => replies.push(Reply::text(line)),
        }
    }
    replies
}

/// Removes control characters (keeping line breaks and tabs) and bidirectional
/// overrides (which can disguise text in a council report). Every later step is
/// linear in the length, so a huge message costs little and is refused by length.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'))
        .collect()
}

struct Turn<'a> {
    ctx: &'a Context<'a>,
    lang: Lang,
    choosing_language: bool,
    replies: Vec<Reply>,
    effects: Vec<Effect>,
}

impl<'a> Turn<'a> {
    fn say(&mut self, key: Key) {
        self.replies.push(Reply::msg(key));
    }

    fn say_text(&mut self, text: Text) {
        self.replies.push(Reply::text(text));
    }

    /// Records a typed answer and reads it back ("Noted: Bus, Bike."), so a
    /// resident sees which answer a number or word was taken for. The line goes
    /// first in the next message (one message, not two: a chat platform counts
    /// messages).
    fn record_read_back(
        &mut self,
        round: &'a Round,
        p: Progress,
        q: &Question,
        answer: AnswerValue,
    ) -> Stage {
        let line = Text::with(
            Key::AnswerNoted,
            vec![("answer", answer_arg(q, &answer, self.lang))],
        );
        let at = self.replies.len();
        let question = p.current.clone();
        let stage = self.record(round, p, question, answer);
        match self.replies.get_mut(at) {
            Some(next) => next.lines.insert(0, line),
            None => self.say_text(line),
        }
        stage
    }

    fn handle(&mut self, stage: Stage, input: &Input) -> Stage {
        match input {
            Input::Command(cmd) => self.command(stage, cmd),
            Input::Button(payload) => match ButtonAction::decode(payload) {
                Some(action) => self.button(stage, action),
                None => {
                    self.say(Key::StaleButton);
                    self.reprompt(stage)
                }
            },
            Input::Text(text) => self.text(stage, &clean(text)),
            Input::Unsupported => {
                self.say(Key::UnsupportedMessage);
                self.reprompt(stage)
            }
        }
    }

    fn command(&mut self, stage: Stage, cmd: &Command) -> Stage {
        match cmd {
            Command::Start(arg) => self.start(stage, arg.as_deref()),
            Command::Help => {
                self.say(Key::Help);
                self.reprompt(stage)
            }
            Command::Stop => {
                self.effects.push(Effect::Unsubscribe);
                self.say(Key::Stopped);
                Stage::Stopped
            }
            Command::Language(None) => {
                self.choosing_language = true;
                self.replies.push(Reply {
                    lines: vec![Text::msg(Key::LanguageChoose)],
                    buttons: Lang::ALL
                        .iter()
                        .map(|l| Button {
                            label: Text::Plain(language_name(*l).to_owned()),
                            action: ButtonAction::Language(*l),
                        })
                        .collect(),
                    free_text: false,
                });
                stage
            }
            Command::Language(Some(code)) => match Lang::parse(code) {
                Ok(lang) => self.set_language(stage, lang),
                Err(_) => {
                    self.say_text(Text::with(
                        Key::LanguageUnknown,
                        vec![("code", Arg::Str(code.chars().take(16).collect()))],
                    ));
                    stage
                }
            },
            Command::Privacy => {
                self.say_text(Text::with(
                    Key::Privacy,
                    vec![("days", Arg::Num(i64::from(self.ctx.retention_days)))],
                ));
                self.reprompt(stage)
            }
            Command::Forget => {
                if let Stage::Answering(p) = &stage
                    && !p.reviewing
                {
                    self.effects.push(Effect::DiscardResponse {
                        round: p.round.clone(),
                    });
                }
                self.effects.push(Effect::ForgetResident);
                self.say(Key::Forgotten);
                Stage::Idle
            }
            Command::Skip => self.with_progress(stage, |t, round, p| {
                let question = p.current.clone();
                t.record(round, p, question, AnswerValue::Skipped)
            }),
            Command::Back => self.with_progress(stage, |t, round, p| t.back(round, p)),
            Command::Change => self.change(stage),
            Command::Subscribe(topic) => self.subscribe(stage, topic.as_deref()),
            Command::Unsubscribe(topic) => self.unsubscribe(stage, topic.as_deref()),
            Command::Results(round) => self.results(stage, round.as_deref()),
            Command::Unknown(name) => {
                self.say_text(Text::with(
                    Key::UnknownCommand,
                    vec![("command", Arg::Str(format!("/{name}")))],
                ));
                self.reprompt(stage)
            }
        }
    }

    fn button(&mut self, stage: Stage, action: ButtonAction) -> Stage {
        let question = match &action {
            ButtonAction::StartRound(id) => return self.start(stage, Some(id.as_str())),
            ButtonAction::Language(lang) => return self.set_language(stage, *lang),
            ButtonAction::Change => return self.change(stage),
            ButtonAction::Back => return self.command(stage, &Command::Back),
            ButtonAction::FollowUp(yes) => return self.follow_up(stage, *yes),
            ButtonAction::Topic(_)
            | ButtonAction::AreaMenu
            | ButtonAction::Area(_)
            | ButtonAction::SubscriptionsDone => return self.subscription_button(stage, action),
            ButtonAction::Results(id) => return self.results(stage, Some(id.as_str())),
            ButtonAction::Answer { question, .. }
            | ButtonAction::Toggle { question, .. }
            | ButtonAction::Done { question }
            | ButtonAction::Skip { question }
            | ButtonAction::Keep { question } => question.clone(),
        };
        let on_screen = matches!(&stage, Stage::Answering(p) if p.current == question);
        if !on_screen {
            // A button from an earlier message or a round that has moved on.
            if let Some(round) = stage.round()
                && self.ctx.accepting(round).is_none()
            {
                return self.round_closed(round.clone());
            }
            self.say(Key::StaleButton);
            return self.reprompt(stage);
        }
        self.with_progress(stage, |t, round, mut p| {
            let Some(q) = round.question(&p.current) else {
                return t.ask_or_finish(round, p);
            };
            match action {
                ButtonAction::Answer { value, .. } => match answer_from_button(q, &value) {
                    Some(answer) => t.record(round, p, question, answer),
                    None => {
                        t.say(Key::StaleButton);
                        t.ask(round, &p);
                        Stage::Answering(p)
                    }
                },
                ButtonAction::Toggle { option, .. } => {
                    if q.kind.options().iter().any(|o| o.id == option) {
                        if let Some(i) = p.selection.iter().position(|o| *o == option) {
                            p.selection.remove(i);
                        } else {
                            p.selection.push(option);
                        }
                    }
                    t.ask(round, &p);
                    Stage::Answering(p)
                }
                ButtonAction::Done { .. } => t.done(round, p),
                ButtonAction::Skip { .. } => t.record(round, p, question, AnswerValue::Skipped),
                ButtonAction::Keep { .. } if p.answers.contains_key(&question) => {
                    p.selection.clear();
                    t.advance(round, p)
                }
                _ => {
                    t.say(Key::StaleButton);
                    t.ask(round, &p);
                    Stage::Answering(p)
                }
            }
        })
    }

    fn text(&mut self, stage: Stage, text: &str) -> Stage {
        if text.trim().is_empty() {
            self.say(Key::EmptyMessage);
            return self.reprompt(stage);
        }
        match stage {
            Stage::Idle => self.start(Stage::Idle, None),
            Stage::ChoosingRound => {
                let wanted = text.trim().to_lowercase();
                let chosen = self
                    .ctx
                    .open_rounds()
                    .into_iter()
                    .find(|r| r.title.get(self.lang).to_lowercase() == wanted || r.id.as_str() == wanted)
                    .map(|r| r.id.clone());
                match chosen {
                    Some(id) => self.start(Stage::ChoosingRound, Some(id.as_str())),
                    None => self.start(Stage::ChoosingRound, None),
                }
            }
            Stage::Answering(_) => self.with_progress(stage, |t, round, mut p| {
                let Some(q) = round.question(&p.current) else {
                    return t.ask_or_finish(round, p);
                };
                let is_done_word = matches!(
                    text.trim().to_lowercase().as_str(),
                    "klaar" | "done" | "ok" | "oké"
                );
                if matches!(q.kind, QuestionKind::Multi { .. }) && is_done_word {
                    return t.done(round, p);
                }
                let after_multi = p
                    .trail
                    .last()
                    .and_then(|q| round.question(q))
                    .is_some_and(|q| matches!(q.kind, QuestionKind::Multi { .. }));
                if is_done_word && after_multi {
                    // "Klaar" after a typed list already finished the question
                    // before: no answer to this one.
                    t.say(Key::AlreadyMovedOn);
                    t.ask(round, &p);
                    return Stage::Answering(p);
                }
                if is_done_word && matches!(q.kind, QuestionKind::Open { .. }) {
                    // "Klaar" on an open question is no tip, but may mean "no more".
                    t.say(Key::OpenDoneWord);
                    t.ask(round, &p);
                    return Stage::Answering(p);
                }
                // "Zo laten" typed where the button may be gone (a restart).
                let keep_word = matches!(
                    text.trim().trim_end_matches(['.', '!']).to_lowercase().as_str(),
                    "zo laten" | "keep" | "keep it"
                );
                if keep_word && p.answers.contains_key(&p.current) {
                    p.selection.clear();
                    return t.advance(round, p);
                }
                // The skip button's label typed in either language skips.
                if matches!(
                    text.trim().trim_end_matches(['.', '!']).to_lowercase().as_str(),
                    "overslaan" | "skip" | "sla over"
                ) {
                    let question = p.current.clone();
                    return t.record(round, p, question, AnswerValue::Skipped);
                }
                match validate::parse_answer(q, t.lang, text) {
                    Ok(AnswerValue::Multi(typed))
                        if typed.len() == 1 && !text.contains([',', ';']) && !is_list(text) =>
                    {
                        // One option typed on its own ticks it, like its button:
                        // the resident may want more, and ends with "Klaar".
                        if !p.selection.contains(&typed[0]) {
                            p.selection.push(typed[0].clone());
                        }
                        t.ask(round, &p);
                        Stage::Answering(p)
                    }
                    Ok(AnswerValue::Multi(typed)) => {
                        // Typed options add to those already ticked with buttons.
                        let chosen = q
                            .kind
                            .options()
                            .iter()
                            .filter(|o| typed.contains(&o.id) || p.selection.contains(&o.id))
                            .map(|o| o.id.clone())
                            .collect();
                        t.record_read_back(round, p, q, AnswerValue::Multi(chosen))
                    }
                    Ok(AnswerValue::Open(text)) => {
                        if t.ctx.personal_data_removed {
                            t.say(Key::PersonalDataRemoved);
                        }
                        let question = p.current.clone();
                        t.record(round, p, question, AnswerValue::Open(text))
                    }
                    Ok(answer) => t.record_read_back(round, p, q, answer),
                    Err(why) => {
                        t.say_text(why);
                        t.ask(round, &p);
                        Stage::Answering(p)
                    }
                }
            }),
            Stage::Finished {
                round,
                answers,
                offer_open: true,
            } => {
                let stage = Stage::Finished {
                    round,
                    answers,
                    offer_open: true,
                };
                // The offer's buttons typed, or a plain yes or no (a number where
                // the buttons were lost, e.g. after a restart of the terminal).
                match offer_reply(text) {
                    Some(yes) => self.follow_up(stage, yes),
                    None => self.reprompt(stage),
                }
            }
            Stage::Finished { round, answers, .. } => {
                let open = self.ctx.accepting(&round).is_some();
                self.replies.push(Reply {
                    lines: vec![Text::msg(Key::FinishedIdle)],
                    buttons: change_button(open),
                    free_text: false,
                });
                Stage::Finished {
                    round,
                    answers,
                    offer_open: false,
                }
            }
            Stage::Stopped => {
                self.say(Key::StoppedHint);
                Stage::Stopped
            }
        }
    }

    /// `/resultaten [round]`: the list of closed rounds with results, or one
    /// round's results (the service fills them in).
    fn results(&mut self, stage: Stage, wanted: Option<&str>) -> Stage {
        let rounds = self.ctx.reach.results;
        if let Some(wanted) = wanted {
            let found = rounds.iter().find(|r| {
                r.id.as_str() == wanted.trim() || r.title.get(self.lang).eq_ignore_ascii_case(wanted.trim())
            });
            if let Some(r) = found {
                self.replies.push(Reply::text(Text::Results(r.id.clone())));
                return self.reprompt(stage);
            }
            if !rounds.is_empty() {
                self.say(Key::ResultsUnknown);
            }
        }
        if rounds.is_empty() {
            self.say(Key::ResultsNone);
            return self.reprompt(stage);
        }
        let lang = self.lang;
        self.replies.push(Reply {
            lines: vec![Text::msg(Key::ResultsChoose)],
            buttons: rounds
                .iter()
                .map(|r| Button {
                    label: Text::Plain(r.title.get(lang).to_owned()),
                    action: ButtonAction::Results(r.id.clone()),
                })
                .collect(),
            free_text: false,
        });
        stage
    }

    /// The answer to "do you want to hear what was done with the input?".
    fn follow_up(&mut self, stage: Stage, yes: bool) -> Stage {
        let round = stage
            .round()
            .and_then(|r| self.ctx.view(r))
            .map(|v| v.round.id.clone());
        match (round, yes) {
            (Some(round), true) => {
                self.effects.push(Effect::HearBack { round });
                self.say(Key::FollowUpYes);
            }
            (Some(_), false) => self.say(Key::FollowUpNo),
            (None, _) => self.say(Key::StaleButton),
        }
        match stage {
            Stage::Finished { round, answers, .. } => Stage::Finished {
                round,
                answers,
                offer_open: false,
            },
            other => other,
        }
    }

    fn set_language(&mut self, stage: Stage, lang: Lang) -> Stage {
        self.lang = lang;
        self.say(Key::LanguageSet);
        self.reprompt(stage)
    }

    /// `/start` with or without a round id.
    fn start(&mut self, stage: Stage, arg: Option<&str>) -> Stage {
        if let Some(arg) = arg {
            let id = RoundId::parse(arg.trim()).ok();
            let view = id.as_ref().and_then(|id| self.ctx.view(id)).copied();
            match view {
                Some(v) if v.round.accepts_answers(v.state, self.ctx.now) => {
                    return match stage {
                        Stage::Answering(p) if p.round == v.round.id => {
                            self.say(Key::Resume);
                            self.ask(v.round, &p);
                            Stage::Answering(p)
                        }
                        Stage::Finished { round, answers, .. } if round == v.round.id => {
                            self.already_took_part(round, answers)
                        }
                        _ => self.begin(v.round),
                    };
                }
                Some(v) if v.state != RoundState::Draft => {
                    let took_part = match &stage {
                        Stage::Answering(p) => p.round == v.round.id,
                        Stage::Finished { round, .. } => *round == v.round.id,
                        _ => false,
                    };
                    // Someone who never took part (an old poster's link) has
                    // no answers that "count".
                    let text = if took_part {
                        closed_text(v.round, self.lang, self.ctx.now)
                    } else {
                        Text::with(
                            Key::RoundClosedNewcomer,
                            vec![("title", Arg::Str(v.round.title.get(self.lang).to_owned()))],
                        )
                    };
                    self.say_text(text);
                    return self.reprompt(stage);
                }
                _ => self.say(Key::RoundUnknown),
            }
        }
        match stage {
            Stage::Answering(p) if self.ctx.accepting(&p.round).is_some() => {
                self.say(Key::Resume);
                self.with_progress(Stage::Answering(p), |t, round, p| {
                    t.ask(round, &p);
                    Stage::Answering(p)
                })
            }
            Stage::Finished { round, answers, .. }
                if self.ctx.accepting(&round).is_some() && self.ctx.open_rounds().len() == 1 =>
            {
                self.already_took_part(round, answers)
            }
            _ => {
                self.say(Key::Welcome);
                let open = self.ctx.open_rounds();
                match open.as_slice() {
                    [] => {
                        self.say(Key::NoOpenRounds);
                        Stage::Idle
                    }
                    [only] => self.begin(only),
                    many => {
                        self.choose_round(many.to_vec());
                        Stage::ChoosingRound
                    }
                }
            }
        }
    }

    fn choose_round(&mut self, rounds: Vec<&Round>) {
        let lang = self.lang;
        self.replies.push(Reply {
            lines: vec![Text::msg(Key::ChooseRound)],
            buttons: rounds
                .into_iter()
                .map(|r| Button {
                    label: Text::Plain(r.title.get(lang).to_owned()),
                    action: ButtonAction::StartRound(r.id.clone()),
                })
                .collect(),
            free_text: false,
        });
    }

    fn already_took_part(
        &mut self,
        round: RoundId,
        answers: std::collections::BTreeMap<crate::domain::QuestionId, AnswerValue>,
    ) -> Stage {
        let closes = self.ctx.view(&round).map_or(self.ctx.now, |v| v.round.closes);
        self.replies.push(Reply {
            lines: vec![Text::with(
                Key::AlreadyTookPart,
                vec![("date", Arg::Date(closes))],
            )],
            buttons: change_button(true),
            free_text: false,
        });
        Stage::Finished {
            round,
            answers,
            offer_open: false,
        }
    }

    /// Introduces a round and asks its first question.
    fn begin(&mut self, round: &Round) -> Stage {
        let lang = self.lang;
        let phase_key = match round.phase {
            Phase::Agenda => Key::PhaseAgenda,
            Phase::Preparation => Key::PhasePreparation,
            Phase::Decision => Key::PhaseDecision,
            Phase::Evaluation => Key::PhaseEvaluation,
        };
        self.replies.push(Reply {
            lines: vec![
                Text::with(
                    Key::RoundTitle,
                    vec![("title", Arg::Str(round.title.get(lang).to_owned()))],
                ),
                Text::Plain(round.intro.get(lang).to_owned()),
                Text::msg(phase_key),
                how_it_works(round),
                Text::with(Key::RoundCloses, vec![("date", Arg::Date(round.closes))]),
            ],
            ..Reply::default()
        });
        let Some(first) = flow::next_question(round, &Default::default(), None) else {
            self.say(Key::NoOpenRounds);
            return Stage::Idle;
        };
        let p = Progress {
            round: round.id.clone(),
            current: first.id.clone(),
            answers: Default::default(),
            trail: Vec::new(),
            selection: Vec::new(),
            reviewing: false,
        };
        self.effects.push(Effect::ResetResponse {
            round: round.id.clone(),
        });
        self.ask(round, &p);
        Stage::Answering(p)
    }

    /// Runs `f` on the progress if the round still takes answers; otherwise says
    /// the round closed. Outside a round, says the command does not fit now.
    fn with_progress(
        &mut self,
        stage: Stage,
        f: impl FnOnce(&mut Self, &'a Round, Progress) -> Stage,
    ) -> Stage {
        let Stage::Answering(p) = stage else {
            self.say(Key::NotNow);
            return self.reprompt(stage);
        };
        let ctx = self.ctx;
        match ctx.accepting(&p.round) {
            Some(round) => f(self, round, p),
            None => self.round_closed(p.round),
        }
    }

    fn round_closed(&mut self, round: RoundId) -> Stage {
        match self.ctx.view(&round) {
            Some(v) => {
                let text = closed_text(v.round, self.lang, self.ctx.now);
                self.say_text(text);
            }
            None => self.say(Key::RoundUnknown),
        }
        Stage::Idle
    }

    /// Asks whether the resident wants to hear what was done with the input.
    fn offer_hearing_back(&mut self) {
        self.replies.push(Reply {
            lines: vec![Text::msg(Key::FollowUpAsk)],
            buttons: vec![
                Button {
                    label: Text::msg(Key::ButtonFollowUpYes),
                    action: ButtonAction::FollowUp(true),
                },
                Button {
                    label: Text::msg(Key::ButtonFollowUpNo),
                    action: ButtonAction::FollowUp(false),
                },
            ],
            free_text: false,
        });
    }

    /// Shows the current state again after a side command (help, privacy, ...).
    fn reprompt(&mut self, stage: Stage) -> Stage {
        match stage {
            Stage::Finished {
                round,
                answers,
                offer_open: true,
            } => {
                self.offer_hearing_back();
                Stage::Finished {
                    round,
                    answers,
                    offer_open: true,
                }
            }
            Stage::Answering(p) => self.with_progress(Stage::Answering(p), |t, round, p| {
                t.ask(round, &p);
                Stage::Answering(p)
            }),
            Stage::ChoosingRound => {
                let open = self.ctx.open_rounds();
                if open.is_empty() {
                    self.say(Key::NoOpenRounds);
                    return Stage::Idle;
                }
                self.choose_round(open);
                Stage::ChoosingRound
            }
            other => other,
        }
    }

    fn record(
        &mut self,
        round: &'a Round,
        mut p: Progress,
        question: crate::domain::QuestionId,
        answer: AnswerValue,
    ) -> Stage {
        if let Some(earlier) = p.answers.insert(question.clone(), answer.clone())
            && earlier != answer
        {
            // What the resident took back is erased, not overwritten: the
            // store then also cleans the earlier versions out of its files.
            self.effects.push(Effect::ClearAnswer {
                round: round.id.clone(),
                question: question.clone(),
            });
        }
        self.effects.push(Effect::RecordAnswer {
            round: round.id.clone(),
            question,
            answer,
        });
        for dropped in flow::drop_inapplicable(round, &mut p.answers) {
            self.effects.push(Effect::ClearAnswer {
                round: round.id.clone(),
                question: dropped,
            });
        }
        if p.reviewing {
            // A finished response stays whole: a follow-up the change brings
            // up counts as skipped until it is answered, since the resident
            // may stop right there (a finished response lacking it broke
            // every figure's bookkeeping; fifteenth trial).
            for question in flow::applicable_unanswered(round, &p.answers) {
                p.answers.insert(question.clone(), AnswerValue::Skipped);
                self.effects.push(Effect::RecordAnswer {
                    round: round.id.clone(),
                    question,
                    answer: AnswerValue::Skipped,
                });
            }
        }
        p.selection.clear();
        self.advance(round, p)
    }

    fn done(&mut self, round: &'a Round, p: Progress) -> Stage {
        if p.selection.is_empty() {
            self.say(Key::MultiNothingChosen);
            self.ask(round, &p);
            return Stage::Answering(p);
        }
        let Some(q) = round.question(&p.current) else {
            return self.ask_or_finish(round, p);
        };
        let chosen = q
            .kind
            .options()
            .iter()
            .filter(|o| p.selection.contains(&o.id))
            .map(|o| o.id.clone())
            .collect();
        let question = p.current.clone();
        self.record(round, p, question, AnswerValue::Multi(chosen))
    }

    /// Moves to the next question that applies, or finishes the round.
    fn advance(&mut self, round: &'a Round, mut p: Progress) -> Stage {
        match flow::next_question(round, &p.answers, Some(&p.current)) {
            Some(next) => {
                p.trail.push(p.current.clone());
                p.current = next.id.clone();
                p.selection = selection_of(p.answers.get(&next.id));
                self.ask(round, &p);
                Stage::Answering(p)
            }
            None => {
                self.effects.push(Effect::CompleteResponse {
                    round: round.id.clone(),
                });
                // Saying "your answers are saved" after every question was
                // skipped would read oddly: say what happened instead.
                let all_skipped = p.answers.values().all(|a| !a.is_answered());
                self.replies.push(Reply::text(Text::with(
                    if all_skipped {
                        Key::FinishedAllSkipped
                    } else {
                        Key::Finished
                    },
                    vec![("date", Arg::Date(round.closes))],
                )));
                if !p.reviewing {
                    self.offer_hearing_back();
                }
                Stage::Finished {
                    round: p.round,
                    answers: p.answers,
                    offer_open: !p.reviewing,
                }
            }
        }
    }

    /// Recovers when the current question vanished from the round (a draft edit).
    fn ask_or_finish(&mut self, round: &'a Round, mut p: Progress) -> Stage {
        match flow::next_question(round, &p.answers, None) {
            Some(first) => {
                p.current = first.id.clone();
                p.trail.clear();
                self.ask(round, &p);
                Stage::Answering(p)
            }
            None => self.advance(round, p),
        }
    }

    fn back(&mut self, round: &'a Round, mut p: Progress) -> Stage {
        match p.trail.pop() {
            Some(previous) => {
                p.selection = selection_of(p.answers.get(&previous));
                p.current = previous;
            }
            None => self.say(Key::FirstQuestion),
        }
        self.ask(round, &p);
        Stage::Answering(p)
    }

    /// `/wijzig`: go through the answers again from the first question.
    fn change(&mut self, stage: Stage) -> Stage {
        let (round_id, answers) = match stage {
            Stage::Finished { round, answers, .. } => (round, answers),
            Stage::Answering(p) => (p.round, p.answers),
            other => {
                self.say(Key::NotNow);
                return self.reprompt(other);
            }
        };
        let ctx = self.ctx;
        let Some(round) = ctx.accepting(&round_id) else {
            return self.round_closed(round_id);
        };
        let Some(first) = flow::next_question(round, &answers, None) else {
            return Stage::Idle;
        };
        let p = Progress {
            round: round_id,
            current: first.id.clone(),
            selection: selection_of(answers.get(&first.id)),
            answers,
            trail: Vec::new(),
            reviewing: true,
        };
        self.ask(round, &p);
        Stage::Answering(p)
    }

    /// Asks the current question: progress, text, hint, earlier answer, buttons.
    fn ask(&mut self, round: &Round, p: &Progress) {
        let Some(q) = round.question(&p.current) else {
            return;
        };
        let lang = self.lang;
        let number = p.trail.len() + 1;
        let total = number + flow::remaining_after(round, &p.answers, &p.current);
        let mut lines = vec![
            Text::with(
                Key::QuestionProgress,
                vec![
                    ("number", Arg::Num(i64::try_from(number).unwrap_or(0))),
                    ("total", Arg::Num(i64::try_from(total).unwrap_or(0))),
                ],
            ),
            Text::Plain(q.text.get(lang).to_owned()),
        ];
        if let Some(help) = &q.help {
            lines.push(Text::Plain(help.get(lang).to_owned()));
        }
        lines.push(hint(q, lang));
        if let Some(a) = p.answers.get(&q.id) {
            lines.push(Text::with(
                Key::CurrentAnswer,
                vec![("answer", answer_arg(q, a, lang))],
            ));
        }
        let mut buttons = answer_buttons(q, &p.selection, lang);
        let qid = q.id.clone();
        if p.answers.contains_key(&q.id) {
            buttons.push(Button {
                label: Text::msg(Key::ButtonKeep),
                action: ButtonAction::Keep {
                    question: qid.clone(),
                },
            });
        }
        buttons.push(Button {
            label: Text::msg(Key::ButtonSkip),
            action: ButtonAction::Skip { question: qid },
        });
        if !p.trail.is_empty() {
            buttons.push(Button {
                label: Text::msg(Key::ButtonBack),
                action: ButtonAction::Back,
            });
        }
        let free_text = matches!(q.kind, QuestionKind::Open { .. });
        self.replies.push(Reply {
            lines,
            buttons,
            free_text,
        });
    }
}

/// "The round has closed", with its closing date only when that date has
/// passed: a round an official closed early closed before its planned end.
/// Whether typed text lists several things ("1 en 3", "bus and taxi").
fn is_list(text: &str) -> bool {
    let t = format!(" {} ", text.to_lowercase());
    t.contains(" en ")
        || t.contains(" and ")
        || text
            .split_whitespace()
            .filter(|w| w.parse::<u32>().is_ok())
            .count()
            > 1
}

/// A language typed right after the chooser: its name or code in any language,
/// or the number of its button.
fn chosen_language(text: &str) -> Option<Lang> {
    let t = text.trim();
    match t.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| Lang::ALL.get(i)).copied(),
        Err(_) => Lang::parse(t).ok(),
    }
}

/// A typed reply to the offer to hear back: its button labels, yes or no, 1 or 2.
fn offer_reply(text: &str) -> Option<bool> {
    let t: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    match t.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
        "1" | "ja" | "ja graag" | "graag" | "yes" | "yes please" | "y" | "j" => Some(true),
        "2" | "nee" | "nee dank u" | "nee dank je" | "no" | "no thank you" | "no thanks" | "n" => Some(false),
        _ => None,
    }
}

/// How many questions there are; with follow-ups, from the number always
/// asked to all of them (the count in "question 3 of 5" follows the answers).
fn how_it_works(round: &Round) -> Text {
    let count = |n: usize| Arg::Num(i64::try_from(n).unwrap_or(0));
    let all = round.questions.len();
    let always = round.questions.iter().filter(|q| q.when.is_none()).count();
    if always < all {
        Text::with(
            Key::RoundHowItWorksRange,
            vec![("fewest", count(always)), ("count", count(all))],
        )
    } else {
        Text::with(Key::RoundHowItWorks, vec![("count", count(all))])
    }
}

fn closed_text(round: &Round, lang: Lang, now: OffsetDateTime) -> Text {
    let title = ("title", Arg::Str(round.title.get(lang).to_owned()));
    if round.closes <= now {
        Text::with(Key::RoundClosed, vec![title, ("date", Arg::Date(round.closes))])
    } else {
        Text::with(Key::RoundClosedEarly, vec![title])
    }
}

fn change_button(open: bool) -> Vec<Button> {
    if open {
        vec![Button {
            label: Text::msg(Key::ButtonChange),
            action: ButtonAction::Change,
        }]
    } else {
        Vec::new()
    }
}

fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Nederlands",
        Lang::En => "English",
    }
}

fn selection_of(answer: Option<&AnswerValue>) -> Vec<crate::domain::OptionId> {
    match answer {
        Some(AnswerValue::Multi(chosen)) => chosen.clone(),
        _ => Vec::new(),
    }
}

fn hint(q: &Question, lang: Lang) -> Text {
    match &q.kind {
        QuestionKind::Choice { .. } => Text::msg(Key::HintChoice),
        QuestionKind::Multi { .. } => Text::msg(Key::HintMulti),
        QuestionKind::Scale { min, max, labels } => match labels {
            Some(l) => Text::with(
                Key::HintScaleLabels,
                vec![
                    ("min", Arg::Num(*min)),
                    ("max", Arg::Num(*max)),
                    ("low", Arg::Str(l.low.get(lang).to_owned())),
                    ("high", Arg::Str(l.high.get(lang).to_owned())),
                ],
            ),
            None => Text::with(
                Key::HintScale,
                vec![("min", Arg::Num(*min)), ("max", Arg::Num(*max))],
            ),
        },
        QuestionKind::YesNo => Text::msg(Key::HintYesNo),
        QuestionKind::Open { max_chars } => {
            Text::with(Key::HintOpen, vec![("max", Arg::Num(i64::from(*max_chars)))])
        }
    }
}

fn answer_buttons(q: &Question, selection: &[crate::domain::OptionId], lang: Lang) -> Vec<Button> {
    let answer = |value: String, label: Text| Button {
        label,
        action: ButtonAction::Answer {
            question: q.id.clone(),
            value,
        },
    };
    match &q.kind {
        QuestionKind::Choice { options } => options
            .iter()
            .map(|o| answer(o.id.to_string(), Text::Plain(o.text.get(lang).to_owned())))
            .collect(),
        QuestionKind::Multi { options } => {
            let mut buttons: Vec<Button> = options
                .iter()
                .map(|o| {
                    let mark = if selection.contains(&o.id) { "☑" } else { "☐" };
                    Button {
                        label: Text::Plain(format!("{mark} {}", o.text.get(lang))),
                        action: ButtonAction::Toggle {
                            question: q.id.clone(),
                            option: o.id.clone(),
                        },
                    }
                })
                .collect();
            buttons.push(Button {
                label: Text::msg(Key::ButtonDone),
                action: ButtonAction::Done {
                    question: q.id.clone(),
                },
            });
            buttons
        }
        QuestionKind::Scale { min, max, .. } => (*min..=*max)
            .map(|n| answer(n.to_string(), Text::Plain(n.to_string())))
            .collect(),
        QuestionKind::YesNo => vec![
            answer("y".into(), Text::msg(Key::AnswerYes)),
            answer("n".into(), Text::msg(Key::AnswerNo)),
        ],
        QuestionKind::Open { .. } => Vec::new(),
    }
}

fn answer_from_button(q: &Question, value: &str) -> Option<AnswerValue> {
    match &q.kind {
        QuestionKind::Choice { options } => options
            .iter()
            .find(|o| o.id.as_str() == value)
            .map(|o| AnswerValue::Choice(o.id.clone())),
        QuestionKind::Scale { min, max, .. } => value
            .parse::<i64>()
            .ok()
            .filter(|n| (*min..=*max).contains(n))
            .map(AnswerValue::Scale),
        QuestionKind::YesNo => match value {
            "y" => Some(AnswerValue::YesNo(true)),
            "n" => Some(AnswerValue::YesNo(false)),
            _ => None,
        },
        QuestionKind::Multi { .. } | QuestionKind::Open { .. } => None,
    }
}

/// An earlier answer as a message argument.
fn answer_arg(q: &Question, a: &AnswerValue, lang: Lang) -> Arg {
    let option_text = |id: &crate::domain::OptionId| {
        q.kind
            .options()
            .iter()
            .find(|o| &o.id == id)
            .map_or_else(|| id.to_string(), |o| o.text.get(lang).to_owned())
    };
    match a {
        AnswerValue::Choice(id) => Arg::Str(option_text(id)),
        AnswerValue::Multi(ids) => Arg::Str(ids.iter().map(option_text).collect::<Vec<_>>().join(", ")),
        AnswerValue::Scale(n) => Arg::Num(*n),
        AnswerValue::YesNo(true) => Arg::Msg(Key::AnswerYes),
        AnswerValue::YesNo(false) => Arg::Msg(Key::AnswerNo),
        AnswerValue::Open(s) => Arg::Str(s.clone()),
        AnswerValue::Skipped => Arg::Msg(Key::AnswerSkipped),
    }
}

#[cfg(test)]
mod tests;
