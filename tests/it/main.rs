//! The integration tests, as one crate: the library is linked once, not once per test file
//! (the layout mdBook and Cargo use). `cargo test --release --test it output::` runs one module.

mod common;

mod a11y;
mod archetypes;
mod browser;
mod build;
mod bundled;
mod charts;
mod check;
mod cli;
mod cms;
mod cms_browser;
mod errors;
mod exports;
mod external;
mod guide;
mod hostile;
mod install;
mod ip;
mod languages;
mod layers;
mod messages;
mod output;
mod preview;
mod print;
mod production;
mod properties;
mod ranking;
mod reference;
mod search;
mod serve;
mod services;
mod signature;
mod walkthrough;
mod workflows;
