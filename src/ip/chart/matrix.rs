//! The technology–effect matrix (技术功效矩阵): technical branches as rows, effects as columns,
//! in each cell a bubble whose area and number are the records in both; an empty cell is left
//! empty, a gap. The table adds a row and a column for the records no rule assigned.

use std::fmt::Write;

use super::parts::{WIDTH, figure, fit, num, row_label, svg_open, table, text_width, title};
use crate::base::i18n::Strings;
use crate::base::text::escape_xml as esc;
use crate::ip::brief::{BriefData, Matrix};

/// The most room the branch names take, in SVG units.
const BRANCH_ROOM: f64 = 170.0;
/// Height of a row of cells.
const ROW_H: f64 = 44.0;
/// A bubble at least this wide holds its number; a smaller one has it beside.
const NUMBER_INSIDE: f64 = 11.0;

/// The matrix chart, when the brief has rules.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    let m = data.matrix.as_ref()?;
    let name = |n: &(String, Option<String>)| {
        if strings.lang().starts_with("zh") {
            n.0.clone()
        } else {
            n.1.clone().unwrap_or_else(|| n.0.clone())
        }
    };
    let branches: Vec<String> = m.branches.iter().map(name).collect();
    let effects: Vec<String> = m.effects.iter().map(name).collect();
    let heading = title(data, strings, "chart_matrix_title");
    let desc = description(m, strings, &branches, &effects);
    let svg = svg(m, strings, &branches, &effects, &heading, &desc);
    let mut head: Vec<&str> = vec![strings.get("chart_matrix_corner")];
    head.extend(effects.iter().map(String::as_str));
    head.push(strings.get("chart_matrix_no_effect"));
    let mut names = branches.clone();
    names.push(strings.get("chart_matrix_no_branch").to_string());
    let rows: Vec<Vec<(String, &str)>> = names
        .into_iter()
        .zip(&m.cells)
        .map(|(name, counts)| {
            let mut row = vec![(name, "")];
            row.extend(counts.iter().map(|c| (num(*c, strings), "num")));
            row
        })
        .collect();
    Some(figure(
        "matrix",
        &heading,
        &svg,
        &desc,
        &table(strings.get("chart_caption"), &head, &rows),
    ))
}

fn description(m: &Matrix, strings: &Strings, branches: &[String], effects: &[String]) -> String {
    let (b, e) = (branches.len(), effects.len());
    let mut densest = (0, 0, 0);
    let mut gaps = 0;
    for (i, row) in m.cells.iter().take(b).enumerate() {
        for (j, n) in row.iter().take(e).enumerate() {
            if *n > densest.2 {
                densest = (i, j, *n);
            }
            gaps += usize::from(*n == 0);
        }
    }
    let mut desc = strings.fill(
        "chart_matrix_desc",
        &[
            ("records", &num(m.records, strings)),
            ("branches", &b.to_string()),
            ("effects", &e.to_string()),
            ("gaps", &gaps.to_string()),
        ],
    );
    if densest.2 > 0 {
        desc.push_str(&strings.fill(
            "chart_matrix_densest",
            &[
                ("branch", &branches[densest.0]),
                ("effect", &effects[densest.1]),
                ("value", &num(densest.2, strings)),
            ],
        ));
    }
    let no_branch: u64 = m.cells[b].iter().sum();
    let no_effect: u64 = m.cells.iter().map(|row| row[e]).sum();
    if no_branch + no_effect > 0 {
        desc.push_str(&strings.fill(
            "chart_matrix_unassigned",
            &[
                ("no_branch", &num(no_branch, strings)),
                ("no_effect", &num(no_effect, strings)),
            ],
        ));
    }
    desc
}

/// The grid of cells, the branch names on the left, the effect names on top (slanted when they
/// do not fit across a column), a bubble in every cell with records.
fn svg(
    m: &Matrix,
    strings: &Strings,
    branches: &[String],
    effects: &[String],
    heading: &str,
    desc: &str,
) -> String {
    let label_w = branches
        .iter()
        .map(|b| text_width(b))
        .fold(40.0, f64::max)
        .min(BRANCH_ROOM)
        + 12.0;
    let col_w = ((WIDTH - label_w - 8.0) / effects.len() as f64).min(110.0);
    let widest = effects.iter().map(|e| text_width(e)).fold(0.0, f64::max);
    let slanted = widest > col_w - 6.0;
    let top = if slanted {
        24.0 + widest.min(140.0) * 0.65
    } else {
        28.0
    };
    let height = top + ROW_H * branches.len() as f64 + 12.0;
    let mut svg = String::new();
    svg_open(&mut svg, "chart-matrix", height, heading, desc);
    for (j, effect) in effects.iter().enumerate() {
        let cx = label_w + col_w * (j as f64 + 0.5);
        let shown = fit(effect, if slanted { 140.0 } else { col_w - 6.0 });
        let place = if slanted {
            format!(
                "x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"start\" transform=\"rotate(-40 {cx:.1} {:.1})\"",
                top - 8.0,
                top - 8.0
            )
        } else {
            format!(
                "x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\"",
                top - 10.0
            )
        };
        let _ = write!(
            svg,
            "<text class=\"label\" {place} fill=\"#1b2430\"><title>{}</title>{}</text>",
            esc(effect),
            esc(&shown)
        );
    }
    let largest = m
        .cells
        .iter()
        .take(branches.len())
        .flat_map(|r| r.iter().take(effects.len()))
        .copied()
        .max()
        .unwrap_or(0);
    let r_max = (col_w.min(ROW_H) / 2.0 - 3.0).max(4.0);
    for (i, branch) in branches.iter().enumerate() {
        let y = top + ROW_H * i as f64;
        row_label(
            &mut svg,
            label_w - 8.0,
            y + ROW_H / 2.0,
            branch,
            label_w - 12.0,
        );
        for (j, effect) in effects.iter().enumerate() {
            let x = label_w + col_w * j as f64;
            let _ = write!(
                svg,
                "<rect class=\"matrix-cell\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{col_w:.1}\" height=\"{ROW_H}\" fill=\"none\" stroke=\"#d8dfe8\"/>"
            );
            let n = m.cells[i][j];
            if n == 0 {
                continue;
            }
            let r = (r_max * (n as f64 / largest as f64).sqrt()).max(3.0);
            let (cx, cy) = (x + col_w / 2.0, y + ROW_H / 2.0);
            let _ = write!(
                svg,
                "<circle class=\"bubble\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\" fill=\"#8fcfc6\" stroke=\"#0c6a63\"><title>{} × {}: {}</title></circle>",
                esc(branch),
                esc(effect),
                esc(&num(n, strings))
            );
            let shown = esc(&num(n, strings));
            let _ = if r >= NUMBER_INSIDE {
                write!(
                    svg,
                    "<text class=\"bubble-value\" x=\"{cx:.1}\" y=\"{cy:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"#0b1a2b\">{shown}</text>"
                )
            } else {
                write!(
                    svg,
                    "<text class=\"value\" x=\"{:.1}\" y=\"{cy:.1}\" dominant-baseline=\"central\" fill=\"#374353\">{shown}</text>",
                    cx + r + 3.0
                )
            };
        }
    }
    svg.push_str("</svg>");
    svg
}
