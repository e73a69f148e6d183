//! The horizontal bar chart that the applicants, inventors, jurisdictions, IPC and legal-status
//! charts draw: labels on the left, a bar per row, the value at each bar's end, ticks along the
//! bottom; and the ranking figure three of them share.

use std::fmt::Write;

use super::parts::{
    LABEL_ROOM, WIDTH, count_scale, figure, num, row_label, scale, svg_open, table, text_width,
};
use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;

/// One bar of a horizontal bar chart: label, value, the value as shown.
pub(super) struct Bar {
    /// The text before the bar.
    pub label: String,
    /// The length of the bar, in the chart's unit.
    pub value: f64,
    /// The value as written at the bar's end and in its tooltip.
    pub shown: String,
}

/// A horizontal bar chart: labels on the left, bars, the value at each bar's end.
pub(super) fn hbars(
    id: &str,
    heading: &str,
    desc: &str,
    bars: &[Bar],
    axis: &str,
    as_percent: bool,
    strings: &Strings,
) -> String {
    let label_w = bars
        .iter()
        .map(|b| text_width(&b.label))
        .fold(60.0, f64::max)
        .min(LABEL_ROOM)
        + 12.0;
    let (top, row_h, bottom, right) = (12.0, 28.0, 48.0, 64.0);
    let height = top + row_h * bars.len() as f64 + bottom;
    let plot_w = WIDTH - label_w - right;
    let largest = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let (max, step) = if as_percent {
        scale(largest)
    } else {
        count_scale(largest)
    };
    let x = |v: f64| label_w + v / max * plot_w;
    let base = top + row_h * bars.len() as f64;
    let mut svg = String::new();
    svg_open(&mut svg, id, height, heading, desc);
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let shown = if as_percent {
            format!("{:.0}%", tick * 100.0)
        } else {
            esc(&num(tick as u64, strings))
        };
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{top}\" y2=\"{base}\" stroke=\"#d8dfe8\"/><text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#566272\">{shown}</text>",
            x(tick),
            x(tick),
            x(tick),
            base + 16.0
        );
        tick += step;
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        row_label(
            &mut svg,
            label_w - 8.0,
            y + row_h / 2.0,
            &bar.label,
            label_w - 12.0,
        );
        let _ = write!(
            svg,
            "<rect class=\"bar\" x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#0c6a63\"><title>{}: {}</title></rect><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"middle\" fill=\"#374353\">{}</text>",
            y + 5.0,
            x(bar.value) - label_w,
            row_h - 10.0,
            esc(&bar.label),
            esc(&bar.shown),
            x(bar.value) + 6.0,
            y + row_h / 2.0,
            esc(&bar.shown)
        );
    }
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{label_w:.1}\" x2=\"{label_w:.1}\" y1=\"{top}\" y2=\"{base}\" stroke=\"#566272\"/><text class=\"axis-title\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#374353\">{}</text></svg>",
        label_w + plot_w / 2.0,
        height - 8.0,
        esc(axis)
    );
    svg
}

/// A ranking drawn as horizontal bars beside its table: the applicants, inventors and family
/// jurisdictions charts.
pub(super) struct Ranking<'a> {
    /// The figure's kind (`inventors`), which names its id and classes.
    pub kind: &'a str,
    /// Title.
    pub heading: &'a str,
    /// The written description.
    pub desc: &'a str,
    /// What the bars' axis counts.
    pub axis: &'a str,
    /// The table's two column heads: the name and the count.
    pub head: [&'a str; 2],
    /// Names and counts drawn as bars, the most first.
    pub drawn: &'a [(String, u64)],
    /// Names and counts in the table: the drawn ones, or every one.
    pub listed: &'a [(String, u64)],
}

/// The figure of `ranking`: its bars, its table and its description.
pub(super) fn ranking_figure(ranking: &Ranking, strings: &Strings) -> String {
    let bars: Vec<Bar> = ranking
        .drawn
        .iter()
        .map(|(name, count)| Bar {
            label: name.clone(),
            value: *count as f64,
            shown: num(*count, strings),
        })
        .collect();
    let svg = hbars(
        &format!("chart-{}", ranking.kind),
        ranking.heading,
        ranking.desc,
        &bars,
        ranking.axis,
        false,
        strings,
    );
    let rows: Vec<Vec<(String, &str)>> = ranking
        .listed
        .iter()
        .map(|(name, count)| vec![(name.clone(), ""), (num(*count, strings), "num")])
        .collect();
    let caption = strings.get("chart_caption");
    let data = table(caption, &ranking.head, &rows);
    figure(ranking.kind, ranking.heading, &svg, ranking.desc, &data)
}
