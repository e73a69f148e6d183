//! The IP features' passes over a page body: patent numbers linked and IPC codes marked in the
//! text, outside links, images and code. What a number or a code is belongs to [`crate::ip`];
//! this is where it meets Markdown's events.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::shortcodes::PageFiles;
use crate::base::i18n::Strings;
use crate::ip::ipc;
use crate::ip::patent::{self, Citation, PatentSettings};

/// What the passes over a page body need: the site's settings, as they apply to this page, and
/// the page's files.
pub struct BodyOptions<'a> {
    /// Patent number settings; `None` when the page or the site turned links off.
    pub patents: Option<&'a PatentSettings>,
    /// IPC code settings; `None` outside a portal.
    pub ipc: Option<&'a ipc::IpcSettings>,
    /// The page's language and files, for shortcodes.
    pub files: PageFiles<'a>,
}

impl BodyOptions<'_> {
    /// Nothing linked, no files and no strings: for bodies rendered outside a portal (tests).
    pub fn off(lang: &str) -> BodyOptions<'_> {
        BodyOptions {
            patents: None,
            ipc: None,
            files: PageFiles {
                lang,
                strings: crate::base::i18n::Strings::new(lang, None),
                assets: &[],
                static_dir: Path::new(""),
                served: None,
                base_path: "/",
                charts: None,
            },
        }
    }
}

/// Links the patent numbers (outside the `skip` ranges) and marks the IPC codes in the text of
/// a body; returns the patents cited.
pub fn rewrite_body(
    events: &mut Vec<(Event<'_>, Range<usize>)>,
    options: &BodyOptions,
    skip: &[Range<usize>],
) -> Vec<Citation> {
    let lang = options.files.lang;
    let cited = match options.patents {
        Some(settings) => link_patents(events, settings, &options.files.strings, skip),
        None => Vec::new(),
    };
    if let Some(settings) = options.ipc {
        rewrite_text(events, &[], |text| {
            ipc::find(text)
                .into_iter()
                .map(|(range, code)| {
                    let html = ipc::html(&code, &text[range.clone()], settings, lang);
                    (range, html)
                })
                .collect()
        });
    }
    cited
}

/// Links every number in the text of `events` (outside links, images and the byte ranges in
/// `skip`) and returns the numbers cited, each once, in order of first appearance.
fn link_patents(
    events: &mut Vec<(Event<'_>, Range<usize>)>,
    settings: &PatentSettings,
    strings: &Strings,
    skip: &[Range<usize>],
) -> Vec<Citation> {
    let mut cited: Vec<Citation> = Vec::new();
    rewrite_text(events, skip, |text| {
        patent::find(text)
            .into_iter()
            .map(|f| {
                let written = &text[f.range.clone()];
                let link = patent::url(settings, &f.number, strings.lang());
                let html = patent::html(&f.number, written, link.as_deref(), strings);
                if !cited.iter().any(|c| c.number == f.number) {
                    cited.push(Citation {
                        number: f.number,
                        written: written.to_string(),
                        url: link,
                    });
                }
                (f.range, html)
            })
            .collect()
    });
    cited
}

/// Rewrites the plain text of `events`: `replace` gets the text of each run of text events
/// (outside links, images and the body byte ranges in `skip`) and returns the byte ranges of
/// that text to replace with HTML, in order.
fn rewrite_text<'a>(
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
