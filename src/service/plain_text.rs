//! Markdown an official wrote (an outcome, "what we did") as plain chat lines:
//! Telegram and Matrix messages are sent as plain text, where `**`, `#`, link
//! brackets and table pipes would show as they are.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// `md` as plain text: headings and paragraphs as lines, list items with a
/// bullet, links as "text (address)", table cells separated by " – ".
pub(crate) fn from_markdown(md: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut cell = 0;
    // The next number of each open list (`None`: a bulleted one).
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::Rule => out.push('\n'),
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                out.push_str("\n\n");
            }
            Event::Start(Tag::Item) => match lists.last_mut() {
                Some(Some(n)) => {
                    out.push_str(&format!("{n}. "));
                    *n += 1;
                }
                _ => out.push_str("• "),
            },
            Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url.to_string(), out.len())),
            Event::End(TagEnd::Link) => {
                if let Some((url, start)) = links.pop()
                    && out[start..].trim() != url
                {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => cell = 0,
            Event::Start(Tag::TableCell) => {
                if cell > 0 {
                    out.push_str(" – ");
                }
                cell += 1;
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead | TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Table) => {
                out.push_str("\n\n");
            }
            _ => {}
        }
    }
    // No more than one empty line anywhere.
    let mut lines: Vec<&str> = Vec::new();
    for line in out.lines().map(str::trim_end) {
        if !(line.is_empty() && lines.last().is_none_or(|l| l.is_empty())) {
            lines.push(line);
        }
    }
    lines.join("\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::from_markdown;

    #[test]
    fn an_outcome_in_markdown_reads_as_plain_lines() {
        let md = "# Wat we deden\n\nDe **uitkomsten** staan op [de website](https://gemeente.nl/a_b).\n\n\
                  | punt | besluit |\n|---|---|\n| stalling | 200 plekken |\n\n- eerst\n- daarna\n\nKlaar_nu.";
        assert_eq!(
            from_markdown(md),
            "Wat we deden\n\nDe uitkomsten staan op de website (https://gemeente.nl/a_b).\n\n\
             punt – besluit\nstalling – 200 plekken\n\n• eerst\n• daarna\n\nKlaar_nu."
        );
        assert_eq!(from_markdown("Gewoon een zin."), "Gewoon een zin.");
        // Sixteenth trial: a numbered list kept its bullets, not its numbers.
        assert_eq!(
            from_markdown("Besluiten:\n\n1. eerste\n2. tweede\n\n3) derde"),
            "Besluiten:\n\n1. eerste\n2. tweede\n\n3. derde"
        );
    }
}
