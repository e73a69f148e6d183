//! The technology life cycle chart (技术生命周期图): each year a point at (filings, distinct
//! applicants), the points joined in year order with arrows towards later years, each labelled
//! by its year; years not yet all published marked `*` and drawn hollow.

use std::fmt::Write;

use super::parts::{
    WIDTH, count_scale, figure, incomplete, num, svg_open, table, text_width, title, unit,
};
use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;
use crate::ip::brief::BriefData;

/// The font size of the year labels, in SVG units.
const LABEL_FONT: f64 = 12.0;

/// One year: its label, filings and applicants.
struct Point {
    year: i32,
    label: String,
    filings: u64,
    applicants: u64,
}

/// The life cycle chart, when an export gave the applicants of each year.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    if data.by_year.len() < 2 || data.applicants_per_year.len() != data.by_year.len() {
        return None;
    }
    let points: Vec<Point> = data
        .by_year
        .iter()
        .zip(&data.applicants_per_year)
        .map(|(row, applicants)| Point {
            year: row.year,
            label: format!(
                "{}{}",
                row.year,
                if incomplete(data, row.year) { "*" } else { "" }
            ),
            filings: row.applications,
            applicants: *applicants,
        })
        .collect();
    let heading = title(data, strings, "chart_life_cycle_title");
    let desc = description(data, strings, &points);
    let svg = svg(strings, &points, &heading, &desc, unit(data, strings));
    let rows: Vec<Vec<(String, &str)>> = points
        .iter()
        .map(|p| {
            vec![
                (p.label.clone(), ""),
                (num(p.filings, strings), "num"),
                (num(p.applicants, strings), "num"),
            ]
        })
        .collect();
    let head = [
        strings.get("chart_year"),
        unit(data, strings),
        strings.get("chart_life_cycle_applicants"),
    ];
    let caption = if points.iter().any(|p| incomplete(data, p.year)) {
        "chart_by_year_caption"
    } else {
        "chart_caption"
    };
    Some(figure(
        "life_cycle",
        &heading,
        &svg,
        &desc,
        &table(strings.get(caption), &head, &rows),
    ))
}

fn description(data: &BriefData, strings: &Strings, points: &[Point]) -> String {
    let unit = unit(data, strings);
    let peak = points
        .iter()
        .max_by_key(|p| (p.applicants, std::cmp::Reverse(p.year)))
        .expect("two years or more");
    let mut desc = strings.fill(
        "chart_life_cycle_desc",
        &[
            ("first", &points[0].year.to_string()),
            ("last", &points[points.len() - 1].year.to_string()),
            ("unit", unit),
            ("unit_lowercase", &unit.to_lowercase()),
            ("peak_year", &peak.year.to_string()),
            ("peak", &num(peak.applicants, strings)),
        ],
    );
    let last = points[points.len() - 1].year;
    if let Some(from) = data.meta.incomplete_from.filter(|f| *f <= last) {
        desc.push_str(&strings.fill("chart_by_year_incomplete", &[("from", &from.to_string())]));
    }
    desc
}

