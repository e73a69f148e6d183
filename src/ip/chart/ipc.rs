//! The IPC chart: each subclass's share as horizontal bars, and the table of every code under its
//! subclass in scheme order.

use std::ops::Range;

use super::hbars::{Bar, hbars};
use super::parts::{add_zero_note, figure, fraction, num, percent, table, title};
use crate::base::i18n::Strings;
use crate::ip;
use crate::ip::brief::BriefData;
use crate::ip::ipc::IpcCode;

/// Subclasses the chart shows when the brief does not say (`ipc_top`).
const TOP_SUBCLASSES: usize = 12;

/// An IPC subclass with the total of its codes and their range in the sorted codes.
type Subclass = (String, u64, Range<usize>);

/// The valid codes of the data in scheme order, and their subclasses.
fn ipc_subclasses(data: &BriefData) -> (Vec<(IpcCode, u64)>, Vec<Subclass>) {
    let mut codes: Vec<(IpcCode, u64)> = data
        .ipc
        .iter()
        .filter_map(|r| ip::ipc::parse(&r.code).map(|c| (c, r.count)))
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

/// The IPC subclasses chart, when the data has IPC codes (or codes that are not).
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
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
    // The largest subclasses have a bar each; the long tail and codes that are not IPC codes
    // share one "Other" bar, last (the table keeps every row).
    let top = data.meta.ipc_top.unwrap_or(TOP_SUBCLASSES).max(1);
    let rest = ranked.len().saturating_sub(top);
    let tail = ranked
        .drain(ranked.len() - rest..)
        .fold(data.ipc_other, |t, (_, c, _)| t.saturating_add(c));
    let other = strings.get("chart_ipc_other");
    if tail > 0 || rest > 0 {
        ranked.push((other.to_string(), tail, 0..0));
    }
    let heading = title(data, strings, "chart_ipc_title");
    let mut desc = strings.fill(
        "chart_ipc_desc",
        &[
            ("count", &subclasses.len().to_string()),
            ("largest", &ranked[0].0),
            ("share", &percent(share(ranked[0].1))),
        ],
    );
    // How the export or data file counted: once per record, or once per code.
    desc.push_str(strings.get(if data.meta.ipc_first_code {
        "chart_ipc_desc_first"
    } else {
        "chart_ipc_desc_every"
    }));
    if rest > 0 {
        desc.push_str(&strings.fill(
            "chart_ipc_rest",
            &[("top", &top.to_string()), ("rest", &rest.to_string())],
        ));
    }
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
    let axis = strings.get(if data.meta.ipc_first_code {
        "chart_ipc_axis_first"
    } else {
        "chart_ipc_axis"
    });
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
