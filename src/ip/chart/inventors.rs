//! The top inventors chart: the inventors named on the most records as horizontal bars (labels
//! measured and shortened like the applicants'), ties at the cut told in the description.

use super::hbars::{Ranking, ranking_figure};
use super::parts::{num, tied_after, title, unit};
use crate::base::i18n::Strings;
use crate::ip::brief::BriefData;

/// Inventors shown, the most first.
const TOP_INVENTORS: usize = 10;

/// The top inventors chart, when the export names inventors.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    let all = &data.inventors;
    if all.is_empty() {
        return None;
    }
    let counts: Vec<u64> = all.iter().map(|(_, c)| *c).collect();
    let tied = tied_after(&counts, TOP_INVENTORS);
    let list = &all[..all.len().min(TOP_INVENTORS)];
    let unit = unit(data, strings);
    let heading = title(data, strings, "chart_inventors_title");
    let mut desc = strings.fill(
        "chart_inventors_desc",
        &[
            ("count", &list.len().to_string()),
            ("unit", unit),
            ("unit_lowercase", &unit.to_lowercase()),
            ("name", &list[0].0),
            ("value", &num(list[0].1, strings)),
        ],
    );
    if tied > 0 {
        desc.push_str(&strings.fill(
            "chart_inventors_ties",
            &[
                ("more", &tied.to_string()),
                ("unit", unit),
                ("unit_lowercase", &unit.to_lowercase()),
                ("value", &num(list[list.len() - 1].1, strings)),
            ],
        ));
    }
    Some(ranking_figure(
        &Ranking {
            kind: "inventors",
            heading: &heading,
            desc: &desc,
            axis: unit,
            head: [strings.get("chart_inventor"), unit],
            drawn: list,
            listed: list,
        },
        strings,
    ))
}
