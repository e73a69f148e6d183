//! The legal status chart: each status's share as horizontal bars, and their table.

use super::hbars::{Bar, hbars};
use super::parts::{add_zero_note, figure, fraction, num, percent, table, title, unit};
use crate::base::i18n::Strings;
use crate::ip::brief::{BriefData, Status};

/// The legal status chart, when the data has statuses.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
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
