//! [`BriefData`] → accessible SVG charts, drawn at build time with no JavaScript: filings by
//! year (bars, grants as a line, unpublished years shaded), top applicants and the shares of IPC
//! subclasses and legal statuses (horizontal bars). Each chart is a `<figure>` with a title, an
//! SVG (`role="img"`, `<title>`, `<desc>`, axis labels), a text description and the data table,
//! all in the page's language.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

use super::brief::{BriefData, DateBasis, Unit, YearRow};
use super::ipc;
use crate::base::text::escape_xml as esc;

/// The charts a brief can have, in the order templates show them.
pub const KINDS: [&str; 4] = ["by_year", "applicants", "ipc", "legal_status"];

const WIDTH: f64 = 640.0;
const TOP_APPLICANTS: usize = 10;

/// Every chart the data allows, as HTML by kind.
pub fn render_all(data: &BriefData, lang: &str) -> BTreeMap<String, String> {
    let zh = lang.starts_with("zh");
    let mut charts = BTreeMap::new();
    let mut add = |kind: &str, html: Option<String>| {
        if let Some(html) = html {
            charts.insert(kind.to_string(), html);
        }
    };
    add("by_year", by_year(data, zh));
    add("applicants", applicants(data, zh));
    add("ipc", ipc_shares(data, zh));
    add("legal_status", legal_status(data, zh));
    charts
}

/// `1,705` in English, `1705` in Chinese.
pub(crate) fn number(n: u64, zh: bool) -> String {
    let digits = n.to_string();
    if zh || digits.len() <= 3 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
fn zero_note(zh: bool) -> &'static str {
    if zh {
        " 所有计数均为零。"
    } else {
        " All counts are zero."
    }
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn unit(data: &BriefData, zh: bool) -> &'static str {
    match (data.meta.unit, zh) {
        (Unit::Families, true) => "专利族数",
        (Unit::Applications, true) => "申请数",
        (Unit::Publications, true) => "公开数",
        (Unit::Families, false) => "Patent families",
        (Unit::Applications, false) => "Applications",
        (Unit::Publications, false) => "Publications",
    }
}

