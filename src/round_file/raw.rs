//! The round file exactly as written, with the span of every key a check may need
//! to point at. Unknown keys are rejected here by serde, naming the key.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::Diagnostic;
use crate::domain::Phase;

/// A text per language code, e.g. `{ nl = "...", en = "..." }`.
pub type RawText = BTreeMap<String, String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRound {
    pub id: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub title: Spanned<RawText>,
    pub intro: Spanned<RawText>,
    pub topic: Spanned<String>,
    pub phase: Spanned<Phase>,
    pub audience: Option<Spanned<RawText>>,
    pub council: Option<Spanned<String>>,
    pub opens: Spanned<toml::value::Datetime>,
    pub closes: Spanned<toml::value::Datetime>,
    pub min_group_size: Option<Spanned<i64>>,
    pub live_results: Option<bool>,
    pub questions: Spanned<Vec<Spanned<RawQuestion>>>,
    pub population: Option<Spanned<String>>,
    pub follows: Option<Spanned<String>>,
    pub neighbourhood: Option<Spanned<String>>,
    pub timezone: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawKind {
    Choice,
    Multi,
    Scale,
    Yesno,
    Open,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub kind: Spanned<RawKind>,
    pub text: Spanned<RawText>,
    pub help: Option<Spanned<RawText>>,
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub labels: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    pub max_chars: Option<Spanned<i64>>,
    pub when: Option<Spanned<RawWhen>>,
    pub profile: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub text: Spanned<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    pub question: Spanned<String>,
    #[serde(rename = "in")]
    pub values: Spanned<Vec<Spanned<toml::Value>>>,
}

/// Every top-level key a round file may have.
const ROUND_KEYS: [&str; 17] = [
    "id",
    "languages",
    "title",
    "intro",
    "topic",
    "phase",
    "audience",
    "council",
    "opens",
    "closes",
    "min_group_size",
    "live_results",
    "questions",
    "population",
    "follows",
    "neighbourhood",
    "timezone",
];

/// Reads the file into a [`RawRound`], reporting every problem of shape it can
/// find (syntax, unknown or missing keys, wrong types), one per top-level key and
/// one per question, instead of stopping at the first.
pub fn read(text: &str) -> Result<RawRound, Vec<Diagnostic>> {
    let (table, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(syntax.iter().map(|e| diagnostic(text, e)).collect());
    }
    let table = table.into_inner();
    let mut problems = Vec::new();
    // Keys a misspelt one stands for: not reported missing as well.
    let mut meant = Vec::new();
    for (spanned, _) in table.iter() {
        let key = spanned.get_ref().as_ref();
        if !ROUND_KEYS.contains(&key) {
            let span = spanned.span().start;
            let message = match did_you_mean(key, &ROUND_KEYS) {
                Some(known) => {
                    meant.push(known);
                    format!("unknown key `{key}`: did you mean `{known}`?")
                }
                None => format!(
                    "unknown key `{key}`; a round file knows: {}",
                    ROUND_KEYS.join(", ")
                ),
            };
            problems.push(Diagnostic::at_offset(text, span, message));
        }
    }
    let mut reader = Reader {
        text,
        table: &table,
        problems,
        meant,
    };
    let id = reader.required("id", "the round's id, e.g. id = \"huishoudelijke-hulp-2027\"");
    let languages = reader.required("languages", "e.g. languages = [\"nl\", \"en\"]");
    let title = reader.required("title", "e.g. title = { nl = \"...\", en = \"...\" }");
    let intro = reader.required("intro", "what the round is about, e.g. intro = { nl = \"...\" }");
    let topic = reader.required("topic", "a label such as topic = \"wmo\"");
    let phase = reader.required("phase", "one of agenda, preparation, decision, evaluation");
    let audience = reader.optional("audience");
    let council = reader.optional("council");
    let opens = reader.required("opens", "e.g. opens = 2027-01-11T09:00:00+01:00");
    let closes = reader.required("closes", "e.g. closes = 2027-01-25T17:00:00+01:00");
    let min_group_size = reader.optional("min_group_size");
    let live_results = reader.optional::<bool>("live_results").map(Spanned::into_inner);
    let questions = reader.questions();
    let population = reader.optional("population");
    let follows = reader.optional("follows");
    let neighbourhood = reader.optional("neighbourhood");
    let timezone = reader.optional("timezone");
    let mut problems = reader.problems;
    match (
        id, languages, title, intro, topic, phase, opens, closes, questions,
    ) {
        (
            Some(id),
            Some(languages),
            Some(title),
            Some(intro),
            Some(topic),
            Some(phase),
            Some(opens),
            Some(closes),
            Some(questions),
        ) if problems.is_empty() => Ok(RawRound {
            id,
            languages,
            title,
            intro,
            topic,
            phase,
            audience,
            council,
            opens,
            closes,
            min_group_size,
            live_results,
            questions,
            population,
            follows,
            neighbourhood,
            timezone,
        }),
        _ => {
            if problems.is_empty() {
                problems.push(Diagnostic::whole_file("the round could not be read"));
            }
            Err(problems)
        }
    }
}

struct Reader<'t, 'i> {
    text: &'t str,
    table: &'t DeTable<'i>,
    problems: Vec<Diagnostic>,
    /// Known keys that a misspelt key in the file was taken for.
    meant: Vec<&'static str>,
}

impl<'i> Reader<'_, 'i> {
    fn value(&self, key: &str) -> Option<&Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Reads one value; a problem is told with `label` (a key in backticks,
    /// or a question by number and id).
    fn convert<T: DeserializeOwned>(
        &mut self,
        label: &str,
        value: &Spanned<DeValue<'i>>,
    ) -> Option<Spanned<T>> {
        match Spanned::<T>::deserialize(ValueDeserializer::from(value.clone())) {
            Ok(v) => Some(v),
            Err(e) => {
                let mut d = diagnostic(self.text, &e);
                if d.line.is_none() {
                    let (line, column) = super::diagnostic::line_col(self.text, value.span().start);
                    d.line = Some(line);
                    d.column = Some(column);
                }
                d.message = format!("{label}: {}", d.message);
                self.problems.push(d);
                None
            }
        }
    }

    fn optional<T: DeserializeOwned>(&mut self, key: &str) -> Option<Spanned<T>> {
        let value = self.value(key)?.clone();
        self.convert(&format!("`{key}`"), &value)
    }

    fn required<T: DeserializeOwned>(&mut self, key: &str, hint: &str) -> Option<Spanned<T>> {
        match self.value(key).cloned() {
            Some(value) => self.convert(&format!("`{key}`"), &value),
            None => {
                if !self.meant.contains(&key) {
                    self.problems
                        .push(Diagnostic::whole_file(format!("`{key}` is missing: {hint}")));
                }
                None
            }
        }
    }

    /// Every `[[questions]]` entry read on its own, so each one's problem shows.
    fn questions(&mut self) -> Option<Spanned<Vec<Spanned<RawQuestion>>>> {
        let Some(value) = self.value("questions").cloned() else {
            self.problems.push(Diagnostic::whole_file(
                "there are no questions: add at least one [[questions]] block",
            ));
            return None;
        };
        let span = value.span();
        let DeValue::Array(items) = value.get_ref() else {
            self.problems.push(Diagnostic::at_offset(
                self.text,
                span.start,
                "`questions` must be a list of [[questions]] blocks",
            ));
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // Named by number and, where it has one, by its id.
            let id = match item.get_ref() {
                DeValue::Table(t) => t.get("id").and_then(|v| v.get_ref().as_str()),
                _ => None,
            };
            let label = match id {
                Some(id) => format!("question `{id}`"),
                None => format!("question {}", i + 1),
            };
            if let Some(q) = self.convert(&label, item) {
                out.push(q);
            }
        }
        (out.len() == items.len()).then(|| Spanned::new(span, out))
    }
}

/// The known word a misspelt one most likely stands for: at most two edits
/// away (one for short words), and closer than any other.
fn did_you_mean<'k>(got: &str, known: &[&'k str]) -> Option<&'k str> {
    let most = if got.chars().count() <= 4 { 1 } else { 2 };
    let mut scored: Vec<(usize, &'k str)> = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(got, k), *k))
        .filter(|(d, _)| *d <= most)
        .collect();
    scored.sort();
    match scored.as_slice() {
        [(d, k)] => Some(*k).filter(|_| *d > 0),
        [(d, k), (next, _), ..] if d < next => Some(*k).filter(|_| *d > 0),
        _ => None,
    }
}

