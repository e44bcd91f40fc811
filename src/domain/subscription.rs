//! What residents can follow: topics (the rounds' `topic` labels) and, if the
//! municipality keeps a list, one neighbourhood. Readable names per language
//! come from the configuration.

use std::collections::BTreeMap;

use super::Lang;

/// A topic or neighbourhood with its readable name per language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Named {
    /// The label as stored (a round's `topic`, a neighbourhood's id).
    pub id: String,
    /// Readable names; the label itself where none is given.
    pub names: BTreeMap<Lang, String>,
}

impl Named {
    /// A label without readable names.
    pub fn bare(id: &str) -> Named {
        Named {
            id: id.to_owned(),
            names: BTreeMap::new(),
        }
    }

    /// The name in `lang`, else in Dutch, else the label.
    pub fn name(&self, lang: Lang) -> &str {
        self.names
            .get(&lang)
            .or_else(|| self.names.get(&Lang::Nl))
            .map_or(self.id.as_str(), String::as_str)
    }
}

/// What one resident follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Subscriptions {
    /// Topic labels.
    pub topics: Vec<String>,
    /// The neighbourhood chosen, if any: rounds about it, besides those for
    /// the whole municipality.
    pub neighbourhood: Option<String>,
}
