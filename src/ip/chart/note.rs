//! The brief's method note (数据说明): what its export could not give and why, so a chart that
//! is missing is explained rather than silently absent.

use std::fmt::Write;

use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;
use crate::ip::brief::BriefData;

/// The note as HTML, when the export lacks a column some chart or list needs.
pub(super) fn data_note(data: &BriefData, strings: &Strings) -> Option<String> {
    if data.lacking.is_empty() {
        return None;
    }
    let mut html = format!(
        "<section class=\"data-note\" aria-labelledby=\"data-note-h\"><h2 id=\"data-note-h\">{}</h2><ul>",
        esc(strings.get("chart_data_note"))
    );
    for what in &data.lacking {
        let key = format!("chart_lacking_{what}");
        let _ = write!(html, "<li>{}</li>", esc(strings.get(&key)));
    }
    html.push_str("</ul></section>\n");
    Some(html)
}
