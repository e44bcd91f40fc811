//! Chat channels: adapters that turn platform events into engine inputs and
//! rendered replies into platform messages. They translate and own platform
//! mechanics; they never decide what to say.

pub mod matrix;
pub mod officials;
pub mod telegram;
pub mod terminal;
