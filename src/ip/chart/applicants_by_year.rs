//! The top applicants' filings per year as a heat table: one row per applicant, one column per
//! year, each cell shaded by its count (drawn as SVG, with the numbers in the table beside it).

use std::fmt::Write;

use super::parts::{
    LABEL_ROOM, WIDTH, figure, fraction, incomplete, num, row_label, svg_open, table, text_width,
    title, unit,
};
use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;
use crate::ip::brief::{ApplicantsByYear, BriefData};

/// The heat table, when the data has applicants' filings per year.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    let table_data = data.applicants_by_year.as_ref()?;
    let (years, rows) = (&table_data.years, &table_data.rows);
    let (first, last) = (years.first()?, years.last()?);
    rows.first()?;
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
    let svg = heat_svg(data, table_data, max, strings, &heading, &desc);
    Some(figure(
        "applicants_by_year",
        &heading,
        &svg,
        &desc,
        &heat_table(data, table_data, strings),
    ))
}

/// The drawing: years along the top, applicants down the left, a cell per count shaded by its
/// share of `max`.
fn heat_svg(
    data: &BriefData,
    table_data: &ApplicantsByYear,
    max: u64,
    strings: &Strings,
    heading: &str,
    desc: &str,
) -> String {
    let (years, rows) = (&table_data.years, &table_data.rows);
    let lang = strings.lang();
    let label_w = rows
        .iter()
        .map(|(a, _)| text_width(a.name(lang)))
        .fold(60.0, f64::max)
        .min(LABEL_ROOM)
        + 12.0;
    let (top, row_h, bottom) = (28.0, 26.0, 12.0);
    let cell_w = (WIDTH - label_w - 8.0) / years.len() as f64;
    let height = top + row_h * rows.len() as f64 + bottom;
    let mut svg = String::new();
    svg_open(&mut svg, "chart-applicants_by_year", height, heading, desc);
    for (j, year) in years.iter().enumerate() {
        let star = if incomplete(data, *year) { "*" } else { "" };
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"18\" text-anchor=\"middle\" fill=\"#566272\">{year}{star}</text>",
            label_w + cell_w * (j as f64 + 0.5)
        );
    }
    for (i, (applicant, counts)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let name = applicant.name(lang);
        row_label(
            &mut svg,
            label_w - 8.0,
            y + row_h / 2.0,
            name,
            label_w - 12.0,
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
    svg
}

/// The table beside the drawing: a row per applicant, a column per year.
fn heat_table(data: &BriefData, table_data: &ApplicantsByYear, strings: &Strings) -> String {
    let lang = strings.lang();
    let year_heads: Vec<String> = table_data
        .years
        .iter()
        .map(|y| format!("{y}{}", if incomplete(data, *y) { "*" } else { "" }))
        .collect();
    let mut head = vec![strings.get("chart_applicant")];
    head.extend(year_heads.iter().map(String::as_str));
    let table_rows: Vec<Vec<(String, &str)>> = table_data
        .rows
        .iter()
        .map(|(applicant, counts)| {
            let mut cells = vec![(applicant.name(lang).to_string(), "")];
            cells.extend(counts.iter().map(|c| (num(*c, strings), "num")));
            cells
        })
        .collect();
    table(strings.get("chart_by_year_caption"), &head, &table_rows)
}
