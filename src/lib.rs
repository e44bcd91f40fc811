//! meepraten: informal client participation for Dutch municipalities.
//!
//! Officials describe a consultation round in a TOML file ([`round_file`]); residents
//! answer it in a chat ([`channel`]) through a pure conversation engine ([`engine`]);
//! answers are stored under per-round respondent keys ([`anon`], [`store`]); councils
//! pull a summary ([`summary`]). The [`service`] layer is the only async glue between
//! them, and [`cli`] is the thin command-line front.
//!
//! Dependencies point one way: cli -> service -> (engine, anon, store, summary,
//! round_file, i18n) -> domain. Channels reach only service, i18n and domain.

pub mod anon;
pub mod channel;
pub mod cli;
pub mod config;
pub mod domain;
pub mod engine;
pub mod i18n;
pub mod round_file;
pub mod service;
pub mod store;
pub mod summary;