/// A chart title, marked when the data is illustrative.
fn title(data: &BriefData, zh: bool, text: &str) -> String {
    match (data.meta.illustrative, zh) {
        (true, true) => format!("{text}（示例数据）"),
        (true, false) => format!("{text} (illustrative data)"),
        (false, _) => text.to_string(),
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

fn by_year(data: &BriefData, zh: bool) -> Option<String> {
    let rows = &data.by_year;
    let (first, last) = (rows.first()?, rows.last()?);
    let id = "chart-by_year";
    let unit = unit(data, zh);
    let heading = title(
        data,
        zh,
        if zh {
            "历年专利申请趋势"
        } else {
            "Filings by year"
        },
    );
    let x_title = match (data.meta.date_basis, zh) {
        (DateBasis::Application, true) => "申请年",
        (DateBasis::Priority, true) => "最早优先权年",
        (DateBasis::Publication, true) => "公开年",
        (DateBasis::Application, false) => "Application year",
        (DateBasis::Priority, false) => "Earliest priority year",
        (DateBasis::Publication, false) => "Publication year",
    };
    let incomplete = |year: i32| data.meta.incomplete_from.is_some_and(|from| year >= from);
    let has_grants = rows.iter().any(|r| r.grants.is_some());
    let peak = rows
        .iter()
        .max_by_key(|r| (r.applications, std::cmp::Reverse(r.year)))
        .expect("not empty");
    let mut desc = if zh {
        format!(
            "{}–{} 年每年的{unit}（柱形）{}。最多的是 {} 年，{}。",
            first.year,
            last.year,
            if has_grants {
                "及其中已授权的数量（折线）"
            } else {
                ""
            },
            peak.year,
            number(peak.applications, zh)
        )
    } else {
        format!(
            "{} per year, {}–{} (bars){}. The highest is {}: {}.",
            unit,
            first.year,
            last.year,
            if has_grants {
                ", with those granted (line)"
            } else {
                ""
            },
            peak.year,
            number(peak.applications, zh)
        )
    };
    if rows.iter().all(|r| r.applications == 0) {
        desc.push_str(zero_note(zh));
    }
    if let Some(from) = data.meta.incomplete_from.filter(|f| *f <= last.year) {
        let _ = write!(
            desc,
            "{}",
            if zh {
                format!(" {from} 年起的数据不完整：申请一般在 18 个月后才公开。")
            } else {
                format!(
                    " Data from {from} on is incomplete: applications are published about 18 months after filing."
                )
            }
        );
    }

    let (left, right, top, bottom) = (64.0, 16.0, 36.0, 56.0);
    let height = 320.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let (max, step) = scale(rows.iter().map(|r| r.applications).max().unwrap_or(0) as f64);
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let slot = plot_w / rows.len() as f64;
    let mut svg = String::new();
    svg_open(&mut svg, id, height, &heading, &desc);
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
            number(tick as u64, zh)
        );
        tick += step;
    }
    let label_every = rows.len().div_ceil(12);
    for (i, row) in rows.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let top_y = y(row.applications as f64);
        let class = if incomplete(row.year) {
            "bar bar-incomplete"
        } else {
            "bar"
        };
        let fill = if incomplete(row.year) {
            "#9fb8d3"
        } else {
            "#0b4a85"
        };
        let _ = write!(
            svg,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{top_y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{}: {}</title></rect>",
            slot * 0.7,
            top + plot_h - top_y,
            row.year,
            number(row.applications, zh)
        );
        if i % label_every == 0 {
            let _ = write!(
                svg,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#566272\">{}{}</text>",
                x + slot * 0.35,
                top + plot_h + 18.0,
                row.year,
                if incomplete(row.year) { "*" } else { "" }
            );
        }
    }
    if has_grants {
        let points: Vec<String> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                r.grants
                    .map(|g| format!("{:.1},{:.1}", left + slot * (i as f64 + 0.5), y(g as f64)))
            })
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
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#566272\"/>",
        WIDTH - right,
        top + plot_h,
        top + plot_h
    );
    let _ = write!(
        svg,
        "<text class=\"axis-title\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#374353\">{x_title}</text><text class=\"axis-title\" x=\"14\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {:.1})\" fill=\"#374353\">{unit}</text>",
        left + plot_w / 2.0,
        height - 10.0,
        top + plot_h / 2.0,
        top + plot_h / 2.0
    );
    legend(
        &mut svg,
        zh,
        has_grants,
        data.meta.incomplete_from.is_some_and(|f| f <= last.year),
        left,
    );
    svg.push_str("</svg>");

    // Optional columns, shown when any year has them: (header, value of a row).
    type Column = (&'static str, fn(&YearRow) -> Option<u64>);
    let columns: [Column; 3] = [
        (if zh { "授权" } else { "Granted" }, |r| r.grants),
        (if zh { "发明" } else { "Inventions" }, |r| r.invention),
        (if zh { "实用新型" } else { "Utility models" }, |r| {
            r.utility_model
        }),
    ];
    let optional: Vec<Column> = columns
        .into_iter()
        .filter(|(_, get)| rows.iter().any(|r| get(r).is_some()))
        .collect();
    let mut head = vec![if zh { "年份" } else { "Year" }, unit];
    head.extend(optional.iter().map(|(h, _)| *h));
    let table_rows: Vec<Vec<(String, &str)>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                (
                    format!("{}{}", r.year, if incomplete(r.year) { "*" } else { "" }),
                    "",
                ),
                (number(r.applications, zh), "num"),
            ];
            for (_, get) in &optional {
                let value = get(r).map_or_else(|| "—".into(), |v| number(v, zh));
                cells.push((value, "num"));
            }
            cells
        })
        .collect();
    let caption = if zh {
        "图表数据（* 数据不完整）"
    } else {
        "Chart data (* incomplete)"
    };
    Some(figure(
        "by_year",
        &heading,
        &svg,
        &desc,
        &table(caption, &head, &table_rows),
    ))
}

