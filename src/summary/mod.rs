//! Council summaries: first aggregation (counts, percentages, scale statistics,
//! quotes) with small groups suppressed, then renderers for Markdown, CSV and JSON.
//! Aggregation reads stored rows only; it never sees a resident.

mod aggregate;
mod chat;
pub mod comparison;
mod markdown;
pub mod overview;
mod render;
pub mod report;
pub mod representativeness;
pub mod themes;
pub mod xlsx;

pub use aggregate::{
    ChannelRow, CouncilSummary, GroupResult, OptionRow, OutcomeLine, Published, QuestionSummary, ScaleStats,
    ThemeRow, at_least, build, build_after, outcome_lines, published,
};
pub use chat::chat;
pub use render::{Format, HIDDEN, day, decimal, render};
