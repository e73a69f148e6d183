//! What every chart is built from: numbers in the reader's language, shares, the axis scale, the
//! SVG frame, the legend, and the figure with its data table.

use std::fmt::Write;

use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;
use crate::ip::brief::{BriefData, Unit};

/// Width of every chart's drawing, in SVG units.
pub(super) const WIDTH: f64 = 640.0;

/// The most a column of row labels takes (applicants, subclasses): a longer name is shortened.
pub(super) const LABEL_ROOM: f64 = 260.0;

/// `n` with its digits grouped by three with `separator` (`1,705`); not grouped when it is empty.
pub fn number(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    if separator.is_empty() || digits.len() <= 3 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// [`number`] as the language of `strings` groups digits.
pub(super) fn num(n: u64, strings: &Strings) -> String {
    number(n, strings.get("number_thousands_separator"))
}

/// `count` as a share of `total`; 0 when the total is (all counts are zero, no `NaN`).
pub(super) fn fraction(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// Added to a chart's description when every count in it is zero: its bars are all empty.
pub(super) fn add_zero_note(desc: &mut String, strings: &Strings) {
    desc.push_str(strings.get("chart_zero_note"));
}

/// `share` (0 to 1) as a percentage with one decimal: `38.2%`.
pub(super) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// What the brief counts (families, applications, publications), in the reader's language.
pub(super) fn unit<'a>(data: &BriefData, strings: &Strings<'a>) -> &'a str {
    strings.get(match data.meta.unit {
        Unit::Families => "chart_unit_families",
        Unit::Applications => "chart_unit_applications",
        Unit::Publications => "chart_unit_publications",
    })
}

/// A chart's title (string `key`), marked when the data is illustrative.
pub(super) fn title(data: &BriefData, strings: &Strings, key: &str) -> String {
    let text = strings.get(key);
    if data.meta.illustrative {
        strings.fill("chart_illustrative", &[("title", text)])
    } else {
        text.to_string()
    }
}

/// A round axis maximum at or above `max`, and its tick step (five ticks or fewer).
pub(super) fn scale(max: f64) -> (f64, f64) {
    round_scale(max, false)
}

/// [`scale`] for counts: whole-number steps, so a maximum of 2 reads "0 1 2", not "0 0 1 1 2".
pub(super) fn count_scale(max: f64) -> (f64, f64) {
    round_scale(max, true)
}

fn round_scale(max: f64, whole: bool) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 1.0);
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .filter(|s| !whole || (*s >= 1.0 && s.fract() == 0.0))
        .find(|s| s * 5.0 >= max)
        .unwrap_or(10.0 * magnitude)
        .max(if whole { 1.0 } else { 0.0 });
    ((max / step).ceil() * step, step)
}

/// The font size of chart text, in SVG units (`font-size` of [`svg_open`]).
const FONT: f64 = 13.0;

/// Width of one character in ems, from the widths of common sans-serif faces (Arial, Noto
/// Sans, PingFang): CJK and full-width forms are square, capitals wider than lower case, narrow
/// letters and punctuation much narrower. Generous rather than tight, so a label never overruns.
fn char_em(c: char) -> f64 {
    match c {
        'I' | 'i' | 'j' | 'l' | '\'' | '|' | '!' | '.' | ',' | ':' | ';' => 0.3,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.38,
        'M' | 'W' | 'm' | 'w' | '@' | '%' => 0.92,
        'A'..='Z' => 0.72,
        '0'..='9' => 0.58,
        'a'..='z' => 0.57,
        c if c.is_ascii() => 0.6,
        c if crate::base::text::is_cjk(c) || is_full_width(c) => 1.0,
        // Other scripts' letters (accented Latin, Cyrillic): about a capital.
        _ => 0.72,
    }
}

/// Full-width forms and CJK punctuation (`，`, `（`, `Ａ`): as wide as a CJK character.
fn is_full_width(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

/// Width of `text` in chart text, in SVG units.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars().map(char_em).sum::<f64>() * FONT
}

/// `text` as it fits in `room` SVG units: whole when it fits, else its beginning and "…".
pub(super) fn fit(text: &str, room: f64) -> String {
    if text_width(text) <= room {
        return text.to_string();
    }
    let mut used = text_width("…");
    let mut kept = String::new();
    for c in text.chars() {
        used += char_em(c) * FONT;
        if used > room {
            break;
        }
        kept.push(c);
    }
    format!("{}…", kept.trim_end())
}

/// A row label ending at `x` (right-aligned) shortened to fit `room`; a shortened label keeps the
/// whole name in its `<title>`, shown on hover (the data table has it too).
pub(super) fn row_label(svg: &mut String, x: f64, y: f64, name: &str, room: f64) {
    let shown = fit(name, room);
    let text = format!(
        "<text class=\"label\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#1b2430\">{}</text>",
        esc(&shown)
    );
    if shown == name {
        svg.push_str(&text);
    } else {
        let _ = write!(svg, "<g><title>{}</title>{text}</g>", esc(name));
    }
}

