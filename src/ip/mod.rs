//! What makes ipportal a generator for IP information service centres rather than a general
//! one: patent publication numbers and IPC codes recognised in text, discipline briefs' data
//! drawn as charts, course sessions as calendars. Each feature is one module. They know nothing
//! of the site: what joins them to content lives in `content::ip`, to Markdown in `markdown::ip`.

pub mod brief;
pub mod calendar;
pub mod chart;
pub mod ipc;
pub mod patent;