fn legend(svg: &mut String, zh: bool, grants: bool, incomplete: bool, left: f64) {
    let mut items = vec![("bar", if zh { "申请" } else { "Filed" })];
    if grants {
        items.push(("line", if zh { "授权" } else { "Granted" }));
    }
    if incomplete {
        items.push((
            "shade",
            if zh {
                "* 尚未全部公开"
            } else {
                "* not all published yet"
            },
        ));
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
    zh: bool,
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
            number(tick as u64, zh)
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

fn applicants(data: &BriefData, zh: bool) -> Option<String> {
    if data.applicants.is_empty() {
        return None;
    }
    let lang = if zh { "zh" } else { "en" };
    let mut list: Vec<_> = data.applicants.iter().collect();
    list.sort_by_key(|a| std::cmp::Reverse(a.count));
    list.truncate(TOP_APPLICANTS);
    let unit = unit(data, zh);
    let heading = title(
        data,
        zh,
        if zh {
            "主要申请人"
        } else {
            "Top applicants"
        },
    );
    let mut desc = if zh {
        format!(
            "{unit}最多的 {} 位申请人，第一位是{}（{}）。",
            list.len(),
            list[0].name(lang),
            number(list[0].count, zh)
        )
    } else {
        format!(
            "The {} applicants with the most {}; first is {} ({}).",
            list.len(),
            unit.to_lowercase(),
            list[0].name(lang),
            number(list[0].count, zh)
        )
    };
    if list[0].count == 0 {
        desc.push_str(zero_note(zh));
    }
    let bars: Vec<Bar> = list
        .iter()
        .map(|a| Bar {
            label: a.name(lang).to_string(),
            value: a.count as f64,
            shown: number(a.count, zh),
        })
        .collect();
    let svg = hbars("chart-applicants", &heading, &desc, &bars, unit, false, zh);
    let rows: Vec<Vec<(String, &str)>> = list
        .iter()
        .map(|a| vec![(a.name(lang).to_string(), ""), (number(a.count, zh), "num")])
        .collect();
    let caption = if zh { "图表数据" } else { "Chart data" };
    let head = [if zh { "申请人" } else { "Applicant" }, unit];
    Some(figure(
        "applicants",
        &heading,
        &svg,
        &desc,
        &table(caption, &head, &rows),
    ))
}

fn ipc_shares(data: &BriefData, zh: bool) -> Option<String> {
    let mut codes: Vec<(ipc::IpcCode, u64)> = data
        .ipc
        .iter()
        .filter_map(|r| ipc::parse(&r.code).map(|c| (c, r.count)))
        .collect();
    if codes.is_empty() {
        return None;
    }
    codes.sort();
    // Sorted, each subclass's codes are next to each other: (subclass, its total, its codes).
    let mut subclasses: Vec<(String, u64, Range<usize>)> = Vec::new();
    for (i, (code, count)) in codes.iter().enumerate() {
        match subclasses.last_mut() {
            Some((s, total, range)) if *s == code.subclass => {
                *total = total.saturating_add(*count);
                range.end = i + 1;
            }
            _ => subclasses.push((code.subclass.clone(), *count, i..i + 1)),
        }
    }
    let total = subclasses
        .iter()
        .fold(0u64, |t, (_, c, _)| t.saturating_add(*c));
    let share = |c: u64| fraction(c, total);
    let mut ranked = subclasses.clone();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let heading = title(
        data,
        zh,
        if zh {
            "IPC 小类分布"
        } else {
            "IPC subclasses"
        },
    );
    let mut desc = if zh {
        format!(
            "按 IPC 小类汇总的分类号计数占比，共 {} 个小类，最大的是 {}（{}）。一件专利可计入多个分类号。",
            ranked.len(),
            ranked[0].0,
            percent(share(ranked[0].1))
        )
    } else {
        format!(
            "Shares of classification counts by IPC subclass: {} subclasses, the largest {} ({}). A filing may count under several codes.",
            ranked.len(),
            ranked[0].0,
            percent(share(ranked[0].1))
        )
    };
    if total == 0 {
        desc.push_str(zero_note(zh));
    }
    let bars: Vec<Bar> = ranked
        .iter()
        .map(|(s, c, _)| Bar {
            label: s.clone(),
            value: share(*c),
            shown: percent(share(*c)),
        })
        .collect();
    let axis = if zh {
        "占分类号计数的比例"
    } else {
        "Share of classification counts"
    };
    let svg = hbars("chart-ipc", &heading, &desc, &bars, axis, true, zh);
    // The table lists each code under its subclass, in scheme order.
    let mut rows: Vec<Vec<(String, &str)>> = Vec::new();
    for (subclass, count, range) in &subclasses {
        rows.push(vec![
            (subclass.clone(), "group"),
            (number(*count, zh), "num group"),
            (percent(share(*count)), "num group"),
        ]);
        for (code, c) in codes[range.clone()]
            .iter()
            .filter(|(code, _)| code.group.is_some())
        {
            rows.push(vec![
                (code.display(), "sub"),
                (number(*c, zh), "num"),
                (percent(share(*c)), "num"),
            ]);
        }
    }
    let caption = if zh {
        "图表数据（按 IPC 顺序）"
    } else {
        "Chart data (in IPC order)"
    };
    let head = [
        if zh { "分类号" } else { "IPC" },
        if zh { "计数" } else { "Count" },
        if zh { "占比" } else { "Share" },
    ];
    Some(figure(
        "ipc",
        &heading,
        &svg,
        &desc,
        &table(caption, &head, &rows),
    ))
}

fn legal_status(data: &BriefData, zh: bool) -> Option<String> {
    if data.legal_status.is_empty() {
        return None;
    }
    let lang = if zh { "zh" } else { "en" };
    let total = data
        .legal_status
        .iter()
        .fold(0u64, |t, r| t.saturating_add(r.count));
    let share = |c: u64| fraction(c, total);
    let heading = title(data, zh, if zh { "法律状态" } else { "Legal status" });
    let top = data
        .legal_status
        .iter()
        .max_by_key(|r| r.count)
        .expect("not empty");
    let mut desc = if zh {
        format!(
            "各法律状态的占比，最多的是“{}”（{}）。",
            top.status.label(lang),
            percent(share(top.count))
        )
    } else {
        format!(
            "Share of each legal status; the largest is {} ({}).",
            top.status.label(lang).to_lowercase(),
            percent(share(top.count))
        )
    };
    if total == 0 {
        desc.push_str(zero_note(zh));
    }
    let bars: Vec<Bar> = data
        .legal_status
        .iter()
        .map(|r| Bar {
            label: r.status.label(lang).to_string(),
            value: share(r.count),
            shown: percent(share(r.count)),
        })
        .collect();
    let axis = if zh { "占比" } else { "Share" };
    let svg = hbars("chart-legal_status", &heading, &desc, &bars, axis, true, zh);
    let rows: Vec<Vec<(String, &str)>> = data
        .legal_status
        .iter()
        .map(|r| {
            vec![
                (r.status.label(lang).to_string(), ""),
                (number(r.count, zh), "num"),
                (percent(share(r.count)), "num"),
            ]
        })
        .collect();
    let caption = if zh { "图表数据" } else { "Chart data" };
    let head = [
        if zh { "法律状态" } else { "Status" },
        unit(data, zh),
        if zh { "占比" } else { "Share" },
    ];
    Some(figure(
        "legal_status",
        &heading,
        &svg,
        &desc,
        &table(caption, &head, &rows),
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
        assert_eq!(number(1705, false), "1,705");
        assert_eq!(number(1705, true), "1705");
        assert_eq!(number(12_345_678, false), "12,345,678");
    }
}