/// A toml or serde error as a diagnostic in the official's words.
fn diagnostic(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = humane(e.message().trim());
    match e.span() {
        Some(span) => Diagnostic::at_offset(text, span.start, message),
        None => Diagnostic::whole_file(message),
    }
}

/// Rewrites serde's wording ("invalid type: string, expected a map") into what
/// an official can act on.
pub fn humane(message: &str) -> String {
    let kind = |expected: &str| -> &'static str {
        match expected {
            e if e.contains("map") || e.contains("struct") => "a table, e.g. { nl = \"...\", en = \"...\" }",
            e if e.contains("sequence") => "a list in square brackets, e.g. [\"nl\", \"en\"]",
            e if e.contains("i64") || e.contains("integer") => "a whole number",
            e if e.contains("bool") => "true or false",
            e if e.contains("string") => "text in double quotes",
            e if e.contains("datetime") || e.contains("Datetime") => {
                "a date and time, e.g. 2027-01-11T09:00:00+01:00"
            }
            _ => "another kind of value",
        }
    };
    let found = |found: &str| -> String {
        let f = found.trim();
        match f.split_once(' ') {
            Some(("string", value)) => format!("the text {value}"),
            Some(("integer", value)) => format!("the number {value}"),
            _ if f.starts_with("string") => "text".to_owned(),
            _ if f.starts_with("map") => "a table".to_owned(),
            _ if f.starts_with("sequence") => "a list".to_owned(),
            _ if f.starts_with("integer") => "a number".to_owned(),
            _ if f.starts_with("boolean") => "true or false".to_owned(),
            _ => f.to_owned(),
        }
    };
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        return format!("expected {}, but found {}", kind(expected), found(got));
    }
    // serde lists what it expected as "`a`, `b`" (or "one of ...").
    let suggestion = |got: &str, expected: &str| {
        let known: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|k| k.trim_matches('`'))
            .collect();
        did_you_mean(got.trim_matches('`'), &known).map(|k| format!("did you mean `{k}`?"))
    };
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        return match suggestion(got, expected) {
            Some(hint) => format!("{got} is not allowed here: {hint}"),
            None => format!(
                "{got} is not allowed here; use {}",
                expected.trim_start_matches("one of ")
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        return match suggestion(got, expected) {
            Some(hint) => format!("unknown key {got}: {hint}"),
            None => format!(
                "unknown key {got}; known keys here: {}",
                expected.trim_start_matches("one of ")
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{rest} is missing");
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::humane;

    #[test]
    fn serde_words_become_an_officials_words() {
        assert_eq!(
            humane("invalid type: string \"een\", expected i64"),
            "expected a whole number, but found the text \"een\""
        );
        assert_eq!(
            humane("invalid type: string \"Hulp\", expected a map"),
            "expected a table, e.g. { nl = \"...\", en = \"...\" }, but found the text \"Hulp\""
        );
        assert_eq!(
            humane("unknown variant `schaal`, expected one of `choice`, `multi`"),
            "`schaal` is not allowed here; use `choice`, `multi`"
        );
        assert_eq!(humane("missing field `kind`"), "`kind` is missing");
    }
}
