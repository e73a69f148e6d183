//! The filings-by-year chart: a bar per year, grants as a line, unpublished years shaded, and
//! the table of every year's figures.

use std::fmt::Write;

use super::parts::{
    self, Mark, WIDTH, add_zero_note, count_scale, figure, incomplete, num, svg_open, table, title,
    unit,
};
use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;
use crate::ip::brief::{BriefData, DateBasis, YearRow};

/// The text of the filings-by-year chart: its title and description.
fn by_year_text(data: &BriefData, strings: &Strings) -> (String, String) {
    let rows = &data.by_year;
    let (first, last) = (&rows[0], &rows[rows.len() - 1]);
    let has_grants = rows.iter().any(|r| r.grants.is_some());
    let peak = rows
        .iter()
        .max_by_key(|r| (r.applications, std::cmp::Reverse(r.year)))
        .expect("not empty");
    let grants = if has_grants {
        strings.get("chart_by_year_desc_grants")
    } else {
        ""
    };
    let mut desc = strings.fill(
        "chart_by_year_desc",
        &[
            ("unit", unit(data, strings)),
            ("first", &first.year.to_string()),
            ("last", &last.year.to_string()),
            ("grants", grants),
            ("peak_year", &peak.year.to_string()),
            ("peak", &num(peak.applications, strings)),
        ],
    );
    if rows.iter().all(|r| r.applications == 0) {
        add_zero_note(&mut desc, strings);
    }
    if let Some(from) = data.meta.incomplete_from.filter(|f| *f <= last.year) {
        desc.push_str(&strings.fill("chart_by_year_incomplete", &[("from", &from.to_string())]));
    }
    (title(data, strings, "chart_by_year_title"), desc)
}

/// The filings-by-year chart, when the data has years.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    if data.by_year.is_empty() {
        return None;
    }
    let (heading, desc) = by_year_text(data, strings);
    let svg = by_year_svg(data, strings, &heading, &desc);
    Some(figure(
        "by_year",
        &heading,
        &svg,
        &desc,
        &by_year_table(data, strings),
    ))
}

/// Bars of filings per year, grants as a line, unpublished years shaded.
fn by_year_svg(data: &BriefData, strings: &Strings, heading: &str, desc: &str) -> String {
    let rows = &data.by_year;
    let x_title = strings.get(match data.meta.date_basis {
        DateBasis::Application => "chart_year_application",
        DateBasis::Priority => "chart_year_priority",
        DateBasis::Publication => "chart_year_publication",
    });
    let has_grants = rows.iter().any(|r| r.grants.is_some());
    let (left, right, top, bottom) = (64.0, 16.0, 36.0, 56.0);
    let height = 320.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let (max, step) = count_scale(rows.iter().map(|r| r.applications).max().unwrap_or(0) as f64);
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let slot = plot_w / rows.len() as f64;
    let mut svg = String::new();
    svg_open(&mut svg, "chart-by_year", height, heading, desc);
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d8dfe8\"/><text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#566272\">{}</text>",
            WIDTH - right,
            y(tick),
            y(tick),
            left - 6.0,
            y(tick),
            esc(&num(tick as u64, strings))
        );
        tick += step;
    }
    let label_every = rows.len().div_ceil(12);
    for (i, row) in rows.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let top_y = y(row.applications as f64);
        let late = incomplete(data, row.year);
        let (class, fill) = if late {
            ("bar bar-incomplete", "#9fb8d3")
        } else {
            ("bar", "#0b4a85")
        };
        let _ = write!(
            svg,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{top_y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{}: {}</title></rect>",
            slot * 0.7,
            top + plot_h - top_y,
            row.year,
            esc(&num(row.applications, strings))
        );
        if i % label_every == 0 {
            let _ = write!(
                svg,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#566272\">{}{}</text>",
                x + slot * 0.35,
                top + plot_h + 18.0,
                row.year,
                if late { "*" } else { "" }
            );
        }
    }
    if has_grants {
        grants_line(&mut svg, rows, |i| left + slot * (i as f64 + 0.5), y);
    }
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#566272\"/>",
        WIDTH - right,
        top + plot_h,
        top + plot_h
    );
    let _ = write!(
        svg,
        "<text class=\"axis-title\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#374353\">{}</text><text class=\"axis-title\" x=\"14\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {:.1})\" fill=\"#374353\">{}</text>",
        left + plot_w / 2.0,
        height - 10.0,
        esc(x_title),
        top + plot_h / 2.0,
        top + plot_h / 2.0,
        esc(unit(data, strings))
    );
    let last = rows[rows.len() - 1].year;
    legend(
        &mut svg,
        strings,
        has_grants,
        data.meta.incomplete_from.is_some_and(|f| f <= last),
        left,
    );
    svg.push_str("</svg>");
    svg
}

/// The grants of each year as a line with a dot per year, at `x(index)`, `y(count)`.
fn grants_line(
    svg: &mut String,
    rows: &[YearRow],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) {
    let points: Vec<String> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.grants.map(|g| format!("{:.1},{:.1}", x(i), y(g as f64))))
        .collect();
    let _ = write!(
        svg,
        "<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"#c99a1e\" stroke-width=\"2.5\"/>",
        points.join(" ")
    );
    for p in &points {
        let (cx, cy) = p.split_once(',').expect("formatted above");
        let _ = write!(
            svg,
            "<circle class=\"dot\" cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\" fill=\"#c99a1e\"/>"
        );
    }
}

/// The table beside the filings-by-year chart, with the optional columns some year has.
fn by_year_table(data: &BriefData, strings: &Strings) -> String {
    let rows = &data.by_year;
    // Optional columns, shown when any year has them: (header key, value of a row).
    type Column = (&'static str, fn(&YearRow) -> Option<u64>);
    let columns: [Column; 3] = [
        ("chart_granted", |r| r.grants),
        ("chart_inventions", |r| r.invention),
        ("chart_utility_models", |r| r.utility_model),
    ];
    let optional: Vec<Column> = columns
        .into_iter()
        .filter(|(_, get)| rows.iter().any(|r| get(r).is_some()))
        .collect();
    let mut head = vec![strings.get("chart_year"), unit(data, strings)];
    head.extend(optional.iter().map(|(key, _)| strings.get(key)));
    let table_rows: Vec<Vec<(String, &str)>> = rows
        .iter()
        .map(|r| {
            let mark = if incomplete(data, r.year) { "*" } else { "" };
            let mut cells = vec![
                (format!("{}{mark}", r.year), ""),
                (num(r.applications, strings), "num"),
            ];
            for (_, get) in &optional {
                let value = get(r).map_or_else(|| "—".into(), |v| num(v, strings));
                cells.push((value, "num"));
            }
            cells
        })
        .collect();
    // The caption explains the `*` only when a year has one.
    let caption = if rows.iter().any(|r| incomplete(data, r.year)) {
        "chart_by_year_caption"
    } else {
        "chart_caption"
    };
    table(strings.get(caption), &head, &table_rows)
}

/// The legend of the filings-by-year chart: the bars, and the grants line and the shading of
/// unpublished years when the chart has them.
fn legend(svg: &mut String, strings: &Strings, grants: bool, incomplete: bool, left: f64) {
    let mut items = vec![(Mark::Bar, strings.get("chart_legend_filed"))];
    if grants {
        items.push((Mark::Line, strings.get("chart_granted")));
    }
    if incomplete {
        items.push((Mark::Shade, strings.get("chart_legend_unpublished")));
    }
    parts::legend(svg, &items, left);
}
