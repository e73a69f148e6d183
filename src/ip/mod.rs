//! What makes ipportal a generator for IP information service centres rather than a general
//! one: patent publication numbers and IPC codes recognised in text, discipline briefs' data
//! drawn as charts, course sessions as calendars. Each feature is one module; the Markdown
//! renderer and the writer call into them.

pub mod patent;

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::shortcodes::PageFiles;
use patent::{Citation, PatentSettings};

/// What the passes over a page body need: the site's settings, as they apply to this page, and
/// the page's files.
pub struct BodyOptions<'a> {
    /// Patent number settings; `None` when the page or the site turned links off.
    pub patents: Option<&'a PatentSettings>,
    /// The page's language and files, for shortcodes.
    pub files: PageFiles<'a>,
}

impl BodyOptions<'_> {
    /// Nothing linked and no files: for bodies rendered outside a portal (tests).
    pub fn off(lang: &str) -> BodyOptions<'_> {
        BodyOptions {
            patents: None,
            files: PageFiles {
                lang,
                assets: &[],
                static_dir: Path::new(""),
                base_path: "/",
            },
        }
    }
}

/// Links the patent numbers in the text of a body (outside the `skip` ranges); returns those
/// cited.
pub fn rewrite_body(
    events: &mut Vec<(Event<'_>, Range<usize>)>,
    options: &BodyOptions,
    skip: &[Range<usize>],
) -> Vec<Citation> {
    match options.patents {
        Some(settings) => patent::link_events(events, settings, options.files.lang, skip),
        None => Vec::new(),
    }
}

/// Rewrites the plain text of `events`: `replace` gets the text of each run of text events
/// (outside links, images and the body byte ranges in `skip`) and returns the byte ranges of
/// that text to replace with HTML, in order.
pub fn rewrite_text<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    skip: &[Range<usize>],
    mut replace: impl FnMut(&str) -> Vec<(Range<usize>, String)>,
) {
    let mut out = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    let mut run: Vec<(Event, Range<usize>)> = Vec::new();
    for (event, range) in events.drain(..) {
        match &event {
            Event::Text(_) if in_link == 0 && !skip.iter().any(|s| s.contains(&range.start)) => {
                run.push((event, range));
                continue;
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        flush_run(&mut run, &mut out, &mut replace);
        out.push((event, range));
    }
    flush_run(&mut run, &mut out, &mut replace);
    *events = out;
}

/// Text arrives in pieces (pulldown-cmark splits it at some punctuation): a number or code can
/// only be found in the joined text.
fn flush_run<'a>(
    run: &mut Vec<(Event<'a>, Range<usize>)>,
    out: &mut Vec<(Event<'a>, Range<usize>)>,
    replace: &mut impl FnMut(&str) -> Vec<(Range<usize>, String)>,
) {
    if run.is_empty() {
        return;
    }
    let text: String = run
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let replacements = replace(&text);
    if replacements.is_empty() {
        out.append(run);
        return;
    }
    let range = run[0].1.start..run[run.len() - 1].1.end;
    run.clear();
    let mut at = 0;
    for (found, html) in replacements {
        if found.start > at {
            let before = text[at..found.start].to_string();
            out.push((Event::Text(before.into()), range.clone()));
        }
        out.push((Event::InlineHtml(html.into()), range.clone()));
        at = found.end;
    }
    if at < text.len() {
        out.push((Event::Text(text[at..].to_string().into()), range));
    }
}
