//! The one integration-test binary. Each module tests one area end to end on real
//! SQLite files in temporary folders; helpers live in `support/`.

mod support;

mod architecture;
mod bad_input;
mod batch;
mod conversation;
mod conversation_model;
mod crash;
mod files;
mod lifecycle;
mod locales;
mod matrix;
mod outreach;
mod over_time;
mod privacy;
mod report;
mod representativeness;
mod round_files;
mod scrubber;
mod settings;
mod store;
mod summary;
mod summary_reference;
mod telegram;
