//! [`BriefData`] → accessible SVG charts, drawn at build time with no JavaScript: filings by
//! year (bars, grants as a line, unpublished years shaded), top applicants and the shares of IPC
//! subclasses and legal statuses (horizontal bars). Each chart is a `<figure>` with a title, an
//! SVG (`role="img"`, `<title>`, `<desc>`, axis labels), a text description and the data table,
//! all in the page's language: every word comes from the theme's strings (`chart_*` keys).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

use super::brief::{BriefData, DateBasis, Status, Unit, YearRow};
use super::ipc;
use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;

/// The charts a brief can have, in the order templates show them.
pub const KINDS: [&str; 5] = [
    "by_year",
    "applicants",
    "applicants_by_year",
    "ipc",
    "legal_status",
];

/// The strings the charts use: every theme must have them in each language.
pub const STRING_KEYS: &[&str] = &[
    "number_thousands_separator",
    "chart_zero_note",
    "chart_unit_families",
    "chart_unit_applications",
    "chart_unit_publications",
    "chart_illustrative",
    "chart_caption",
    "chart_share",
    "chart_by_year_title",
    "chart_by_year_desc",
    "chart_by_year_desc_grants",
    "chart_by_year_incomplete",
    "chart_by_year_caption",
    "chart_year_application",
    "chart_year_priority",
    "chart_year_publication",
    "chart_year",
    "chart_granted",
    "chart_inventions",
    "chart_utility_models",
    "chart_legend_filed",
    "chart_legend_unpublished",
    "chart_applicants_title",
    "chart_applicants_desc",
    "chart_applicant",
    "chart_applicants_by_year_title",
    "chart_applicants_by_year_desc",
    "chart_ipc_title",
    "chart_ipc_desc",
    "chart_ipc_axis",
    "chart_ipc_caption",
    "chart_ipc_code",
    "chart_ipc_count",
    "chart_ipc_other",
    "chart_legal_title",
    "chart_legal_desc",
    "chart_legal_status",
    "legal_status_active",
    "legal_status_pending",
    "legal_status_lapsed",
    "legal_status_expired",
    "legal_status_withdrawn",
    "legal_status_rejected",
    "legal_status_invalidated",
    "legal_status_unknown",
];

const WIDTH: f64 = 640.0;
const TOP_APPLICANTS: usize = 10;

/// Every chart the data allows, as HTML by kind, in the language of `strings`.
pub fn render_all(data: &BriefData, strings: &Strings) -> BTreeMap<String, String> {
    let mut charts = BTreeMap::new();
    let mut add = |kind: &str, html: Option<String>| {
        if let Some(html) = html {
            charts.insert(kind.to_string(), html);
        }
    };
    add("by_year", by_year(data, strings));
    add("applicants", applicants(data, strings));
    add("applicants_by_year", applicants_by_year(data, strings));
    add("ipc", ipc_shares(data, strings));
    add("legal_status", legal_status(data, strings));
    charts
}

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
fn num(n: u64, strings: &Strings) -> String {
    number(n, strings.get("number_thousands_separator"))
}

/// `count` as a share of `total`; 0 when the total is (all counts are zero, no `NaN`).
fn fraction(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// Added to a chart's description when every count in it is zero: its bars are all empty.
fn add_zero_note(desc: &mut String, strings: &Strings) {
    desc.push_str(strings.get("chart_zero_note"));
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn unit<'a>(data: &BriefData, strings: &Strings<'a>) -> &'a str {
    strings.get(match data.meta.unit {
        Unit::Families => "chart_unit_families",
        Unit::Applications => "chart_unit_applications",
        Unit::Publications => "chart_unit_publications",
    })
}

/// The key of a legal status's label.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Active => "legal_status_active",
        Status::Pending => "legal_status_pending",
        Status::Lapsed => "legal_status_lapsed",
        Status::Expired => "legal_status_expired",
        Status::Withdrawn => "legal_status_withdrawn",
        Status::Rejected => "legal_status_rejected",
        Status::Invalidated => "legal_status_invalidated",
        Status::Unknown => "legal_status_unknown",
    }
}

/// A chart's title (string `key`), marked when the data is illustrative.
fn title(data: &BriefData, strings: &Strings, key: &str) -> String {
    let text = strings.get(key);
    if data.meta.illustrative {
        strings.fill("chart_illustrative", &[("title", text)])
    } else {
        text.to_string()
    }
}

/// A round axis maximum at or above `max`, and its tick step (five ticks or fewer).
fn scale(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 1.0);
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| s * 5.0 >= max)
        .unwrap_or(10.0 * magnitude);
    ((max / step).ceil() * step, step)
}

