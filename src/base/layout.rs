//! Where a portal keeps what: the folders under its root that it is built from.

/// The folders under a portal's root that hold its sources: what `serve` watches, and what no
/// build output may be, hold or sit inside.
pub const SOURCE_FOLDERS: [&str; 6] = ["content", "static", "templates", "themes", "i18n", "data"];