/// The connected scatter: grid and ticks on both axes, the path, the points and their years.
fn svg(strings: &Strings, points: &[Point], heading: &str, desc: &str, unit: &str) -> String {
    let (left, right, top, bottom) = (64.0, 28.0, 20.0, 48.0);
    let height = 380.0;
    let (plot_w, plot_h) = (WIDTH - left - right, height - top - bottom);
    let (x_max, x_step) = count_scale(points.iter().map(|p| p.filings).max().unwrap_or(0) as f64);
    let (y_max, y_step) =
        count_scale(points.iter().map(|p| p.applicants).max().unwrap_or(0) as f64);
    let x = |v: u64| left + v as f64 / x_max * plot_w;
    let y = |v: u64| top + plot_h - v as f64 / y_max * plot_h;
    let mut svg = String::new();
    svg_open(&mut svg, "chart-life_cycle", height, heading, desc);
    svg.push_str("<defs><marker id=\"life-cycle-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path class=\"arrow\" d=\"M0,0L10,5L0,10z\" fill=\"#0b4a85\"/></marker></defs>");
    ticks(&mut svg, strings, (x_max, x_step), |v| {
        format!(
            "<line class=\"grid\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{top}\" y2=\"{1:.1}\" stroke=\"#d8dfe8\"/><text class=\"tick\" x=\"{0:.1}\" y=\"{2:.1}\" text-anchor=\"middle\" fill=\"#566272\">",
            x(v),
            top + plot_h,
            top + plot_h + 16.0
        )
    });
    ticks(&mut svg, strings, (y_max, y_step), |v| {
        format!(
            "<line class=\"grid\" x1=\"{left}\" x2=\"{0:.1}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#d8dfe8\"/><text class=\"tick\" x=\"{2:.1}\" y=\"{1:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#566272\">",
            WIDTH - right,
            y(v),
            left - 6.0
        )
    });
    let at: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (x(p.filings), y(p.applicants)))
        .collect();
    path(&mut svg, &at);
    for (p, (cx, cy)) in points.iter().zip(&at) {
        let hollow = p.label.ends_with('*');
        let (class, fill) = if hollow {
            ("dot dot-incomplete", "#ffffff")
        } else {
            ("dot", "#0b4a85")
        };
        let _ = write!(
            svg,
            "<circle class=\"{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4.5\" fill=\"{fill}\" stroke=\"#0b4a85\" stroke-width=\"1.5\"><title>{}: {} {}, {} {}</title></circle>",
            esc(&p.label),
            esc(&num(p.filings, strings)),
            esc(unit),
            esc(&num(p.applicants, strings)),
            esc(strings.get("chart_life_cycle_applicants"))
        );
    }
    labels(&mut svg, points, &at);
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#566272\"/><line class=\"axis\" x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{1:.1}\" stroke=\"#566272\"/>",
        WIDTH - right,
        top + plot_h
    );
    let _ = write!(
        svg,
        "<text class=\"axis-title\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#374353\">{}</text><text class=\"axis-title\" x=\"14\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {:.1})\" fill=\"#374353\">{}</text></svg>",
        left + plot_w / 2.0,
        height - 8.0,
        esc(unit),
        top + plot_h / 2.0,
        top + plot_h / 2.0,
        esc(strings.get("chart_life_cycle_applicants"))
    );
    svg
}

/// Grid lines and tick numbers along one axis: `open(value)` writes a line and opens the text.
fn ticks(
    svg: &mut String,
    strings: &Strings,
    (max, step): (f64, f64),
    open: impl Fn(u64) -> String,
) {
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let _ = write!(
            svg,
            "{}{}</text>",
            open(tick as u64),
            esc(&num(tick as u64, strings))
        );
        tick += step;
    }
}

/// The segments from each year to the next, fading in towards the last year, with arrows.
fn path(svg: &mut String, at: &[(f64, f64)]) {
    let n = at.len().saturating_sub(1).max(1) as f64;
    for (i, pair) in at.windows(2).enumerate() {
        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
        let length = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt();
        // The arrow stops at the next point's edge; a segment too short for one has none.
        let marker = if length > 14.0 {
            " marker-end=\"url(#life-cycle-arrow)\""
        } else {
            ""
        };
        let shorten = if length > 14.0 { 5.5 / length } else { 0.0 };
        let _ = write!(
            svg,
            "<line class=\"path\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#0b4a85\" stroke-width=\"1.75\" stroke-opacity=\"{:.2}\"{marker}/>",
            x2 - (x2 - x1) * shorten,
            y2 - (y2 - y1) * shorten,
            0.35 + 0.65 * (i + 1) as f64 / n
        );
    }
}

/// Each year's label beside its point, where it overlaps no label placed before it: the last
/// and first years first, then the others in order (the table lists every year).
fn labels(svg: &mut String, points: &[Point], at: &[(f64, f64)]) {
    let mut order: Vec<usize> = vec![points.len() - 1, 0];
    order.extend(1..points.len() - 1);
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for i in order {
        let (cx, cy) = at[i];
        let w = text_width(&points[i].label) * LABEL_FONT / 13.0;
        let h = LABEL_FONT;
        let spots = [
            (cx + 7.0, cy - 7.0 - h),
            (cx - 7.0 - w, cy - 7.0 - h),
            (cx + 7.0, cy + 7.0),
            (cx - 7.0 - w, cy + 7.0),
        ];
        let free = spots.into_iter().find(|(x, y)| {
            *x >= 0.0
                && x + w <= WIDTH
                && *y >= 0.0
                && placed.iter().all(|(px, py, pw, ph)| {
                    x + w <= *px || *x >= px + pw || y + h <= *py || *y >= py + ph
                })
        });
        if let Some((x, y)) = free {
            placed.push((x, y, w, h));
            let _ = write!(
                svg,
                "<text class=\"label\" x=\"{x:.1}\" y=\"{:.1}\" font-size=\"{LABEL_FONT}\" fill=\"#1b2430\">{}</text>",
                y + h - 2.0,
                esc(&points[i].label)
            );
        }
    }
}
