//! An official's Markdown (an outcome: what was done with the input) in the
//! council's documents. The Markdown summary keeps it as written; the HTML
//! report renders it, but stays self-contained and inert: raw HTML shows as
//! text, images as their description (a picture from elsewhere would be
//! fetched when the report opens), links only to web and mail addresses, and
//! headings sit below the report's own.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `md` for a line of the Markdown summary (inside a quote): as written, with
/// raw HTML made harmless.
pub(super) fn quoted(md: &str) -> String {
    md.replace('<', "&lt;")
}

/// `md` as HTML for the report.
pub(super) fn to_html(md: &str) -> String {
    // Whether each open link was kept; a refused one shows as emphasis.
    let mut links: Vec<bool> = Vec::new();
    let events =
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).filter_map(|event| {
            Some(match event {
                Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
                // An image's description stays, as text between these.
                Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => return None,
                Event::Start(Tag::Link { ref dest_url, .. }) => {
                    let kept = safe_link(dest_url);
                    links.push(kept);
                    if kept { event } else { Event::Start(Tag::Emphasis) }
                }
                Event::End(TagEnd::Link) => match links.pop() {
                    Some(false) => Event::End(TagEnd::Emphasis),
                    _ => event,
                },
                Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                    level: below_report(level),
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }),
                Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(below_report(level))),
                other => other,
            })
        });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

fn safe_link(url: &CowStr<'_>) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")
}

/// The report's sections use `h2` and entries `h3`: an official's headings
/// start at `h4`.
fn below_report(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H4,
        HeadingLevel::H2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_renders_and_stays_inert() {
        let md = "# Besluit\n\nWe nemen **uw wens** over:\n\n- vaste teams\n- [meer](https://example.nl) en [dit](javascript:alert(1))\n\n<script>alert(1)</script>\n\n![foto](https://example.org/x.png)";
        let html = to_html(md);
        for needle in [
            "<h4>Besluit</h4>",
            "<strong>uw wens</strong>",
            "<li>vaste teams</li>",
            "<a href=\"https://example.nl\">meer</a>",
            "<em>dit</em>",
            "&lt;script&gt;",
        ] {
            assert!(html.contains(needle), "{needle} not in {html}");
        }
        for absent in ["<script", "javascript:", "<img", "example.org"] {
            assert!(!html.contains(absent), "{absent} in {html}");
        }
        assert!(html.contains("foto"), "an image keeps its description: {html}");
        assert_eq!(quoted("**Besluit** <b>"), "**Besluit** &lt;b>");
    }
}
