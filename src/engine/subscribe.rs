//! Following topics and a neighbourhood: `/abonneer` (a menu, or one topic by
//! name), `/opzeggen` (one topic, or all), and the menu's buttons. A resident
//! who follows a topic gets an invitation when a round on it opens.

use super::{Arg, Button, ButtonAction, Effect, Reply, Stage, Text, Turn};
use crate::domain::{Named, Subscriptions};
use crate::i18n::Key;

/// The longest button payload Telegram carries (bytes).
const MAX_PAYLOAD: usize = 64;

impl Turn<'_> {
    /// The resident's subscriptions as the service loaded them (empty when not loaded).
    fn mine(&self) -> Subscriptions {
        self.ctx.reach.mine.cloned().unwrap_or_default()
    }

    /// A topic the resident can follow, found by label or by name in any language.
    fn find_topic(&self, wanted: &str) -> Option<&Named> {
        let wanted = wanted.trim().to_lowercase();
        self.ctx
            .reach
            .topics
            .iter()
            .find(|t| t.id.to_lowercase() == wanted || t.names.values().any(|n| n.to_lowercase() == wanted))
    }

    /// `/abonneer [topic]`.
    pub(super) fn subscribe(&mut self, stage: Stage, topic: Option<&str>) -> Stage {
        let mut mine = self.mine();
        if let Some(wanted) = topic {
            match self.find_topic(wanted).cloned() {
                Some(t) => {
                    if !mine.topics.contains(&t.id) {
                        mine.topics.push(t.id.clone());
                        self.effects.push(Effect::Subscribe { topic: t.id.clone() });
                    }
                    self.say_text(Text::with(
                        Key::SubscribedTo,
                        vec![("topic", Arg::Str(t.name(self.lang).to_owned()))],
                    ));
                    return self.reprompt(stage);
                }
                None => self.say_text(Text::with(
                    Key::TopicUnknown,
                    vec![("topic", Arg::Str(wanted.chars().take(32).collect()))],
                )),
            }
        }
        self.menu(&mine);
        stage
    }

    /// `/opzeggen [topic]`.
    pub(super) fn unsubscribe(&mut self, stage: Stage, topic: Option<&str>) -> Stage {
        match topic {
            None => {
                self.effects.push(Effect::DropTopics { topic: None });
                self.say(Key::UnsubscribedAll);
            }
            Some(wanted) => match self.find_topic(wanted).cloned() {
                Some(t) => {
                    self.effects.push(Effect::DropTopics {
                        topic: Some(t.id.clone()),
                    });
                    self.say_text(Text::with(
                        Key::UnsubscribedFrom,
                        vec![("topic", Arg::Str(t.name(self.lang).to_owned()))],
                    ));
                }
                None => {
                    self.say_text(Text::with(
                        Key::TopicUnknown,
                        vec![("topic", Arg::Str(wanted.chars().take(32).collect()))],
                    ));
                    self.menu(&self.mine());
                    return stage;
                }
            },
        }
        self.reprompt(stage)
    }

    /// A press in the menu: a topic on or off, the neighbourhood list, a
    /// neighbourhood, or done.
    pub(super) fn subscription_button(&mut self, stage: Stage, action: ButtonAction) -> Stage {
        let mut mine = self.mine();
        match action {
            ButtonAction::Topic(id) => {
                if !self.ctx.reach.topics.iter().any(|t| t.id == id) {
                    self.say(Key::StaleButton);
                } else if let Some(i) = mine.topics.iter().position(|t| *t == id) {
                    mine.topics.remove(i);
                    self.effects.push(Effect::DropTopics { topic: Some(id) });
                } else {
                    mine.topics.push(id.clone());
                    self.effects.push(Effect::Subscribe { topic: id });
                }
                self.menu(&mine);
                stage
            }
            ButtonAction::AreaMenu => {
                let mut buttons: Vec<Button> = self
                    .ctx
                    .reach
                    .neighbourhoods
                    .iter()
                    .filter(|n| ButtonAction::Area(Some(n.id.clone())).encode().len() <= MAX_PAYLOAD)
                    .map(|n| Button {
                        label: Text::Plain(n.name(self.lang).to_owned()),
                        action: ButtonAction::Area(Some(n.id.clone())),
                    })
                    .collect();
                buttons.push(Button {
                    label: Text::msg(Key::ButtonAreaAll),
                    action: ButtonAction::Area(None),
                });
                self.replies.push(Reply {
                    lines: vec![Text::msg(Key::AreaChoose)],
                    buttons,
                    free_text: false,
                });
                stage
            }
            ButtonAction::Area(area) => {
                let known = area
                    .as_ref()
                    .is_none_or(|a| self.ctx.reach.neighbourhoods.iter().any(|n| &n.id == a));
                if known {
                    mine.neighbourhood = area.clone();
                    self.effects
                        .push(Effect::SetNeighbourhood { neighbourhood: area });
                } else {
                    self.say(Key::StaleButton);
                }
                self.menu(&mine);
                stage
            }
            ButtonAction::SubscriptionsDone => {
                let key = if mine.topics.is_empty() {
                    Key::SubscriptionsNone
                } else {
                    Key::SubscriptionsSaved
                };
                self.say(key);
                self.reprompt(stage)
            }
            _ => stage,
        }
    }

    /// The menu: every topic with a tick when followed, the neighbourhood, done.
    fn menu(&mut self, mine: &Subscriptions) {
        let topics = self.ctx.reach.topics;
        if topics.is_empty() {
            self.say(Key::SubscribeNoTopics);
            return;
        }
        let lang = self.lang;
        let mut buttons: Vec<Button> = topics
            .iter()
            .filter(|t| ButtonAction::Topic(t.id.clone()).encode().len() <= MAX_PAYLOAD)
            .map(|t| {
                let on = mine.topics.contains(&t.id);
                Button {
                    label: Text::Plain(format!("{} {}", if on { "✅" } else { "⬜" }, t.name(lang))),
                    action: ButtonAction::Topic(t.id.clone()),
                }
            })
            .collect();
        let area = mine
            .neighbourhood
            .as_ref()
            .and_then(|id| self.ctx.reach.neighbourhoods.iter().find(|n| &n.id == id));
        if !self.ctx.reach.neighbourhoods.is_empty() {
            let name = match area {
                Some(n) => Arg::Str(n.name(lang).to_owned()),
                None => Arg::Msg(Key::ButtonAreaAll),
            };
            buttons.push(Button {
                label: Text::with(Key::ButtonArea, vec![("area", name)]),
                action: ButtonAction::AreaMenu,
            });
        }
        buttons.push(Button {
            label: Text::msg(Key::ButtonDone),
            action: ButtonAction::SubscriptionsDone,
        });
        self.replies.push(Reply {
            lines: vec![Text::msg(Key::SubscribeMenu)],
            buttons,
            free_text: false,
        });
    }
}
