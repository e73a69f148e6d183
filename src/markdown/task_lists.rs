//! Task-list items (`- [ ] text`) as labelled checkboxes: pulldown-cmark writes a bare
//! `<input type="checkbox">` with no accessible name, which a screen reader announces as
//! "checkbox, not checked" with nothing to say what it is (axe-core's `label` rule). Here the
//! checkbox and the item's first line of inline content go into one `<label>`, so the text names it.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Replaces each task-list marker by an opening `<label>` with the checkbox, and closes the label
/// where the item's inline content ends (its paragraph or item, or a block nested in it).
pub fn label_task_items(events: &mut Vec<(Event, std::ops::Range<usize>)>) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::TaskListMarker(_)))
    {
        return;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut open = false;
    for (event, range) in events.drain(..) {
        if open && ends_inline_content(&event) {
            out.push((
                Event::InlineHtml("</label>".into()),
                range.start..range.start,
            ));
            open = false;
        }
        match event {
            Event::TaskListMarker(checked) => {
                let checked = if checked { " checked" } else { "" };
                let html = format!(
                    "<label class=\"task-item\"><input type=\"checkbox\" disabled{checked}> "
                );
                out.push((Event::InlineHtml(html.into()), range));
                open = true;
            }
            event => out.push((event, range)),
        }
    }
    if open {
        out.push((Event::InlineHtml("</label>".into()), 0..0));
    }
    *events = out;
}

/// An event that may not stand inside a `<label>`: the end of the item's paragraph or item, or
/// the start of a block.
fn ends_inline_content(event: &Event) -> bool {
    match event {
        Event::End(end) => matches!(end, TagEnd::Paragraph | TagEnd::Item),
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::HtmlBlock
        ),
        Event::Rule => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn html(markdown: &str) -> String {
        let mut events: Vec<_> = Parser::new_ext(markdown, Options::ENABLE_TASKLISTS)
            .into_offset_iter()
            .collect();
        label_task_items(&mut events);
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn a_tight_item_labels_its_checkbox_with_its_text() {
        assert_eq!(
            html("- [x] 提交 *查新* 申请\n- [ ] two\n"),
            "<ul>\n<li><label class=\"task-item\"><input type=\"checkbox\" disabled checked> 提交 <em>查新</em> 申请</label></li>\n\
             <li><label class=\"task-item\"><input type=\"checkbox\" disabled> two</label></li>\n</ul>\n"
        );
    }

    #[test]
    fn a_loose_item_closes_the_label_with_its_first_paragraph() {
        let out = html("- [ ] one\n\n  more text\n\n- [ ] two\n");
        assert!(
            out.contains("<p><label class=\"task-item\"><input type=\"checkbox\" disabled> one</label></p>\n<p>more text</p>"),
            "{out}"
        );
    }

    #[test]
    fn a_nested_list_is_outside_the_label() {
        let out = html("- [ ] parent\n  - [x] child\n");
        assert!(
            out.contains("disabled> parent</label><ul>")
                || out.contains("disabled> parent</label>\n<ul>"),
            "{out}"
        );
        assert!(
            out.contains("disabled checked> child</label></li>"),
            "{out}"
        );
    }

    #[test]
    fn a_list_without_tasks_is_unchanged() {
        assert_eq!(html("- one\n"), "<ul>\n<li>one</li>\n</ul>\n");
    }
}