/// Rough width of a label at 13px: CJK characters are square, Latin ones about half as wide.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if crate::base::text::is_cjk(c) || !c.is_ascii() {
                13.0
            } else {
                7.0
            }
        })
        .sum()
}

fn svg_open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"13\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// The figure around a chart: title, graphic, description and the table beside it.
fn figure(kind: &str, title: &str, svg: &str, desc: &str, table: &str) -> String {
    format!(
        "<figure class=\"chart chart-{kind}\" id=\"chart-{kind}\"><figcaption class=\"chart-title\">{}</figcaption><div class=\"chart-body\"><div class=\"chart-graphic\">{svg}</div><div class=\"chart-data\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{table}</div></div><p class=\"chart-desc\">{}</p></figure>\n",
        esc(title),
        esc(title),
        esc(desc)
    )
}

fn table(caption: &str, head: &[&str], rows: &[Vec<(String, &str)>]) -> String {
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

fn by_year(data: &BriefData, strings: &Strings) -> Option<String> {
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

/// Whether the filings of `year` are not all published yet.
fn incomplete(data: &BriefData, year: i32) -> bool {
    data.meta.incomplete_from.is_some_and(|from| year >= from)
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
    let (max, step) = scale(rows.iter().map(|r| r.applications).max().unwrap_or(0) as f64);
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
    table(strings.get("chart_by_year_caption"), &head, &table_rows)
}

fn legend(svg: &mut String, strings: &Strings, grants: bool, incomplete: bool, left: f64) {
    let mut items = vec![("bar", strings.get("chart_legend_filed"))];
    if grants {
        items.push(("line", strings.get("chart_granted")));
    }
    if incomplete {
        items.push(("shade", strings.get("chart_legend_unpublished")));
    }
    let mut x = left;
    for (mark, label) in items {
        let _ = match mark {
            "line" => write!(
                svg,
                "<line x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"14\" y2=\"14\" stroke=\"#c99a1e\" stroke-width=\"2.5\"/>",
                x + 12.0
            ),
            "shade" => write!(
                svg,
                "<rect class=\"bar-incomplete\" x=\"{x:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#9fb8d3\"/>"
            ),
            _ => write!(
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

/// One bar of a horizontal bar chart: label, value, the value as shown.
struct Bar {
    label: String,
    value: f64,
    shown: String,
}

/// A horizontal bar chart: labels on the left, bars, the value at each bar's end.
fn hbars(
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
        .min(280.0)
        + 12.0;
    let (top, row_h, bottom, right) = (12.0, 28.0, 48.0, 64.0);
    let height = top + row_h * bars.len() as f64 + bottom;
    let plot_w = WIDTH - label_w - right;
    let (max, step) = scale(bars.iter().map(|b| b.value).fold(0.0, f64::max));
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
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#1b2430\">{}</text><rect class=\"bar\" x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#0c6a63\"><title>{}: {}</title></rect><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"middle\" fill=\"#374353\">{}</text>",
            label_w - 8.0,
            y + row_h / 2.0,
            esc(&bar.label),
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

fn applicants(data: &BriefData, strings: &Strings) -> Option<String> {
    if data.applicants.is_empty() {
        return None;
    }
    // Names are data in Chinese and English: another language shows the English one.
    let lang = strings.lang();
    let mut list: Vec<_> = data.applicants.iter().collect();
    list.sort_by_key(|a| std::cmp::Reverse(a.count));
    list.truncate(TOP_APPLICANTS);
    let unit = unit(data, strings);
    let heading = title(data, strings, "chart_applicants_title");
    let mut desc = strings.fill(
        "chart_applicants_desc",
        &[
            ("count", &list.len().to_string()),
            ("unit", unit),
            ("unit_lowercase", &unit.to_lowercase()),
            ("name", list[0].name(lang)),
            ("value", &num(list[0].count, strings)),
        ],
    );
    if list[0].count == 0 {
        add_zero_note(&mut desc, strings);
    }
    let bars: Vec<Bar> = list
        .iter()
        .map(|a| Bar {
            label: a.name(lang).to_string(),
            value: a.count as f64,
            shown: num(a.count, strings),
        })
        .collect();
    let svg = hbars(
        "chart-applicants",
        &heading,
        &desc,
        &bars,
        unit,
        false,
        strings,
    );
    let rows: Vec<Vec<(String, &str)>> = list
        .iter()
        .map(|a| {
            vec![
                (a.name(lang).to_string(), ""),
                (num(a.count, strings), "num"),
            ]
        })
        .collect();
    let head = [strings.get("chart_applicant"), unit];
    Some(figure(
        "applicants",
        &heading,
        &svg,
        &desc,
        &table(strings.get("chart_caption"), &head, &rows),
    ))
}

/// The top applicants' filings per year as a heat table: one row per applicant, one column per
/// year, each cell shaded by its count (drawn as SVG, with the numbers in the table beside it).
fn applicants_by_year(data: &BriefData, strings: &Strings) -> Option<String> {
    let table_data = data.applicants_by_year.as_ref()?;
    let (years, rows) = (&table_data.years, &table_data.rows);
    let (first, last) = (years.first()?, years.last()?);
    rows.first()?;
    let lang = strings.lang();
    let unit = unit(data, strings);
    let heading = title(data, strings, "chart_applicants_by_year_title");
    let max = rows
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(0);
    let desc = strings.fill(
        "chart_applicants_by_year_desc",
        &[
            ("unit", unit),
            ("count", &rows.len().to_string()),
            ("first", &first.to_string()),
            ("last", &last.to_string()),
            ("max", &num(max, strings)),
        ],
    );
    let incomplete = |year: i32| data.meta.incomplete_from.is_some_and(|from| year >= from);
    let label_w = rows
        .iter()
        .map(|(a, _)| text_width(a.name(lang)))
        .fold(60.0, f64::max)
        .min(240.0)
        + 12.0;
    let (top, row_h, bottom) = (28.0, 26.0, 12.0);
    let cell_w = (WIDTH - label_w - 8.0) / years.len() as f64;
    let height = top + row_h * rows.len() as f64 + bottom;
    let mut svg = String::new();
    svg_open(
        &mut svg,
        "chart-applicants_by_year",
        height,
        &heading,
        &desc,
    );
    for (j, year) in years.iter().enumerate() {
        let star = if incomplete(*year) { "*" } else { "" };
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"18\" text-anchor=\"middle\" fill=\"#566272\">{year}{star}</text>",
            label_w + cell_w * (j as f64 + 0.5)
        );
    }
    for (i, (applicant, counts)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let name = applicant.name(lang);
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#1b2430\">{}</text>",
            label_w - 8.0,
            y + row_h / 2.0,
            esc(name)
        );
        for (j, count) in counts.iter().enumerate() {
            let shade = 0.08 + 0.92 * fraction(*count, max);
            // White on the dark cells, dark on the light ones: at least 3.9:1 either way.
            let ink = if shade > 0.75 { "#ffffff" } else { "#1b2430" };
            let x = label_w + cell_w * j as f64;
            let _ = write!(
                svg,
                "<rect class=\"cell\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#08524c\" fill-opacity=\"{shade:.2}\"><title>{}, {}: {}</title></rect><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"middle\" fill=\"{ink}\">{}</text>",
                y + 1.0,
                cell_w - 2.0,
                row_h - 2.0,
                esc(name),
                years[j],
                num(*count, strings),
                x + cell_w / 2.0,
                y + row_h / 2.0,
                num(*count, strings)
            );
        }
    }
    svg.push_str("</svg>");
    let year_heads: Vec<String> = years
        .iter()
        .map(|y| format!("{y}{}", if incomplete(*y) { "*" } else { "" }))
        .collect();
    let mut head = vec![strings.get("chart_applicant")];
    head.extend(year_heads.iter().map(String::as_str));
    let table_rows: Vec<Vec<(String, &str)>> = rows
        .iter()
        .map(|(applicant, counts)| {
            let mut cells = vec![(applicant.name(lang).to_string(), "")];
            cells.extend(counts.iter().map(|c| (num(*c, strings), "num")));
            cells
        })
        .collect();
    Some(figure(
        "applicants_by_year",
        &heading,
        &svg,
        &desc,
        &table(strings.get("chart_by_year_caption"), &head, &table_rows),
    ))
}

/// An IPC subclass with the total of its codes and their range in the sorted codes.
type Subclass = (String, u64, Range<usize>);

/// The valid codes of the data in scheme order, and their subclasses.
fn ipc_subclasses(data: &BriefData) -> (Vec<(ipc::IpcCode, u64)>, Vec<Subclass>) {
    let mut codes: Vec<(ipc::IpcCode, u64)> = data
        .ipc
        .iter()
        .filter_map(|r| ipc::parse(&r.code).map(|c| (c, r.count)))
        .collect();
    codes.sort();
    // Sorted, each subclass's codes are next to each other.
    let mut subclasses: Vec<Subclass> = Vec::new();
    for (i, (code, count)) in codes.iter().enumerate() {
        match subclasses.last_mut() {
            Some((s, total, range)) if *s == code.subclass => {
                *total = total.saturating_add(*count);
                range.end = i + 1;
            }
            _ => subclasses.push((code.subclass.clone(), *count, i..i + 1)),
        }
    }
    (codes, subclasses)
}

fn ipc_shares(data: &BriefData, strings: &Strings) -> Option<String> {
    let (codes, subclasses) = ipc_subclasses(data);
    if codes.is_empty() && data.ipc_other == 0 {
        return None;
    }
    let total = subclasses
        .iter()
        .fold(data.ipc_other, |t, (_, c, _)| t.saturating_add(*c));
    let share = |c: u64| fraction(c, total);
    let mut ranked = subclasses.clone();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    // Codes of an export that are not IPC codes: one bar and one row, last.
    let other = strings.get("chart_ipc_other");
    if data.ipc_other > 0 {
        ranked.push((other.to_string(), data.ipc_other, 0..0));
    }
    let heading = title(data, strings, "chart_ipc_title");
    let mut desc = strings.fill(
        "chart_ipc_desc",
        &[
            ("count", &ranked.len().to_string()),
            ("largest", &ranked[0].0),
            ("share", &percent(share(ranked[0].1))),
        ],
    );
    if total == 0 {
        add_zero_note(&mut desc, strings);
    }
    let bars: Vec<Bar> = ranked
        .iter()
        .map(|(s, c, _)| Bar {
            label: s.clone(),
            value: share(*c),
            shown: percent(share(*c)),
        })
        .collect();
    let axis = strings.get("chart_ipc_axis");
    let svg = hbars("chart-ipc", &heading, &desc, &bars, axis, true, strings);
    // The table lists each code under its subclass, in scheme order.
    let mut rows: Vec<Vec<(String, &str)>> = Vec::new();
    for (subclass, count, range) in &subclasses {
        rows.push(vec![
            (subclass.clone(), "group"),
            (num(*count, strings), "num group"),
            (percent(share(*count)), "num group"),
        ]);
        for (code, c) in codes[range.clone()]
            .iter()
            .filter(|(code, _)| code.group.is_some())
        {
            rows.push(vec![
                (code.display(), "sub"),
                (num(*c, strings), "num"),
                (percent(share(*c)), "num"),
            ]);
        }
    }
    if data.ipc_other > 0 {
        rows.push(vec![
            (other.to_string(), "group"),
            (num(data.ipc_other, strings), "num group"),
            (percent(share(data.ipc_other)), "num group"),
        ]);
    }
    let head = [
        strings.get("chart_ipc_code"),
        strings.get("chart_ipc_count"),
        strings.get("chart_share"),
    ];
    Some(figure(
        "ipc",
        &heading,
        &svg,
        &desc,
        &table(strings.get("chart_ipc_caption"), &head, &rows),
    ))
}

fn legal_status(data: &BriefData, strings: &Strings) -> Option<String> {
    if data.legal_status.is_empty() {
        return None;
    }
    let label = |status: Status| strings.get(status_key(status));
    let total = data
        .legal_status
        .iter()
        .fold(0u64, |t, r| t.saturating_add(r.count));
    let share = |c: u64| fraction(c, total);
    let heading = title(data, strings, "chart_legal_title");
    let top = data
        .legal_status
        .iter()
        .max_by_key(|r| r.count)
        .expect("not empty");
    let mut desc = strings.fill(
        "chart_legal_desc",
        &[
            ("status", label(top.status)),
            ("status_lowercase", &label(top.status).to_lowercase()),
            ("share", &percent(share(top.count))),
        ],
    );
    if total == 0 {
        add_zero_note(&mut desc, strings);
    }
    let bars: Vec<Bar> = data
        .legal_status
        .iter()
        .map(|r| Bar {
            label: label(r.status).to_string(),
            value: share(r.count),
            shown: percent(share(r.count)),
        })
        .collect();
    let axis = strings.get("chart_share");
    let svg = hbars(
        "chart-legal_status",
        &heading,
        &desc,
        &bars,
        axis,
        true,
        strings,
    );
    let rows: Vec<Vec<(String, &str)>> = data
        .legal_status
        .iter()
        .map(|r| {
            vec![
                (label(r.status).to_string(), ""),
                (num(r.count, strings), "num"),
                (percent(share(r.count)), "num"),
            ]
        })
        .collect();
    let head = [
        strings.get("chart_legal_status"),
        unit(data, strings),
        strings.get("chart_share"),
    ];
    Some(figure(
        "legal_status",
        &heading,
        &svg,
        &desc,
        &table(strings.get("chart_caption"), &head, &rows),
    ))
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
    fn numbers_per_language() {
        assert_eq!(number(1705, ","), "1,705");
        assert_eq!(number(1705, ""), "1705");
        assert_eq!(number(12_345_678, ","), "12,345,678");
        assert_eq!(number(12_345_678, "\u{202f}"), "12\u{202f}345\u{202f}678");
    }
}