/// Opens a chart's `<svg>` of `height`, labelled by its `<title>` and `<desc>`.
pub(super) fn svg_open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"13\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// The figure around a chart: title, graphic, description and the table beside it.
pub(super) fn figure(kind: &str, title: &str, svg: &str, desc: &str, table: &str) -> String {
    format!(
        "<figure class=\"chart chart-{kind}\" id=\"chart-{kind}\"><figcaption class=\"chart-title\">{}</figcaption><div class=\"chart-body\"><div class=\"chart-graphic\">{svg}</div><div class=\"chart-data\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{table}</div></div><p class=\"chart-desc\">{}</p></figure>\n",
        esc(title),
        esc(title),
        esc(desc)
    )
}

/// The data table beside a chart: `head` above, then `rows` of (cell text, class); each row's
/// first cell heads it.
pub(super) fn table(caption: &str, head: &[&str], rows: &[Vec<(String, &str)>]) -> String {
    let mut t = format!(
        "<table class=\"chart-table\"><caption>{}</caption><thead><tr>",
        esc(caption)
    );
    for (i, h) in head.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"num\"" };
        let _ = write!(t, "<th scope=\"col\"{class}>{}</th>", esc(h));
    }
    t.push_str("</tr></thead><tbody>");
    for row in rows {
        t.push_str("<tr>");
        for (i, (cell, class)) in row.iter().enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let end = if i == 0 { "th" } else { "td" };
            let class = if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{class}\"")
            };
            let _ = write!(t, "<{tag}{class}>{}</{end}>", esc(cell));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    t
}

/// How many of `counts` (the most first) after the first `top` have as many as the last one
/// shown: left out by the cut, so the description names them.
pub(super) fn tied_after(counts: &[u64], top: usize) -> usize {
    let Some(last) = counts.get(top.saturating_sub(1)).filter(|c| **c > 0) else {
        return 0;
    };
    counts[top..].iter().filter(|c| *c == last).count()
}

/// Whether the filings of `year` are not all published yet.
pub(super) fn incomplete(data: &BriefData, year: i32) -> bool {
    data.meta.incomplete_from.is_some_and(|from| year >= from)
}

/// The mark a legend item shows beside its label.
pub(super) enum Mark {
    /// A filled square in the colour of the bars.
    Bar,
    /// A short line in the colour of a line series.
    Line,
    /// A square in the colour of the shaded (unpublished) bars.
    Shade,
}

/// A row of legend items at the top of a chart, from `left`.
pub(super) fn legend(svg: &mut String, items: &[(Mark, &str)], left: f64) {
    let mut x = left;
    for (mark, label) in items {
        let _ = match mark {
            Mark::Line => write!(
                svg,
                "<line x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"14\" y2=\"14\" stroke=\"#c99a1e\" stroke-width=\"2.5\"/>",
                x + 12.0
            ),
            Mark::Shade => write!(
                svg,
                "<rect class=\"bar-incomplete\" x=\"{x:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#9fb8d3\"/>"
            ),
            Mark::Bar => write!(
                svg,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#0b4a85\"/>"
            ),
        };
        let _ = write!(
            svg,
            "<text class=\"legend\" x=\"{:.1}\" y=\"18\" fill=\"#374353\">{}</text>",
            x + 18.0,
            esc(label)
        );
        x += 30.0 + text_width(label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        assert_eq!(scale(1705.0), (2000.0, 500.0));
        assert_eq!(scale(612.0), (800.0, 200.0));
        assert_eq!(scale(0.38), (0.4, 0.1));
    }

    #[test]
    fn counts_tick_by_whole_numbers() {
        assert_eq!(count_scale(1.0), (1.0, 1.0));
        assert_eq!(count_scale(2.0), (2.0, 1.0));
        assert_eq!(count_scale(3.0), (3.0, 1.0));
        assert_eq!(count_scale(12.0), (15.0, 5.0));
        assert_eq!(count_scale(1705.0), (2000.0, 500.0));
    }

    #[test]
    fn labels_are_measured_and_shortened_at_their_end() {
        // Capitals are wider than lower case, CJK characters square.
        assert!(text_width("MOBILE") > text_width("mobile"));
        assert_eq!(text_width("华为技术"), 4.0 * 13.0);
        let name = "BEIJING XIAOMI MOBILE SOFTWARE CO LTD";
        assert_eq!(fit(name, 1000.0), name);
        let short = fit(name, 200.0);
        assert!(
            short.starts_with("BEIJING XIAOMI") && short.ends_with('…'),
            "{short}"
        );
        assert!(text_width(&short) <= 200.0);
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(number(1705, ","), "1,705");
        assert_eq!(number(1705, ""), "1705");
        assert_eq!(number(12_345_678, ","), "12,345,678");
        assert_eq!(number(12_345_678, "\u{202f}"), "12\u{202f}345\u{202f}678");
    }
}
