//! The base layer: what every stage may use, and which uses nothing else of the crate.
//!
//! - [`text`]: escaping for HTML and XML, the CJK test, line and column of an offset, slugs
//! - [`yaml`]: the one entry point for YAML, with its limits, and where its keys are written
//! - [`locate`]: the line and column of a key or list item by its path, in YAML or TOML
//! - [`diagnostics`]: errors and warnings, with their codes ([`codes`]: the table of codes)
//! - [`safe_url`]: which URLs content may link to
//! - [`stages`]: the names, timing and progress of the pipeline's stages
//! - [`i18n`]: one language's interface strings, with `{placeholders}`
//! - [`messages`]: the message catalogue, so diagnostics print in the editor's language
//! - [`layout`]: the folders a portal is built from
pub mod codes;
pub mod diagnostics;
pub mod i18n;
pub mod layout;
pub mod locate;
pub mod messages;
pub mod safe_url;
pub mod stages;
pub mod text;
pub mod yaml;
